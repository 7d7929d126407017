"""Write imported figures without ever replacing good data with worse.

The target is named by indicator, source and table (never by the name of the file imported),
so importing `telemark.json` cannot overwrite `neet-telemark.yaml`. An existing target of the
same indicator, source and table is merged (new figures replace the same region and period;
the others are kept); a file there of another kind is never touched. The whole store is then
loaded with the new file in place, and only if every check passes is the file written (an
atomic rename), followed by the raw copy of the answer when there is one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from ..errors import ContentError, Problem
from ..write import write_atomic, write_text_atomic
from .importing import ImportFailed
from .load import FIGURE_FOLDER, figure_file_text, load_statistics, statistics_dir
from .model import Figure


def _slug(text: str) -> str:
    from ..build import slug

    return slug(text) or "ukjent"


def figure_file_for(project_root: Path, indicator_id: str, source: str, table: str) -> Path:
    return statistics_dir(project_root) / FIGURE_FOLDER / f"{indicator_id}-{_slug(source)}-{_slug(table)}.yaml"


def save_figures(
    project_root: Path,
    indicator_id: str,
    figures: Iterable[Figure],
    *,
    source: str,
    table: str,
    licence: str,
    origin: str,
    header: str = "",
    raw: tuple[Path, bytes] | None = None,
) -> Path:
    """Merge `figures` into the indicator's file for this source and table, prove, then write."""
    new = [dataclasses.replace(f, source=source, table=table, licence=licence) for f in figures]
    if not new:
        raise ImportFailed(f"{origin}: ingen tall å skrive; ingenting ble endret")
    folder = statistics_dir(project_root)
    target = figure_file_for(project_root, indicator_id, source, table)
    merged: dict[tuple[str, str], Figure] = {}
    if target.exists() or target.is_symlink():
        merged.update(((f.region, f.period), f) for f in _existing(target, project_root, indicator_id, source, table))
    for figure in new:
        merged[(figure.region, figure.period)] = figure
    text = figure_file_text(
        indicator_id, merged.values(), source=source, table=table, licence=licence, origin=origin, header=header
    )
    try:
        load_statistics(folder, project_root, replacing={target: text})
    except ContentError as exc:
        shown = [str(p) for p in exc.problems[:8]]
        more = f" (og {len(exc.problems) - 8} til)" if len(exc.problems) > 8 else ""
        raise ImportFailed(
            f"{origin}: tallene ble ikke lagret, fordi statistikken da ville hatt feil:\n  " + "\n  ".join(shown) + more
        ) from exc
    write_text_atomic(target, text)
    if raw is not None:
        write_atomic(*raw)
    return target


def _existing(target: Path, project_root: Path, indicator_id: str, source: str, table: str) -> list[Figure]:
    """The figures already in `target`, which must be a sound file of this indicator, source and table."""
    from .load import _load_figure_file, _read

    shown = target.relative_to(project_root)
    problems: list[Problem] = []
    _, data = _read(target, project_root, problems)
    kind = (
        (str(data.get("indicator")), str(data.get("source")), str(data.get("table")))
        if isinstance(data, dict)
        else None
    )
    if kind != (indicator_id, source, table):
        raise ImportFailed(f"{shown}: finnes og gjelder en annen indikator eller kilde; den blir ikke overskrevet")
    indicators = load_statistics(statistics_dir(project_root), project_root).indicators
    old = [f for f, _ in _load_figure_file(target, project_root, indicators, problems)]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ImportFailed(f"{shown}: den gamle fila har feil og blir ikke overskrevet: {errors[0]}")
    return old
