"""Fetch a table from FHI's statistikkbank (FHI Statistikk Open API) as JSON-stat 2.0.

The API, as its user guide (github.com/folkehelseinstituttet/Fhi.Statistikk.OpenAPI) describes it:

    GET  {api}/{source}/Table/{table}/query   the request body for the whole table: every
                                              dimension with its categories
    POST {api}/{source}/Table/{table}/data    that body, narrowed, answers JSON-stat 2.0

Every dimension must be named in the data request with one filter: `item` (these categories),
`top` (the first n) or `all` (wildcards, `["*"]` for every category). We ask for the table's own
query, keep it as it is except the geography (`GEO`, narrowed to the regions we want) and the
dimensions the indicator pins, so a table's layout never has to be hard-coded here.

Timeouts and retries as for SSB (`fetch.py`): a timeout, a dropped connection, 429 or a 5xx
answer is retried with exponential backoff; other 4xx answers fail at once with FHI's message.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import __version__
from .fetch import RETRY_STATUS, FetchFailed, _detail

if TYPE_CHECKING:
    import httpx

DEFAULT_API = "https://statistikk-data.fhi.no/api/open/v1"
API_ENV = "KUNNSKAPSGRUNNLAG_FHI_API"
ID_PATTERN = re.compile(r"^[0-9A-Za-z_]+$")
GEO = "GEO"
MAX_ROWS = 50_000  # the API refuses answers larger than maxRowCount: a bound on what we accept


def api_base(explicit: str | None = None) -> str:
    return (explicit or os.environ.get(API_ENV) or DEFAULT_API).rstrip("/")


def data_request(query: Any, regions: Sequence[str], pinned: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The table's own query narrowed to `regions` (GEO) and the `pinned` categories."""
    if not isinstance(query, dict) or not isinstance(query.get("dimensions"), list):
        raise FetchFailed("FHI svarte ikke med en spørring (forventet feltet dimensions)")
    dimensions = []
    codes = set()
    for dim in query["dimensions"]:
        if not isinstance(dim, dict) or not isinstance(dim.get("code"), str):
            raise FetchFailed("FHI-spørringen har en dimensjon uten code")
        code = dim["code"]
        codes.add(code)
        if code == GEO:
            dimensions.append({"code": GEO, "filter": "item", "values": list(regions)})
        elif code in pinned:
            dimensions.append({"code": code, "filter": "item", "values": list(pinned[code])})
        else:
            dimensions.append({"code": code, "filter": dim.get("filter", "all"), "values": dim.get("values", ["*"])})
    if GEO not in codes:
        raise FetchFailed("FHI-tabellen har ingen GEO-dimensjon (geografi)")
    unknown = sorted(set(pinned) - codes)
    if unknown:
        raise FetchFailed(f"FHI-tabellen har ikke dimensjonen {', '.join(unknown)}; kjente: {', '.join(sorted(codes))}")
    return {"dimensions": dimensions, "response": {"format": "json-stat2", "maxRowCount": MAX_ROWS}}


def _fhi_detail(response: httpx.Response) -> str:
    """FHI puts the reason in the answer's `status` field (its user guide, "Status codes")."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("status"), str) and body["status"].strip():
        return body["status"].strip()[:300]
    return _detail(response)


def fetch_fhi_table(
    source: str,
    table: str,
    regions: Sequence[str],
    pinned: Mapping[str, Sequence[str]] | None = None,
    *,
    api: str | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> Any:
    """The table's data for `regions` as parsed JSON-stat 2.0. Raises `FetchFailed` with a plain message."""
    import httpx  # only the update command needs the HTTP client

    for what, value in (("kilde", source), ("tabell", table)):
        if not ID_PATTERN.match(value):
            raise FetchFailed(f"ugyldig FHI-{what} {value!r}: forventet f.eks. nokkel og 337")
    base = f"{api_base(api)}/{source}/Table/{table}"
    headers = {"Accept": "application/json", "User-Agent": f"kunnskapsgrunnlag/{__version__}"}
    with httpx.Client(
        timeout=httpx.Timeout(timeout), headers=headers, transport=transport, follow_redirects=True
    ) as client:

        def call(method: str, url: str, body: Any = None) -> Any:
            last_problem = ""
            for attempt in range(retries + 1):
                if attempt:
                    sleep(backoff * 2 ** (attempt - 1))
                try:
                    response = client.request(method, url, json=body)
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
                        f"FHI avviste spørringen mot {source} tabell {table}: "
                        f"{response.status_code} {_fhi_detail(response)}".rstrip()
                    )
                try:
                    return response.json()
                except ValueError as exc:
                    raise FetchFailed(f"FHI svarte ikke med JSON for {source} tabell {table}: {exc}") from exc
            raise FetchFailed(f"FHI ({url}) {last_problem}; ga opp etter {retries + 1} forsøk")

        query = call("GET", f"{base}/query")
        return call("POST", f"{base}/data", data_request(query, regions, pinned or {}))
