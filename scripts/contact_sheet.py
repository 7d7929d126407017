"""Draw the contact sheet in the README: every slide of one deck, small, in a grid.

    .venv/bin/python scripts/contact_sheet.py [--kommune 4003] [--recipe fullstendig]
        [--out docs/contact-sheet.png] [--columns 8]

Builds the deck, has LibreOffice render it to PDF and poppler rasterise each page, then tiles
the pages. Needs LibreOffice and pdftoppm (scripts/setup.sh installs both).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from kunnskapsgrunnlag.assemble import find_recipe
from kunnskapsgrunnlag.build import build_one, load_catalogue, registry_for, render_options
from kunnskapsgrunnlag.project import Project
from kunnskapsgrunnlag.render import office
from kunnskapsgrunnlag.stats.project import project_statistics
from kunnskapsgrunnlag.write import write_atomic

ROOT = Path(__file__).resolve().parent.parent
GAP = 6  # pixels between tiles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kommune", default="4003")
    parser.add_argument("--recipe", default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "contact-sheet.png")
    parser.add_argument("--columns", type=int, default=8)
    parser.add_argument("--dpi", type=int, default=24)
    args = parser.parse_args()
    project = Project(ROOT)
    catalogue, _ = load_catalogue(project)
    kommune = registry_for(project).kommune(args.kommune)
    with tempfile.TemporaryDirectory(prefix="kg-sheet-") as folder:
        work = Path(folder)
        built = build_one(
            project,
            catalogue,
            find_recipe(catalogue, args.recipe),
            kommune,
            render_options(project),
            work,
            statistics=project_statistics(project.root),
        )
        pdf = work / "deck.pdf"
        pdf.write_bytes(office.pptx_to_pdf(built.path.read_bytes()))
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(work / "side")], check=True)
        pages = [Image.open(p).convert("RGB") for p in sorted(work.glob("side-*.png"))]
        width, height = pages[0].size
        rows = -(-len(pages) // args.columns)
        sheet = Image.new("RGB", (args.columns * (width + GAP) + GAP, rows * (height + GAP) + GAP), (200, 204, 210))
        for i, page in enumerate(pages):
            sheet.paste(page, (GAP + (i % args.columns) * (width + GAP), GAP + (i // args.columns) * (height + GAP)))
        out = work / "sheet.png"
        # A palette image: a fraction of the bytes in the repository, no visible loss at this size.
        sheet.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
        write_atomic(args.out, out.read_bytes())
    print(f"{args.out}: {len(pages)} lysbilder, {sheet.size[0]}×{sheet.size[1]} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
