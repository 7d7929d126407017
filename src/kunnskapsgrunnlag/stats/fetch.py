"""Fetch a table from Statistics Norway's PxWebApi v2 as JSON-stat 2.0.

    GET {api}/tables/{table}/data?lang=no&outputFormat=json-stat2
        &valueCodes[Region]=4003,40,0&valueCodes[Tid]=top(1)&codelist[Region]=agg_KommGjeldende

Timeouts and retries: a timeout, a dropped connection, 429 or a 5xx answer is retried with
exponential backoff; other 4xx answers fail at once with SSB's own message.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import KunnskapsgrunnlagError

if TYPE_CHECKING:
    import httpx

DEFAULT_API = "https://data.ssb.no/api/pxwebapi/v2"
API_ENV = "KUNNSKAPSGRUNNLAG_SSB_API"
RETRY_STATUS = {429, 500, 502, 503, 504}
TABLE_PATTERN = re.compile(r"^[0-9A-Za-z_]+$")


class FetchFailed(KunnskapsgrunnlagError):
    """The statistics service did not answer with a usable table."""


def api_base(explicit: str | None = None) -> str:
    return (explicit or os.environ.get(API_ENV) or DEFAULT_API).rstrip("/")


def data_params(
    value_codes: Mapping[str, str], codelists: Mapping[str, str] | None = None, lang: str = "no"
) -> dict[str, str]:
    params = {"lang": lang, "outputFormat": "json-stat2"}
    params.update({f"valueCodes[{dim}]": codes for dim, codes in value_codes.items()})
    params.update({f"codelist[{dim}]": name for dim, name in (codelists or {}).items()})
    return params


def fetch_table(
    table: str,
    value_codes: Mapping[str, str],
    codelists: Mapping[str, str] | None = None,
    *,
    api: str | None = None,
    timeout: float = 15.0,
    retries: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> Any:
    """The table's data as parsed JSON-stat 2.0. Raises `FetchFailed` with a plain message."""
    import httpx  # here, not at the top: only this command needs the HTTP client

    if not TABLE_PATTERN.match(table):
        raise FetchFailed(f"ugyldig tabellnummer {table!r}: forventet f.eks. 13556")
    url = f"{api_base(api)}/tables/{table}/data"
    params = data_params(value_codes, codelists)
    headers = {"Accept": "application/json", "User-Agent": f"kunnskapsgrunnlag/{__version__}"}
    last_problem = ""
    with httpx.Client(
        timeout=httpx.Timeout(timeout), headers=headers, transport=transport, follow_redirects=True
    ) as client:
        for attempt in range(retries + 1):
            if attempt:
                sleep(backoff * 2 ** (attempt - 1))
            try:
                response = client.get(url, params=params)
            except httpx.TimeoutException:
                last_problem = f"svarte ikke innen {timeout:g} sekunder"
                continue
            except httpx.TransportError as exc:
                last_problem = f"kunne ikke kobles til ({exc.__class__.__name__}: {exc})"
                continue
            if response.status_code in RETRY_STATUS:
                last_problem = f"svarte {response.status_code} {_detail(response)}".rstrip()
                continue
            if response.status_code >= 400:
                raise FetchFailed(
                    f"SSB avviste spørringen mot tabell {table}: {response.status_code} {_detail(response)}".rstrip()
                )
            try:
                return response.json()
            except ValueError as exc:
                raise FetchFailed(f"SSB svarte ikke med JSON for tabell {table}: {exc}") from exc
    raise FetchFailed(f"SSB ({url}) {last_problem}; ga opp etter {retries + 1} forsøk")


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:200]
    if isinstance(body, dict):
        parts = [str(body[k]) for k in ("title", "detail", "message") if body.get(k)]
        return ": ".join(parts)
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return "; ".join(str(item.get("message") or item.get("title") or item) for item in body)
    return str(body)[:200]
