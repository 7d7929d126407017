"""An office's own logo in templates/ is drawn beside the Fafo wordmark on title and closing slides."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation

from kunnskapsgrunnlag.assemble import find_recipe
from kunnskapsgrunnlag.build import build_one, load_catalogue, registry_for, render_options
from kunnskapsgrunnlag.errors import KunnskapsgrunnlagError
from kunnskapsgrunnlag.render.theme import load_theme


def logo_png(width: int = 400, height: int = 100) -> bytes:
    image = Image.new("RGB", (width, height), (0, 90, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_office_logo_is_drawn_on_the_title_slide_only(tree, tmp_path):
    (tree.root / "templates" / "logo.png").write_bytes(logo_png())
    project = tree.project
    catalogue, _ = load_catalogue(project)
    built = build_one(project, catalogue, find_recipe(catalogue, None), None, render_options(project), tmp_path)
    prs = Presentation(str(built.path))
    title_names = [s.name for s in prs.slides[0].slide_layout.shapes]
    assert "Kontorets logo" in title_names and "Logo" in title_names
    logo = next(s for s in prs.slides[0].slide_layout.shapes if s.name == "Kontorets logo")
    wordmark = next(s for s in prs.slides[0].slide_layout.shapes if s.name == "Logo")
    assert logo.left + logo.width <= wordmark.left  # beside the wordmark, not over it
    assert abs(logo.width / logo.height - 4.0) < 0.05  # its own proportions
    assert "Kontorets logo" not in [s.name for s in prs.slides[1].slide_layout.shapes]


def test_without_a_logo_file_nothing_extra_is_drawn(tree, tmp_path):
    project = tree.project
    catalogue, _ = load_catalogue(project)
    built = build_one(project, catalogue, find_recipe(catalogue, None), None, render_options(project), tmp_path)
    prs = Presentation(str(built.path))
    assert "Kontorets logo" not in [s.name for s in prs.slides[0].slide_layout.shapes]


def test_a_huge_logo_file_is_refused_with_a_message(tree):
    (tree.root / "templates" / "logo.png").write_bytes(b"0" * 2_100_000)
    with pytest.raises(KunnskapsgrunnlagError, match="logoen er større enn 2 MB"):
        load_theme(tree.project.theme_file)
    assert registry_for(tree.project) is not None


def test_a_broken_logo_file_is_refused_with_a_message(tree):
    (tree.root / "templates" / "logo.png").write_bytes(b"not a picture")
    with pytest.raises(KunnskapsgrunnlagError, match="logoen kan ikke leses som PNG"):
        load_theme(tree.project.theme_file)


SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">
<rect width="300" height="100" fill="#005a3c"/><text x="20" y="65" font-size="48" fill="#fff">Kontor</text></svg>"""


def test_an_svg_logo_is_drawn_too(tree, tmp_path):
    (tree.root / "templates" / "logo.svg").write_text(SVG, encoding="utf-8")
    project = tree.project
    catalogue, _ = load_catalogue(project)
    built = build_one(project, catalogue, find_recipe(catalogue, None), None, render_options(project), tmp_path)
    logo = next(s for s in Presentation(str(built.path)).slides[0].slide_layout.shapes if s.name == "Kontorets logo")
    assert abs(logo.width / logo.height - 3.0) < 0.05
    with Image.open(io.BytesIO(logo.image.blob)) as picture:
        assert picture.getpixel((5, 5))[:3] == (0, 90, 60)


def test_an_svg_naming_a_local_file_does_not_read_it(tree, tmp_path):
    secret = tmp_path / "hemmelig.png"
    Image.new("RGB", (300, 100), (255, 0, 0)).save(secret)
    svg = SVG.replace("</svg>", f'<image href="file://{secret}" x="0" y="0" width="300" height="100"/></svg>')
    (tree.root / "templates" / "logo.svg").write_text(svg, encoding="utf-8")
    from kunnskapsgrunnlag.render.theme import logo_png as rasterise

    with Image.open(io.BytesIO(rasterise(load_theme(tree.project.theme_file).logo))) as picture:
        # Had the file been read, the red picture would cover the logo.
        assert picture.convert("RGB").getpixel((3, 3)) == (0, 90, 60)


def test_a_broken_svg_is_refused_with_a_message(tree):
    (tree.root / "templates" / "logo.svg").write_text("<svg", encoding="utf-8")
    with pytest.raises(KunnskapsgrunnlagError, match="logoen kan ikke leses som SVG"):
        load_theme(tree.project.theme_file)
