"""Class 3: characters XML cannot hold never reach a written part; `check` names them at file:line."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.ooxml.parts import Package
from kunnskapsgrunnlag.ooxml.xml import xml_safe, xml_safe_part

from ..conftest import assert_deck_sound

BAD = ["\x0b", "\x1b", "\x00", "\x08", "\ufffe", "\uffff", "\x0c"]


@pytest.mark.parametrize("char", BAD)
def test_control_characters_in_notes_and_slide_text_give_a_sound_deck(tree, char):
    code = f"\\u{ord(char):04X}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"
    tree.write("speaker_notes/00/poeng.md", f"Snakk{char}om poengene.\n")
    tree.write(
        "slides/00/poeng.yaml", f'id: poeng\ntitle: "Tre{code}poenger"\nlayout: bullets\nbullets:\n  - "Først{code}"\n'
    )
    out = tree.root / "ut"
    result = CliRunner().invoke(main, ["build", "--prosjekt", str(tree.root), "--uten-notater", "--ut", str(out)])
    assert result.exit_code == 0, result.output
    deck = next(out.rglob("*.pptx"))
    assert_deck_sound(deck)
    prs = Presentation(str(deck))
    texts = " ".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Tre" in texts and char not in texts
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    assert "om poengene" in notes and char not in notes


def test_check_names_each_bad_character_at_its_line(tree):
    tree.write("speaker_notes/00/poeng.md", "Første linje.\nAndre \x1b linje.\n")
    tree.write("slides/00/poeng.yaml", 'id: poeng\ntitle: Tre poenger\nlayout: bullets\nbullets:\n  - "A\\x0b"\n')
    result = CliRunner().invoke(main, ["check", "--prosjekt", str(tree.root)])
    assert "speaker_notes/00/poeng.md:2: advarsel: tegn som ikke kan stå i en presentasjon (U+001B)" in result.output
    assert "slides/00/poeng.yaml:5: advarsel: tegn som ikke kan stå i en presentasjon (U+000B)" in result.output
    strict = CliRunner().invoke(main, ["check", "--strict", "--prosjekt", str(tree.root)])
    assert strict.exit_code == 1


def test_a_byte_order_mark_is_not_a_visible_character(tree):
    tree.write("speaker_notes/00/poeng.md", "\ufeffSnakk om poengene.\n")
    out = tree.root / "ut"
    CliRunner().invoke(main, ["build", "--prosjekt", str(tree.root), "--uten-notater", "--ut", str(out)])
    prs = Presentation(str(next(out.rglob("*.pptx"))))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert any(n.startswith("Snakk om") for n in notes)
    assert not any("\ufeff" in n for n in notes)


def test_a_template_cannot_produce_them_either(tree):
    tree.write(
        "slides/00/poeng.yaml", "id: poeng\ntitle: \"Tre {{ '\\x1b' }} poenger\"\nlayout: bullets\nbullets: [a]\n"
    )
    out = tree.root / "ut"
    result = CliRunner().invoke(main, ["build", "--prosjekt", str(tree.root), "--uten-notater", "--ut", str(out)])
    assert result.exit_code == 0, result.output
    assert_deck_sound(next(out.rglob("*.pptx")))


def test_every_part_the_package_writer_emits_parses():
    dirty = '<?xml version="1.0" encoding="UTF-8"?><a>x\x1by\ufffez\x0bw</a>'.encode()
    package = Package(["p.xml", "m.bin"], {"p.xml": dirty, "m.bin": b"\x00\x01"})
    archive = zipfile.ZipFile(__import__("io").BytesIO(package.write()))
    assert etree.fromstring(archive.read("p.xml")).text == "xyz w"
    assert archive.read("m.bin") == b"\x00\x01"  # media are bytes, not XML: untouched


def test_the_sanitiser():
    assert xml_safe("a\x0bb\x1bc\ud800d\U0001f600") == "a bc" + "d\U0001f600"
    assert xml_safe("æøå\t\n") == "æøå\t\n"
    assert xml_safe_part(b"<a>\xef\xbf\xbf</a>") == b"<a></a>"
