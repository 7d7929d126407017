"""Write translations/pending-nn.txt: every content file whose nynorsk form does not exist yet.

Run after adding or merging translations: `check` refuses a listed file whose nynorsk form
exists, and a missing nynorsk form that is not listed. Usage: python scripts/pending_nn.py [ROOT]
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = """\
# Content files whose nynorsk form (x.nn.yaml overlay, x.nn.md notes) is not written yet.
# `check` accepts a missing nynorsk form only for the files listed here, and reports a listed
# file whose nynorsk form exists (remove its line). Until then the nynorsk deck shows the bokmål
# text of these files. Regenerate with scripts/pending_nn.py. See docs/content-format.md, "Nynorsk".
"""


def nn_of(path: Path) -> Path:
    return path.with_name(path.stem + ".nn" + path.suffix)


def pending(root: Path) -> list[str]:
    found = []
    for folder, pattern in (
        ("slides", "*.yaml"),
        ("speaker_notes", "*.md"),
        ("diagrams", "*.yaml"),
        ("recipes", "*.yaml"),
    ):
        for path in sorted((root / folder).rglob(pattern)):
            if not path.stem.endswith(".nn") and not nn_of(path).is_file():
                found.append(path.relative_to(root).as_posix())
    for name in ("blank-slide-notes.md", "notesdoc-blank-slide.md"):
        path = root / "templates" / name
        if path.is_file() and not nn_of(path).is_file():
            found.append(path.relative_to(root).as_posix())
    return found


def main(root: Path) -> int:
    lines = pending(root)
    target = root / "translations" / "pending-nn.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} filer manglar nynorsk: {target.relative_to(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
