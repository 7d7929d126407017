"""Report runs of 10+ consecutive words shared between our content and the seed documents.

Quote fields, Markdown block quotes and bibliography entries are exempt: they are meant to be
verbatim. Usage: python scripts/fidelity.py [ROOT]  (exit 1 if any run is found).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

RUN = 10
WORD = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-–][0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
EXEMPT_FIELDS = {"quote", "attribution", "sources", "id", "layout", "url"}


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def ngrams(seq: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


def seed_ngrams(seed_dir: Path) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for path in sorted(seed_dir.glob("*.txt")):
        grams |= ngrams(words(path.read_text(encoding="utf-8")))
    return grams


def slide_texts(data: object, key: str = "") -> list[str]:
    if key in EXEMPT_FIELDS:
        return []
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in slide_texts(v, str(k))]
    if isinstance(data, list):
        return [t for v in data for t in slide_texts(v, key)]
    return []


def note_text(markdown: str) -> str:
    return "\n".join(line for line in markdown.splitlines() if not line.lstrip().startswith(">"))


def copied_runs(text: str, grams: set[tuple[str, ...]]) -> list[str]:
    seq = words(text)
    return [" ".join(seq[i : i + RUN]) for i in range(len(seq) - RUN + 1) if tuple(seq[i : i + RUN]) in grams]


def main(root: Path) -> int:
    grams = seed_ngrams(root.parent / "shared" / "seeds")
    found = 0
    for path in sorted((root / "slides").rglob("*.yaml")):
        if path.name == "sections.yaml":
            continue
        for text in slide_texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for run in copied_runs(text, grams):
                print(f"{path.relative_to(root)}: copied: {run}")
                found += 1
    for path in sorted((root / "speaker_notes").rglob("*.md")):
        for run in copied_runs(note_text(path.read_text(encoding="utf-8")), grams):
            print(f"{path.relative_to(root)}: copied: {run}")
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
