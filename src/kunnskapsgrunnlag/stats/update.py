"""`stats oppdater`: fetch every indicator for an office's counties from SSB and FHI.

Each indicator that can be fetched says how in `indikatorer.yaml`:

    barnevern:
      fetch: {service: fhi, source: nokkel, table: "337", select: {MEASURE_TYPE: RATE}}
    barnehage:
      fetch: {service: ssb, table: "13502", values: {Tid: "top(1)"}, factor: 1}

`values` narrows the query (SSB valueCodes; FHI categories, comma-separated), `select` picks one
category of every other dimension when the answer is imported, `factor` scales the values.
The regions asked for are the whole country, the counties and every municipality in them.
The answer goes through the same import as `stats import` (`import_jsonstat`); this module
plans and fetches, the CLI writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..registry import Registry
from .fetch import FetchFailed, fetch_table
from .fhi import fetch_fhi_table
from .importing import Imported, import_jsonstat
from .model import LAND, Indicator

if TYPE_CHECKING:
    import httpx

SERVICES = ("ssb", "fhi")
LICENCES = {"ssb": "NLOD / CC BY 4.0 (Kilde: SSB)", "fhi": "NLOD / CC BY 4.0 (Kilde: FHI)"}
FETCH_FIELDS = ("service", "source", "table", "values", "select", "factor", "codelist")


@dataclass(frozen=True)
class FetchPlan:
    indicator: str
    service: str  # "ssb" or "fhi"
    table: str
    regions: tuple[str, ...]
    source: str = ""  # FHI's source id, e.g. "nokkel"
    values: tuple[tuple[str, str], ...] = ()
    select: tuple[tuple[str, str], ...] = ()
    codelist: tuple[tuple[str, str], ...] = ()
    factor: float = 1.0

    @property
    def origin(self) -> str:
        if self.service == "fhi":
            return f"FHI statistikkbank ({self.source}), tabell {self.table}"
        return f"SSB PxWebApi v2, tabell {self.table}"

    def describe(self) -> str:
        narrowed = ", ".join(f"{k}={v}" for k, v in self.values)
        return f"{self.indicator}: {self.origin}, {len(self.regions)} regioner" + (f", {narrowed}" if narrowed else "")


def fetch_config_problems(indicator_id: str, config: Any) -> list[str]:
    """What is wrong with an indicator's `fetch:` entry (empty when it is usable)."""
    if not isinstance(config, Mapping):
        return [f"{indicator_id}.fetch: forventet feltene service, table …"]
    problems = [f"{indicator_id}.fetch.{key}: ukjent felt" for key in config if key not in FETCH_FIELDS]
    if config.get("service") not in SERVICES:
        problems.append(f"{indicator_id}.fetch.service: forventet en av ({', '.join(SERVICES)})")
    if not str(config.get("table") or "").strip():
        problems.append(f"{indicator_id}.fetch.table: mangler tabellnummeret")
    if config.get("service") == "fhi" and not str(config.get("source") or "").strip():
        problems.append(f"{indicator_id}.fetch.source: FHI trenger kilden (f.eks. nokkel)")
    for key in ("values", "select", "codelist"):
        if key in config and not isinstance(config[key], Mapping):
            problems.append(f"{indicator_id}.fetch.{key}: forventet DIMENSJON: KODE")
    factor = config.get("factor", 1)
    if isinstance(factor, bool) or not isinstance(factor, int | float) or factor <= 0:
        problems.append(f"{indicator_id}.fetch.factor: forventet et positivt tall")
    return problems


def regions_for(registry: Registry, counties: Iterable[str]) -> tuple[str, ...]:
    """The country, the counties and their municipalities, in that order."""
    counties = list(dict.fromkeys(counties))
    kommuner = [k.nummer for k in registry.kommuner if k.fylke.nummer in counties]
    return (LAND, *counties, *kommuner)


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in (value or {}).items())


def plan(indicators: Mapping[str, Indicator], configs: Mapping[str, Any], regions: tuple[str, ...]) -> list[FetchPlan]:
    """One plan per indicator with a valid `fetch:` entry, in indicator order."""
    out = []
    for ind_id in sorted(configs):
        if ind_id not in indicators or fetch_config_problems(ind_id, configs[ind_id]):
            continue
        c = configs[ind_id]
        out.append(
            FetchPlan(
                ind_id,
                c["service"],
                str(c["table"]).strip(),
                regions,
                source=str(c.get("source") or "").strip(),
                values=_pairs(c.get("values")),
                select=_pairs(c.get("select")),
                codelist=_pairs(c.get("codelist")),
                factor=float(c.get("factor", 1)),
            )
        )
    return out


def fetch(
    p: FetchPlan,
    *,
    ssb_api: str | None = None,
    fhi_api: str | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    transport: httpx.BaseTransport | None = None,
) -> Any:
    """The raw JSON-stat answer for one plan."""
    if p.service == "fhi":
        pinned = {k: [v.strip() for v in value.split(",")] for k, value in p.values}
        return fetch_fhi_table(
            p.source, p.table, p.regions, pinned, api=fhi_api, timeout=timeout, retries=retries, transport=transport
        )
    if p.service == "ssb":
        codes = {"Region": ",".join(p.regions), **dict(p.values)}
        return fetch_table(
            p.table, codes, dict(p.codelist), api=ssb_api, timeout=timeout, retries=retries, transport=transport
        )
    raise FetchFailed(f"{p.indicator}: ukjent tjeneste {p.service!r}")


def import_answer(p: FetchPlan, data: Any, registry: Registry) -> Imported:
    """The answer through the same import as `stats import`."""
    return import_jsonstat(data, p.indicator, registry, origin=p.origin, select=dict(p.select), factor=p.factor)
