"""Fetch a table from Statistics Norway's PxWebApi v2 as JSON-stat 2.0.

    GET {api}/tables/{table}/data?lang=no&outputFormat=json-stat2
        &valueCodes[Region]=4003,40,0&valueCodes[Tid]=top(1)&codelist[Region]=agg_KommGjeldende

Deadline, size cap and retries are the HTTP helper's (stats/http.py): a timeout, a dropped
connection, 429 or a 5xx answer is retried within the deadline (honouring Retry-After); other
4xx answers fail at once with SSB's own message.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..limits import DEFAULT_FETCH_DEADLINE_SECONDS
from .http import FetchFailed, fetch_json, one_line

if TYPE_CHECKING:
    import httpx

DEFAULT_API = "https://data.ssb.no/api/pxwebapi/v2"
API_ENV = "KUNNSKAPSGRUNNLAG_SSB_API"
TABLE_PATTERN = re.compile(r"^[0-9A-Za-z_]+$")


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
    timeout: float = DEFAULT_FETCH_DEADLINE_SECONDS,
    attempt_timeout: float | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> Any:
    """The table's data as parsed JSON-stat 2.0. Raises `FetchFailed` with a plain message.

    `timeout` is the deadline for the whole fetch (every attempt and every wait between them);
    `attempt_timeout`, if given, bounds each attempt within it.
    """
    if not TABLE_PATTERN.match(table):
        raise FetchFailed(f"ugyldig tabellnummer {table!r}: forventet f.eks. 13556")
    url = f"{api_base(api)}/tables/{table}/data"
    try:
        return fetch_json(
            url,
            data_params(value_codes, codelists),
            service="SSB",
            deadline=timeout,
            attempt_timeout=attempt_timeout,
            retries=retries,
            backoff=backoff,
            sleep=sleep,
            transport=transport,
            describe_error=_detail,
        )
    except FetchFailed as exc:
        message = str(exc)
        if message.startswith("SSB avviste spørringen"):
            message = message.replace("SSB avviste spørringen", f"SSB avviste spørringen mot tabell {table}", 1)
        raise FetchFailed(message) from exc


def _detail(raw: bytes) -> str:
    """SSB's own words for a refused query (problem+json, or a list of messages)."""
    try:
        body = json.loads(raw)
    except ValueError:
        return one_line(raw.decode("utf-8", "replace"))
    if isinstance(body, dict):
        parts = [str(body[k]) for k in ("title", "detail", "message") if body.get(k)]
        return ": ".join(parts)
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return "; ".join(str(item.get("message") or item.get("title") or item) for item in body)
    return str(body)[:200]
