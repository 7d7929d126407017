"""Every Norwegian phrase the statistics slides and charts put on screen, in one place.

Templates (slides, notes) carry most text; these are the few phrases the statistic layout
composes from figures. Kept together so a translation (nynorsk) replaces one table.
"""

from __future__ import annotations

WORDING: dict[str, str] = {
    "missing_heading": "Tall for {sted} mangler",
    "missing_where": "Datagrunnlaget har ikke tall for {sted}. Tall for alle kommuner: {kilde}",
    "small_count": "Få personer: andelen for {sted} i {periode} bygger på {antall} personer.",
    "series_gap": "{sted}: ingen tall for {perioder}. Grunn: {grunn}.",
    "bands_total": "{navn} i {sted}, 1. januar {periode}",
    "change_heading": "Endring siden {fra}",
    "change_missing": "ikke tilgjengelig",
    "source": "Kilde: {kilder}.",
    "alt_line": "Linjediagram: {navn}.",
    "alt_bars": "Stolpediagram: {navn}.",
    "alt_bands": "Stolpediagram: {navn} i {sted} 1. januar {periode}, etter alder.",
    "alt_total": "I alt {verdi}.",
    "not_loaded": "Statistikken «{indikator}» er ikke lastet for denne presentasjonen.",
    "country": "Hele landet",
    "country_in": "hele landet",
}


def say(key: str, **values: object) -> str:
    return WORDING[key].format(**values)
