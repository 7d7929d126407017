"""The command line as a user meets it: messages, exit codes, and no half-written files."""

from __future__ import annotations

from click.testing import CliRunner
from pptx import Presentation

from kunnskapsgrunnlag.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_list_shows_the_catalogue_by_section(project):
    result = run("list", "--prosjekt", str(project.root))
    assert result.exit_code == 0
    assert "bakgrunn: Bakgrunn for 0-24-samarbeidet" in result.output
    assert "  tidlig-innsats " in result.output
    assert "Oppskrifter:" in result.output and "hvorfor-samordning" in result.output


def test_check_passes_on_the_real_content(project):
    result = run("check", "--prosjekt", str(project.root))
    assert result.exit_code == 0, result.output


def test_check_fails_with_file_and_line(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: pie\n")
    result = run("check", "--prosjekt", str(tree.root))
    assert result.exit_code == 1
    assert "slides/00/poeng.yaml:3: layout: forventet en av" in result.output


def test_build_writes_a_deck_for_a_municipality(tree, tmp_path):
    result = run("build", "--uten-notater", "--prosjekt", str(tree.root), "--kommune", "Skien", "--ut", str(tmp_path))
    assert result.exit_code == 0, result.output
    deck = tmp_path / "fullstendig" / "4003-skien.pptx"
    assert deck.is_file()
    assert len(Presentation(str(deck)).slides) == 3


def test_unknown_municipality_suggests_close_matches(tree, tmp_path):
    result = run("build", "--uten-notater", "--prosjekt", str(tree.root), "--kommune", "Skeen", "--ut", str(tmp_path))
    assert result.exit_code == 2
    assert "ukjent kommune 'Skeen'; mente du 4003 Skien" in result.output
    by_number = run("build", "--uten-notater", "--prosjekt", str(tree.root), "--kommune", "4099", "--ut", str(tmp_path))
    assert by_number.exit_code == 2 and "ukjent kommunenummer '4099'; nærmeste: 40" in by_number.output


def test_ambiguous_name_asks_for_the_number(tree, tmp_path):
    result = run("build", "--uten-notater", "--prosjekt", str(tree.root), "--kommune", "Våler", "--ut", str(tmp_path))
    assert result.exit_code == 2
    assert "finnes i flere fylker" in result.output
    ok = run(
        "build", "--uten-notater", "--prosjekt", str(tree.root), "--kommune", "Våler (Innlandet)", "--ut", str(tmp_path)
    )
    assert ok.exit_code == 0, ok.output


def test_unknown_slide_id_suggests_close_matches(tree, tmp_path):
    result = run(
        "build", "--uten-notater", "--prosjekt", str(tree.root), "--lysbilder", "forside,poenget", "--ut", str(tmp_path)
    )
    assert result.exit_code == 2
    assert "ukjent lysbilde eller seksjon 'poenget'; mente du 'poeng'?" in result.output


def test_bad_content_writes_nothing_and_keeps_the_old_deck(tree, tmp_path):
    assert run("build", "--uten-notater", "--prosjekt", str(tree.root), "--ut", str(tmp_path)).exit_code == 0
    deck = tmp_path / "fullstendig" / "nasjonal.pptx"
    before = deck.read_bytes()
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: bullets\nbullets: [a, {text: }]\n")
    result = run("build", "--uten-notater", "--prosjekt", str(tree.root), "--ut", str(tmp_path))
    assert result.exit_code == 1
    assert "ingenting ble skrevet" in result.output
    assert deck.read_bytes() == before
    assert sorted(p.name for p in deck.parent.iterdir()) == ["nasjonal.pptx"]


def test_build_outside_a_project_says_so(tmp_path):
    result = run("build", "--prosjekt", str(tmp_path))
    assert result.exit_code == 1
    assert "fant ikke et prosjekt" in result.output
