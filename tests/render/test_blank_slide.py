"""The blank slide, filled in by a presenter, looks like a locked bullet slide in LibreOffice:
the same title position, the same bullet position, size, colour and line spacing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from PIL import Image
from pptx import Presentation

from kunnskapsgrunnlag.assemble import recipe_from_ids
from kunnskapsgrunnlag.build import build_one, render_options
from kunnskapsgrunnlag.render import office
from kunnskapsgrunnlag.render.layouts import plan_slide
from kunnskapsgrunnlag.render.theme import load_theme

pytestmark = pytest.mark.slow

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
TOLERANCE_PT = 2.5  # a few points: the programs round differently, a tenth of an inch would show


def plain_bullet_slide(catalogue, deck_of, theme):
    """A locked bullets slide whose list is set in the body size from the top (no intro, no sub-points)."""
    for slide in catalogue.slides.values():
        if slide.layout != "bullets" or slide.content.intro or slide.hide_title:
            continue
        bullets = slide.content.bullets
        if len(bullets) < 4 or any(b.sub or "*" in b.text or "{" in b.text for b in bullets):
            continue
        deck = deck_of(slide.id)
        body = next(b for b in plan_slide(deck.slides[0], deck, theme).text_boxes() if b.name == "Punkter")
        if body.paragraphs[0].size == theme.sizes["body"] and body.y == theme.margins["body_top"]:
            return slide
    raise AssertionError("no plain bullets slide in the content")


def words(pdf: bytes, page: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in WORD.findall(out)]


def first(found, text: str):
    return next(w for w in found if w[4] == text)


def test_filled_blank_slide_matches_a_locked_bullet_slide(project, catalogue, tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice and poppler-utils are required: run scripts/setup.sh")
    theme = load_theme(project.theme_file)

    def deck_of(slide_id):
        recipe = recipe_from_ids(catalogue, [slide_id], "Prøve")
        return build_one(project, catalogue, recipe, None, render_options(project), tmp_path / slide_id).deck

    slide = plain_bullet_slide(catalogue, deck_of, theme)
    built = build_one(
        project, catalogue, recipe_from_ids(catalogue, [slide.id], "Prøve"), None, render_options(project), tmp_path
    )
    prs = Presentation(str(built.path))
    blank = prs.slides[-1]
    blank.shapes.title.text = slide.title
    body = next(p for p in blank.placeholders if p.placeholder_format.idx != 0)
    frame = body.text_frame
    for i, bullet in enumerate(slide.content.bullets):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = bullet.text
    buffer = io.BytesIO()
    prs.save(buffer)
    pdf = office.pptx_to_pdf(buffer.getvalue())
    locked, filled = words(pdf, 1), words(pdf, 2)

    title_word = slide.title.split()[0]
    assert abs(first(locked, title_word)[1] - first(filled, title_word)[1]) < TOLERANCE_PT
    assert abs(first(locked, title_word)[0] - first(filled, title_word)[0]) < TOLERANCE_PT
    starts = [b.text.split()[0] for b in slide.content.bullets[:3]]
    locked_rows = [first(locked, s) for s in starts]
    filled_rows = [first(filled, s) for s in starts]
    for a, b in zip(locked_rows, filled_rows, strict=True):
        assert abs(a[0] - b[0]) < TOLERANCE_PT, (a, b)  # the text's indent after the bullet
        assert abs(a[1] - b[1]) < TOLERANCE_PT, (a, b)  # the line's height on the slide
        assert abs((a[3] - a[1]) - (b[3] - b[1])) < 1.0, (a, b)  # the type size
    # The bullets are the accent red on both slides: sample left of each first word.
    (tmp_path / "deck.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(tmp_path / "deck.pdf"), str(tmp_path / "side")], check=True)
    png_locked, png_filled = (Image.open(tmp_path / f"side-{p}.png").convert("RGB") for p in (1, 2))
    red = tuple(int(theme.color("accent")[i : i + 2], 16) for i in (0, 2, 4))

    def has_red_bullet(image, row):
        x0, y0, _x1, y1 = int(row[0]) - 22, int(row[1]), int(row[0]) - 2, int(row[3])
        pixels = [image.getpixel((x, y)) for x in range(x0, x0 + 20) for y in range(y0, y1)]
        return any(sum(abs(c - r) for c, r in zip(pixel, red, strict=True)) < 90 for pixel in pixels)

    assert all(has_red_bullet(png_locked, row) for row in locked_rows)
    assert all(has_red_bullet(png_filled, row) for row in filled_rows)
