"""Check that the nynorsk edition matches its bokmål base: same structure, same facts.

For every content file with text the audience or presenter reads, its nynorsk form must exist
(`x.nn.yaml` overlay, `x.nn.md` notes) unless `translations/pending-nn.txt` lists it as not yet
translated. An overlay has the base's keys and nesting (lists of the same length) and no
structural keys; the figures, years, table numbers, URLs, citations and template expressions in
each text are the same in both forms, and every quotation of the bokmål (a Markdown block quote,
or a «…» of at least four words) stands verbatim in the nynorsk. Shorter «…» are terms and scare
quotes («utsatt»), and a «…» naming one of the deck's own slide titles or diagram labels refers to
text that is itself translated: both are written in nynorsk.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Problem, display_path
from ..load.files import RawFile, RawNotes, RawProject, base_of, is_overlay, overlay_of
from ..load.overlay import VERBATIM, is_structural, kind_of
from ..load.yamlsource import LocatedList, LocatedMap, YamlSyntaxError, read_yaml

PENDING_FILE = Path("translations") / "pending-nn.txt"
INDICATORS_FILE = Path("data") / "statistikk" / "indikatorer.yaml"
TEMPLATE_NOTES = ("blank-slide-notes.md", "notesdoc-blank-slide.md")

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_URL = re.compile(r"https?://[^\s)<>\]»\"']+")
_NUMBER = re.compile(r"\d+(?:[ \u00a0]\d{3})*(?:,\d+)?")
_CITATION = re.compile(r"([A-ZÆØÅ][\w-]*\w)(?:\s+mfl\.)?,?\s+(\d{4}[a-z]?)\b")
_PARENS = re.compile(r"\(([^()]*)\)")


def facts(text: str) -> dict[str, set[str]]:
    """What must be the same in both forms of a text, by kind."""
    jinja = set(_JINJA.findall(text))
    rest = _JINJA.sub(" ", text)
    urls = {u.rstrip(".,;:") for u in _URL.findall(rest)}
    rest = _URL.sub(" ", rest)
    numbers = {re.sub(r"[ \u00a0]", "", n) for n in _NUMBER.findall(rest)}
    citations = {f"{name} {year}" for inner in _PARENS.findall(rest) for name, year in _CITATION.findall(inner)}
    return {"tal": numbers, "lenkjer": urls, "kjelder": citations, "maluttrykk": jinja}


def quotations(text: str) -> list[str]:
    """Every «…» (outermost, nesting allowed) and every Markdown block quote, in order."""
    found: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                found.append(text[start : i + 1])
    found += [line.strip() for line in text.splitlines() if line.lstrip().startswith(">")]
    return found


QUOTATION_MIN_WORDS = 4


def carried_quotations(text: str, own_names: frozenset[str] = frozenset()) -> list[str]:
    """The quotations of a bokmål text that must stand verbatim in its nynorsk form."""
    kept = []
    for quote in quotations(text):
        words = quote.strip("«»").strip()
        is_block = quote.startswith(">")
        if is_block or (len(words.split()) >= QUOTATION_MIN_WORDS and words.casefold() not in own_names):
            kept.append(quote)
    return kept


def compare_text(base: str, nn: str, own_names: frozenset[str] = frozenset()) -> list[str]:
    """Messages for each fact or quotation that differs between the two forms of one text.

    `own_names` are the deck's slide titles and diagram labels: a «…» naming one is translated.
    """
    messages = []
    a, b = facts(base), facts(nn)
    for kind in a:
        missing, extra = sorted(a[kind] - b[kind]), sorted(b[kind] - a[kind])
        if missing or extra:
            parts = ([f"manglar {', '.join(missing)}"] if missing else []) + (
                [f"har i tillegg {', '.join(extra)}"] if extra else []
            )
            messages.append(f"{kind} er ikkje dei same som på bokmål: {'; '.join(parts)}")
    kept = set(quotations(nn))
    for quote in carried_quotations(base, own_names):
        if quote not in kept:
            shown = quote if len(quote) <= 60 else quote[:57] + "…"
            messages.append(f"sitatet {shown} må stå ordrett som på bokmål")
    return messages


def read_pending(root: Path) -> tuple[set[str], list[Problem]]:
    path = root / PENDING_FILE
    if not path.is_file():
        return set(), []
    pending: set[str] = set()
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if not (root / entry).is_file():
            problems.append(Problem(str(PENDING_FILE), number, f"fila {entry} finst ikkje"))
        pending.add(entry)
    return pending, problems


def check_pair(raw: RawProject) -> tuple[list[Problem], list[str]]:
    """Problems of the nynorsk edition, and the base files still waiting for their nynorsk form.

    A project with no nynorsk file and no pending list has no nynorsk edition: nothing to check.
    """
    root = raw.root
    if not (raw.overlays or raw.nn_notes or (root / PENDING_FILE).is_file()):
        return [], []  # a project without a nynorsk edition at all: nothing to pair
    pending, problems = read_pending(root)
    waiting: list[str] = []
    own_names = _own_names(raw)

    def need(base: Path, has_nn: bool) -> bool:
        """Whether the pair is complete; records a problem or a waiting file if not."""
        shown = display_path(base, root)
        nn_shown = display_path(overlay_of(base), root)
        listed = shown in pending
        if has_nn and listed:
            problems.append(
                Problem(str(PENDING_FILE), 1, f"{shown} står som uomsett, men {nn_shown} finst: fjern linja")
            )
        elif not has_nn and listed:
            waiting.append(shown)
        elif not has_nn:
            problems.append(Problem(shown, 1, f"manglar nynorsk: forventa {nn_shown}"))
        return has_nn

    bases: list[RawFile] = [*raw.slides, *raw.diagrams, *raw.recipes, *([raw.sections] if raw.sections else [])]
    base_paths = {f.path for f in bases}
    for overlay_base, overlay in sorted(raw.overlays.items()):
        if overlay_base not in base_paths and overlay_base.suffix in (".yaml", ".yml"):
            if overlay_base.exists():
                continue  # a file with errors of its own (reported there)
            problems.append(Problem(overlay.display, 1, f"fann ikkje grunnfila {display_path(overlay_base, root)}"))
    for file in bases:
        overlay = raw.overlays.get(file.path)
        if need(file.path, overlay is not None) and overlay is not None:
            _compare(file.data, overlay.data, kind_of(file.path, root), overlay.display, "", problems, own_names)
    note_bases = {n.path for n in raw.notes}
    for nn in raw.nn_notes:
        if base_of(nn.path) not in note_bases:
            problems.append(Problem(nn.display, 1, f"fann ikkje grunnfila {display_path(base_of(nn.path), root)}"))
    nn_by_base = {base_of(n.path): n for n in raw.nn_notes}
    for notes in raw.notes:
        nn = nn_by_base.get(notes.path)
        if need(notes.path, nn is not None) and nn is not None:
            _compare_notes(notes, nn, problems, own_names)
    _check_indicators(root, problems)
    for name in TEMPLATE_NOTES:
        base = root / "templates" / name
        if base.is_file():
            nn_path = overlay_of(base)
            if need(base, nn_path.is_file()):
                _compare_notes(
                    RawNotes(base, display_path(base, root), base.read_text(encoding="utf-8")),
                    RawNotes(nn_path, display_path(nn_path, root), nn_path.read_text(encoding="utf-8")),
                    problems,
                    own_names,
                )
    return problems, sorted(waiting)


def _check_indicators(root: Path, problems: list[Problem]) -> None:
    """The indicators' nynorsk labels: same rules as an overlay. An indicator without its
    nynorsk text is a warning (its bokmål label is shown), since statistics grow often."""
    base_path = root / INDICATORS_FILE
    nn_path = overlay_of(base_path)
    if not (base_path.is_file() and nn_path.is_file()):
        return
    try:
        base = read_yaml(base_path, display_path(base_path, root))
        nn = read_yaml(nn_path, display_path(nn_path, root))
    except YamlSyntaxError as exc:
        problems.append(exc.problem)
        return
    if not isinstance(base, dict) or not isinstance(nn, dict):
        return
    display = display_path(nn_path, root)
    found: list[Problem] = []
    for key, entry in base.items():
        if key not in nn:
            problems.append(Problem(display, 1, f"{key}: manglar nynorsk tekst (label, short)", "warning"))
        else:
            _compare(entry, nn[key], "indicators", display, str(key), found)
    for key in nn:
        if key not in base:
            found.append(Problem(display, _line(nn, key), f"{key}: indikatoren finst ikkje i {INDICATORS_FILE}"))
    # Fields the overlay leaves out keep their bokmål text: only the labels are required.
    problems += [p for p in found if "manglar nynorsk tekst" not in p.message or ".label" in p.message]


def _compare_notes(base: RawNotes, nn: RawNotes, problems: list[Problem], own_names: frozenset[str]) -> None:
    if not nn.text.strip():
        problems.append(Problem(nn.display, 1, "notata er tomme"))
        return
    for message in compare_text(base.text, nn.text, own_names):
        problems.append(Problem(nn.display, 1, message))


def _line(data: Any, key: str | int | None = None) -> int:
    if isinstance(data, LocatedMap) and isinstance(key, str):
        return data.line_of(key)
    if isinstance(data, LocatedList) and isinstance(key, int):
        return data.line_of(key)
    return getattr(data, "line", 1)


def _compare(
    base: Any,
    nn: Any,
    kind: str,
    display: str,
    where: str,
    problems: list[Problem],
    own_names: frozenset[str] = frozenset(),
) -> None:
    """Walk base and overlay together; `where` names the field (`bullets[2].sub[0]`)."""
    at = f"{where}: " if where else ""
    if isinstance(base, dict):
        if not isinstance(nn, dict):
            problems.append(Problem(display, _line(nn), f"{at}forventa eit oppslag som på bokmål"))
            return
        for key in nn:
            name = f"{where}.{key}" if where else str(key)
            if key not in base:
                problems.append(Problem(display, _line(nn, key), f"{name}: feltet finst ikkje i bokmålsfila"))
            elif is_structural(key, kind):
                problems.append(
                    Problem(display, _line(nn, key), f"{name}: strukturfelt høyrer berre heime i bokmålsfila")
                )
            elif key in VERBATIM and nn[key] != base[key]:
                problems.append(
                    Problem(display, _line(nn, key), f"{name}: skal stå likt som på bokmål (eller sløyfast)")
                )
        for key, value in base.items():
            name = f"{where}.{key}" if where else str(key)
            if is_structural(key, kind) or key in VERBATIM or not _has_text(value):
                continue
            if key not in nn:
                problems.append(Problem(display, _line(nn), f"{name}: manglar nynorsk tekst"))
            else:
                _compare(value, nn[key], kind, display, name, problems, own_names)
    elif isinstance(base, list):
        if not isinstance(nn, list) or len(nn) != len(base):
            got = f"{len(nn)}" if isinstance(nn, list) else "inga liste"
            problems.append(
                Problem(display, _line(nn), f"{at}forventa ei liste med {len(base)} element som på bokmål, fekk {got}")
            )
            return
        for i, (b, n) in enumerate(zip(base, nn, strict=True)):
            _compare(b, n, kind, display, f"{where}[{i}]", problems, own_names)
    elif isinstance(base, str):
        if not isinstance(nn, str) or not nn.strip():
            problems.append(Problem(display, _line(nn), f"{at}forventa tekst"))
            return
        for message in compare_text(base, nn, own_names):
            problems.append(Problem(display, _line(nn), f"{at}{message}"))


def _own_names(raw: RawProject) -> frozenset[str]:
    """The deck's own slide and section titles and diagram labels, case-folded: a «…» naming one is
    translated, not quoted."""
    names: set[str] = set()

    def strings(value: Any) -> None:
        if isinstance(value, str):
            names.add(value.strip().casefold())
        elif isinstance(value, dict):
            for item in value.values():
                strings(item)
        elif isinstance(value, list):
            for item in value:
                strings(item)

    for slide in raw.slides:
        if isinstance(slide.data, dict) and isinstance(slide.data.get("title"), str):
            names.add(slide.data["title"].strip().casefold())
    for diagram in raw.diagrams:
        strings(diagram.data)
    if raw.sections is not None and isinstance(raw.sections.data, dict):
        for section in raw.sections.data.get("sections") or []:
            if isinstance(section, dict) and isinstance(section.get("title"), str):
                names.add(section["title"].strip().casefold())
    return frozenset(names)


def _has_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_has_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    return False


__all__ = ["carried_quotations", "check_pair", "compare_text", "facts", "is_overlay", "quotations"]
