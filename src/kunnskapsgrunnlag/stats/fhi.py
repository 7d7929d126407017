"""Fetch a table from FHI's statistikkbank (FHI Statistikk Open API) as JSON-stat 2.0.

The API, as its user guide (github.com/folkehelseinstituttet/Fhi.Statistikk.OpenAPI) describes it:

    GET  {api}/{source}/Table/{table}/query   the request body for the whole table: every
                                              dimension with its categories
    POST {api}/{source}/Table/{table}/data    that body, narrowed, answers JSON-stat 2.0

Every dimension must be named in the data request with one filter: `item` (these categories),
`top` (the first n) or `all` (wildcards, `["*"]` for every category). We ask for the table's own
query, keep it as it is except the geography (`GEO`, narrowed to the regions we want) and the
dimensions the indicator pins, so a table's layout never has to be hard-coded here.

Both calls go through `http.fetch_json`, as SSB's do: one overall deadline for the two, a cap on
the answer's size, retries with backoff (429 honours Retry-After) and one-line errors; other 4xx
answers fail at once with FHI's own message.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..limits import DEFAULT_FETCH_DEADLINE_SECONDS
from .http import FetchFailed, fetch_json, one_line

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


def _fhi_detail(body: bytes) -> str:
    """FHI puts the reason in the answer's `status` field (its user guide, "Status codes")."""
    try:
        parsed = json.loads(body)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and isinstance(parsed.get("status"), str) and parsed["status"].strip():
        return one_line(parsed["status"].strip(), 300)
    return one_line(body.decode("utf-8", "replace"))


def fetch_fhi_table(
    source: str,
    table: str,
    regions: Sequence[str],
    pinned: Mapping[str, Sequence[str]] | None = None,
    *,
    api: str | None = None,
    timeout: float = DEFAULT_FETCH_DEADLINE_SECONDS,
    retries: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> Any:
    """The table's data for `regions` as parsed JSON-stat 2.0, within `timeout` seconds for the whole
    fetch (query and data). Raises `FetchFailed` with a plain message."""
    for what, value in (("kilde", source), ("tabell", table)):
        if not ID_PATTERN.match(value):
            raise FetchFailed(f"ugyldig FHI-{what} {value!r}: forventet f.eks. nokkel og 337")
    base = f"{api_base(api)}/{source}/Table/{table}"
    end = time.monotonic() + timeout
    common = {
        "service": f"FHI ({source} tabell {table})",
        "retries": retries,
        "backoff": backoff,
        "sleep": sleep,
        "transport": transport,
        "describe_error": _fhi_detail,
    }
    query = fetch_json(f"{base}/query", deadline=timeout, **common)
    remaining = end - time.monotonic()
    if remaining <= 0:
        raise FetchFailed(f"FHI ({source} tabell {table}) svarte ikke innen fristen på {timeout:g} sekunder")
    body = data_request(query, regions, pinned or {})
    return fetch_json(f"{base}/data", deadline=remaining, method="POST", json_body=body, **common)
