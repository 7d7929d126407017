"""One HTTP helper for the statistics services (SSB, FHI): a hard deadline, a size cap, polite
retries, and every failure as one line for the user.

- The deadline covers everything: connecting, every attempt, reading (however slowly the server
  drips), and waiting between attempts. A watchdog closes the connection when it passes.
- A body larger than the cap is refused as soon as it is declared or read past the cap.
- 429 and 5xx are retried with backoff; `Retry-After` (seconds or an HTTP date) is honoured when
  the wait fits inside the deadline, and otherwise named in the message.
- Redirect loops, TLS and DNS failures, bad addresses: one line, never a traceback.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import KunnskapsgrunnlagError
from ..limits import DEFAULT_FETCH_DEADLINE_SECONDS, MAX_RESPONSE_BYTES

if TYPE_CHECKING:
    import httpx

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 5


class FetchFailed(KunnskapsgrunnlagError):
    """The statistics service did not answer with a usable result."""


class _TooLarge(Exception):
    pass


class _PastDeadline(Exception):
    pass


def one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """`Retry-After` as seconds from now: a number of seconds or an HTTP date; None if absent or odd."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def fetch_json(
    url: str,
    params: Mapping[str, str] | None = None,
    *,
    service: str = "SSB",
    deadline: float = DEFAULT_FETCH_DEADLINE_SECONDS,
    attempt_timeout: float | None = None,
    max_bytes: int = MAX_RESPONSE_BYTES,
    retries: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
    describe_error: Callable[[bytes], str] | None = None,
    method: str = "GET",
    json_body: Any = None,
) -> Any:
    """The parsed JSON answer of a GET (or a POST of `json_body`), within `deadline` seconds in all.

    Raises `FetchFailed` with one plain line."""
    import httpx  # here, not at the top: only the fetching commands need the HTTP client

    end = time.monotonic() + deadline
    headers = {"Accept": "application/json", "User-Agent": f"kunnskapsgrunnlag/{__version__}"}
    last_problem = f"svarte ikke innen fristen på {deadline:g} sekunder"
    attempts = 0
    try:
        client = httpx.Client(headers=headers, transport=transport, follow_redirects=True, max_redirects=MAX_REDIRECTS)
    except (ValueError, httpx.HTTPError) as exc:
        raise FetchFailed(f"{service}: kunne ikke starte HTTP-klienten: {one_line(exc)}") from exc
    with client:
        for attempt in range(retries + 1):
            remaining = end - time.monotonic()
            if remaining <= 0:
                break
            attempts += 1
            per_attempt = min(remaining, attempt_timeout or remaining)
            try:
                status, body, retry_after = _request(
                    client, method, url, params, json_body, time.monotonic() + per_attempt, max_bytes
                )
            except _TooLarge as exc:
                raise FetchFailed(
                    f"{service} ({url}) svarte med mer enn {max_bytes // (1024 * 1024)} MiB; "
                    "avgrens spørringen (f.eks. færre regioner eller år)"
                ) from exc
            except (_PastDeadline, httpx.TimeoutException, httpx.StreamError):  # StreamError: the watchdog closed it
                last_problem = f"svarte ikke innen {per_attempt:g} sekunder"
                continue
            except httpx.TooManyRedirects as exc:
                raise FetchFailed(
                    f"{service} ({url}) sendte mer enn {MAX_REDIRECTS} omdirigeringer (en løkke?)"
                ) from exc
            except httpx.UnsupportedProtocol as exc:
                raise FetchFailed(f"{service}: ugyldig adresse {url!r}: {one_line(exc)}") from exc
            except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
                last_problem = f"kunne ikke kobles til ({exc.__class__.__name__}: {one_line(exc)})"
                continue
            if status in RETRY_STATUS:
                detail = (describe_error or _plain)(body)
                last_problem = one_line(f"svarte {status} {detail}".rstrip())
                if attempt == retries:
                    break
                wait = retry_after if retry_after is not None else backoff * 2**attempt
                if wait > end - time.monotonic():
                    if retry_after is not None:
                        last_problem += f"; ba om å vente {wait:g} sekunder (Retry-After), mer enn fristen"
                    break
                sleep(wait)
                continue
            if status >= 400:
                detail = one_line((describe_error or _plain)(body))
                raise FetchFailed(f"{service} avviste spørringen: {status} {detail}".rstrip())
            try:
                return json.loads(body, parse_constant=_not_a_number)
            except (ValueError, RecursionError) as exc:
                raise FetchFailed(f"{service} svarte ikke med gyldig JSON: {one_line(exc)}") from exc
    raise FetchFailed(f"{service} ({url}) {last_problem}; ga opp etter {attempts} forsøk")


def _not_a_number(name: str) -> Any:
    raise ValueError(f"{name} er ikke et tall i JSON")


def _plain(body: bytes) -> str:
    return one_line(body.decode("utf-8", "replace"))


def _request(
    client: httpx.Client,
    method: str,
    url: str,
    params: Mapping[str, str] | None,
    json_body: Any,
    until: float,
    max_bytes: int,
) -> tuple[int, bytes, float | None]:
    import httpx

    timeout = httpx.Timeout(max(0.001, until - time.monotonic()))
    with client.stream(method, url, params=params, json=json_body, timeout=timeout) as response:
        # The watchdog: a server that drips a byte at a time never reaches a read timeout.
        watchdog = threading.Timer(max(0.0, until - time.monotonic()), response.close)
        watchdog.daemon = True
        watchdog.start()
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _TooLarge
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in response.iter_raw():
                    size += len(chunk)
                    if size > max_bytes:
                        raise _TooLarge
                    if time.monotonic() > until:
                        raise _PastDeadline
                    chunks.append(chunk)
            except (httpx.StreamClosed, httpx.ReadError, httpx.RemoteProtocolError) as exc:
                if time.monotonic() >= until:
                    raise _PastDeadline from exc
                raise
        finally:
            watchdog.cancel()
        body = b"".join(chunks)
        encoding = response.headers.get("content-encoding", "")
        if encoding and encoding != "identity":
            body = _decode(body, encoding, max_bytes)
        return response.status_code, body, retry_after_seconds(response.headers.get("retry-after"))


def _decode(body: bytes, encoding: str, max_bytes: int) -> bytes:
    """Decompress gzip or deflate, refusing a body that unpacks past the cap (a zip bomb)."""
    import zlib

    if encoding not in ("gzip", "deflate"):
        raise ValueError(f"ukjent innholdskoding {encoding!r}")
    decoder = zlib.decompressobj(wbits=47)  # gzip or zlib, detected from the header
    out = decoder.decompress(body, max_bytes + 1)
    if len(out) > max_bytes or decoder.unconsumed_tail:
        raise _TooLarge
    return out
