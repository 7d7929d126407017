"""The project's statistics as the build uses them: loaded once, attached to decks, checked."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import ContentError, Problem, display_path
from ..messages import msg, translate_missing
from ..model import Catalogue, Deck
from ..suggest import did_you_mean
from .load import FIGURE_FOLDER, INDICATOR_FILE, StatsStore, load_statistics, statistics_dir
from .model import Comparison, Figure, Indicator


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    folder = statistics_dir(root)
    paths = [folder / INDICATOR_FILE, *sorted((folder / FIGURE_FOLDER).glob("*.yaml"))]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file())


def project_statistics(root: Path) -> StatsStore | None:
    """The project's statistics, or None if it has none. Raises `ContentError` on broken files."""
    if not (statistics_dir(root) / INDICATOR_FILE).is_file():
        return None
    return _cached(root.resolve(), _fingerprint(root))


@lru_cache(maxsize=4)
def _cached(root: Path, fingerprint: tuple) -> StatsStore:
    return load_statistics(statistics_dir(root), root)


def project_statistics_or_none(root: Path) -> StatsStore | None:
    """Like `project_statistics`, but None when the files are broken (`check` reports them)."""
    try:
        return project_statistics(root)
    except ContentError:
        return None


def with_statistics(deck: Deck, store: StatsStore | None) -> Deck:
    if store is None:
        return deck
    comparisons = store.comparisons(deck.kommune)
    if deck.malform != "bokmal":
        texts = indicator_texts_nn(store.files[0].parent if store.files else None)
        comparisons = {key: in_malform(c, deck.malform, texts.get(key, {}), texts) for key, c in comparisons.items()}
    return dataclasses.replace(deck, statistikk=comparisons)


NN_INDICATOR_FILE = "indikatorer.nn.yaml"
NN_TEXT_FIELDS = ("label", "short", "description")


def indicator_texts_nn(folder: Path | None) -> dict[str, dict[str, str]]:
    """The indicators' nynorsk texts (label, short, description) from the overlay beside the
    definitions; an indicator without one keeps its bokmål text (check warns)."""
    path = folder / NN_INDICATOR_FILE if folder else None
    if path is None or not path.is_file():
        return {}
    return _nn_texts(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _nn_texts(path: Path, _mtime: int) -> dict[str, dict[str, str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}  # check reports a broken overlay
    if not isinstance(data, dict):
        return {}
    return {
        str(key): {f: str(entry[f]) for f in NN_TEXT_FIELDS if isinstance(entry.get(f), str)}
        for key, entry in data.items()
        if isinstance(entry, dict)
    }


def in_malform(
    comparison: Comparison, malform: str, texts: dict[str, str], every: dict[str, dict[str, str]] | None = None
) -> Comparison:
    """One comparison with its labels and the reasons for missing values in `malform`.

    `texts` are the indicator's own texts; `every` (all indicators' texts) gives the age bands theirs.
    """
    indicator = dataclasses.replace(comparison.indicator, **texts) if texts else comparison.indicator

    def figure(f: Figure | None) -> Figure | None:
        if f is None or not f.missing:
            return f
        return dataclasses.replace(f, missing=translate_missing(f.missing, malform))

    def figures(series: tuple[Figure, ...]) -> tuple[Figure, ...]:
        return tuple(figure(f) or f for f in series)

    def band(ind: Indicator) -> Indicator:
        own = (every or {}).get(ind.id)
        return dataclasses.replace(ind, **own) if own else ind

    return dataclasses.replace(
        comparison,
        indicator=indicator,
        kommune=figure(comparison.kommune),
        fylke=figure(comparison.fylke),
        land=figure(comparison.land),
        land_navn=msg("whole_country", malform),
        land_series=figures(comparison.land_series),
        kommune_series=figures(comparison.kommune_series),
        fylke_series=figures(comparison.fylke_series),
        count=figure(comparison.count),
        bands=tuple((band(ind), figure(f)) for ind, f in comparison.bands),
        changes=tuple(
            (role, msg("whole_country", malform) if role == "land" else label, figure(then), figure(now))
            for role, label, then, now in comparison.changes
        ),
        malform=malform,
    )


def without_missing_statistics(deck: Deck) -> Deck:
    """The deck without its statistics slides that have no figure for the municipality
    (a recipe's `uten_lokale_tall: hopp over`); the sources only those slides cited go too."""
    from ..render.statistic import kind

    comparisons = deck.statistikk or {}

    def missing(entry) -> bool:
        if entry.slide.layout != "statistic" or deck.kommune is None:
            return False
        comparison = comparisons.get(entry.slide.content.indicator or "")
        return comparison is not None and kind(comparison) == "missing"

    slides = tuple(e for e in deck.slides if not missing(e))
    if len(slides) == len(deck.slides):
        return deck
    used = {key for e in slides for key in e.slide.sources}
    sources = {key: value for key, value in deck.sources.items() if key in used}
    return dataclasses.replace(deck, slides=slides, sources=sources)


def check_statistics(catalogue: Catalogue, root: Path) -> list[Problem]:
    """Problems in data/statistikk, and statistic slides naming an unknown indicator."""
    try:
        store = project_statistics(root)
    except ContentError as exc:
        return list(exc.problems)
    problems = []
    known = store.indicators if store else {}
    for slide in catalogue.slides.values():
        indicator = slide.content.indicator
        if slide.layout != "statistic" or indicator in known:
            continue
        where = display_path(slide.path, root) if slide.path else slide.id
        if store is None:
            message = (
                f"indicator: fant ikke {display_path(statistics_dir(root) / INDICATOR_FILE, root)}, "
                f"så '{indicator}' kan ikke slås opp"
            )
        else:
            message = (
                f"indicator: ukjent indikator {indicator!r}{did_you_mean(str(indicator), known)} "
                f"(kjente: {', '.join(sorted(known))})"
            )
        problems.append(Problem(where, slide.field_lines.get("indicator"), message))
    return problems
