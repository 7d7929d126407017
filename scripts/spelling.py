"""Spell-check both editions with hunspell: nynorsk text in nn_NO, bokmål text in nb_NO.

Checked: slide text (prose fields), notes, diagram labels, recipes, section titles, the blank
slide's notes, and the fixed text of the code (messages.py). Not checked: quotations («…» and
Markdown block quotes: they stay as said or written), fields kept as published (quote, authors,
series, source), template expressions, URLs, numbers. Names, titles and terms that the
dictionaries lack are in tests/spelling/allow-<form>.txt (reviewed; phrases allowed).
Usage: python scripts/spelling.py [ROOT]  (prints unknown words per file, exit 1 if any).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

DICTIONARY = {"nynorsk": "nn_NO", "bokmal": "nb_NO"}
STRUCTURAL = {"id", "layout", "diagram", "steps", "sources", "indicator", "url", "image", "reviewed", "hide_title"}
STRUCTURAL |= {"highlight", "layers", "kind", "lines", "value", "slides", "numbered", "optional", "folder", "include"}
VERBATIM = {"quote", "authors", "series", "source"}
WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄäÀàÈèÒòÔô]+(?:['’-][A-Za-zÆØÅæøåÉéÜüÖöÄäÀàÈèÒòÔô]+)*")


def available() -> bool:
    if shutil.which("hunspell") is None:
        return False
    listed = subprocess.run(["hunspell", "-D"], capture_output=True, text=True, input="").stderr
    return all(code in listed for code in DICTIONARY.values())


def _strip(text: str) -> str:
    """Text without what the spelling check must not judge."""
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    text = re.sub(r"<https?://[^>]+>|https?://\S+|\b[\w.-]+\.(?:no|com|org|se|dk)\b\S*", " ", text)
    text = re.sub(r"\]\([^)]*\)", "] ", text)  # Markdown link targets
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))
    out, depth = [], 0
    for ch in text:  # drop «…», nesting allowed
        if ch == "«":
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            out.append(" ")
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def yaml_texts(data: object, key: str = "") -> list[str]:
    if key in STRUCTURAL or key in VERBATIM:
        return []
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in yaml_texts(v, str(k))]
    if isinstance(data, list):
        return [t for v in data for t in yaml_texts(v, key)]
    return []


def edition_files(root: Path, malform: str) -> list[Path]:
    """The content files of one edition that exist now (the other form's files are skipped)."""
    files = []
    for folder in ("slides", "speaker_notes", "diagrams", "recipes", "templates"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".yaml", ".md") or path.name == "theme.yaml":
                continue
            if path.stem.endswith(".nn") == (malform == "nynorsk"):
                files.append(path)
    return files


def file_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yaml":
        text = "\n".join(yaml_texts(yaml.safe_load(text)))
    return _strip(text)


def allowlist(root: Path, malform: str) -> tuple[set[str], list[str]]:
    """(words, phrases) of tests/spelling/allow-<form>.txt; `#` starts a comment."""
    words, phrases = set(), []
    path = root / "tests" / "spelling" / f"allow-{malform}.txt"
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        entry = line.split("#", 1)[0].strip()
        if " " in entry:
            phrases.append(entry)
        elif entry:
            words.add(entry)
    return words, sorted(phrases, key=len, reverse=True)


def unknown_words(texts: dict[str, str], malform: str, root: Path) -> dict[str, list[str]]:
    """Words hunspell does not know, by source name, after the allowlist."""
    words, phrases = allowlist(root, malform)
    cleaned = {}
    for name, text in texts.items():
        for phrase in phrases:
            text = text.replace(phrase, " ")
        cleaned[name] = sorted({w for w in WORD.findall(text) if w not in words and w.lower() not in words})
    everything = sorted({w for ws in cleaned.values() for w in ws})
    if not everything:
        return {}
    result = subprocess.run(
        ["hunspell", "-d", DICTIONARY[malform], "-l"],
        input="\n".join(everything),
        capture_output=True,
        text=True,
        check=True,
    )
    bad = set(result.stdout.split())
    return {name: [w for w in ws if w in bad] for name, ws in cleaned.items() if any(w in bad for w in ws)}


def edition_texts(root: Path, malform: str) -> dict[str, str]:
    sys.path.insert(0, str(root / "src"))
    from kunnskapsgrunnlag.messages import MESSAGES

    texts = {path.relative_to(root).as_posix(): file_text(path) for path in edition_files(root, malform)}
    texts["src/kunnskapsgrunnlag/messages.py"] = _strip(
        "\n".join(re.sub(r"\{\w+\}", " ", forms[malform]) for forms in MESSAGES.values())
    )
    return texts


def main(root: Path) -> int:
    found = 0
    for malform in DICTIONARY:
        for name, words in unknown_words(edition_texts(root, malform), malform, root).items():
            print(f"{name}: {malform}: {', '.join(words)}")
            found += len(words)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
