"""Bibliography entries formatted as rich text, the way the original note lists its sources."""

from __future__ import annotations

from ..model import Source
from .richtext import Run


def source_runs(source: Source) -> tuple[Run, ...]:
    """`Authors (year). *Title*. In. Series. Place: Publisher. URL`"""
    runs: list[Run] = [Run(f"{source.authors} ({source.year}). ")]
    if source.in_:
        runs.append(Run(f"{_end(source.title)} "))
        runs.append(Run(f"I: {source.in_}", italic=True))
        runs.append(Run(". "))
    else:
        runs.append(Run(_end(source.title), italic=True))
        runs.append(Run(" "))
    tail = [part for part in (source.series, _place_publisher(source), source.note) if part]
    if tail:
        runs.append(Run(" ".join(_end(p) for p in tail) + " "))
    if source.url:
        runs.append(Run(source.url, url=source.url))
    # Trim the trailing space of the last run.
    last = runs[-1]
    runs[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.url)
    return tuple(runs)


def source_text(source: Source) -> str:
    return "".join(run.text for run in source_runs(source))


def _place_publisher(source: Source) -> str | None:
    if source.place and source.publisher:
        return f"{source.place}: {source.publisher}"
    return source.publisher or source.place


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."
