"""Class 9: no user mistake ends in a traceback; each is one line in Norwegian with exit 1 or 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag.cli import main

from ..conftest import ROOT

P = ["--prosjekt", str(ROOT)]
FAST = ["--lysbilder", "tittel", "--uten-notater"]

# (arguments, exit code, what the message must say); {tmp} is a fresh folder, {file} a regular file.
BAD_INPUTS = [
    (["build", "--kommune", "4²", *FAST, *P], 2, "ukjent kommune '4²'"),
    (["build", "--kommune", "", *FAST, *P], 2, "ukjent kommune"),
    (["build", "--kommune", "\x00", *FAST, *P], 2, "ukjent kommune"),
    (["build", "--ut", "{file}/sub", *FAST, *P], 1, "en del av stien er en fil, ikke en mappe"),
    (["build", "--ut", "/proc/kunnskapsgrunnlag", *FAST, *P], 1, "kunne ikke skrive filen"),
    (["build", "--passord", "", *FAST, *P], 2, "passordet kan ikke være tomt"),
    (["build", "--passord", "   ", *FAST, *P], 2, "passordet kan ikke være tomt"),
    (["build", "--jobber", "0", *FAST, *P], 2, "--jobber"),
    (["build", "--fylke", "99", *FAST, *P], 2, "ukjent fylke"),
    (["build", "--lysbilder", "finnes-ikke", "--uten-notater", *P], 2, "finnes-ikke"),
    (["build", "finnes-ikke-oppskrift", "--uten-notater", *P], 2, "finnes-ikke-oppskrift"),
    (["build", "--nope", *P], 2, "ukjent valg --nope"),
    (["build", "--prosjekt", "{tmp}"], 1, "fant ikke et prosjekt"),
    (["build", "--prosjekt", "{file}"], 2, "--prosjekt"),
    (["stats", "import", "{file}", "--indikator", "neet", "--faktor", "nan", *P], 2, "forventet et endelig tall"),
    (["stats", "import", "{file}", "--indikator", "neet", "--faktor", "inf", *P], 2, "forventet et endelig tall"),
    (["stats", "import", "{file}", "--indikator", "finnes_ikke", *P], 2, "ukjent indikator"),
    (["stats", "import", "{file}", "--indikator", "neet", *P], 1, "er ikke gyldig JSON"),
    (["stats", "import", "/dev/null", "--indikator", "neet", *P], 1, "er ikke en vanlig fil"),
    (["stats", "import", "{tmp}", "--indikator", "neet", *P], 1, "er en mappe, ikke en fil"),
    (["stats", "import", "{tmp}/finnes-ikke.json", "--indikator", "neet", *P], 1, "filen finnes ikke"),
    (["stats", "import", "{file}", "--indikator", "neet", "--velg", "uten-likhetstegn", *P], 2, "DIMENSJON=VERDI"),
    (["stats", "fetch", "../x", "--indikator", "neet", *P], 1, "ugyldig tabellnummer"),
    (["stats", "fetch", "13556", "--indikator", "neet", "--api", "ftp://x", "--timeout", "1", *P], 1, "SSB"),
    (["stats", "fetch", "13556", "--indikator", "neet", "--timeout", "-1", *P], 2, "--timeout"),
    (["stats", "show", "--kommune", "4²", *P], 2, "ukjent kommune"),
    (["check", "--prosjekt", "{tmp}"], 1, "fant ikke et prosjekt"),
    (["preview", "--kommune", "4²", *P], 2, "ukjent kommune"),
]


def _fill(args: list[str], tmp: Path) -> list[str]:
    regular = tmp / "vanlig-fil.json"
    regular.write_text("ikke json", encoding="utf-8")
    (tmp / "tom").mkdir(exist_ok=True)
    return [a.replace("{file}", str(regular)).replace("{tmp}", str(tmp / "tom")) for a in args]


@pytest.mark.parametrize(("args", "code", "expected"), BAD_INPUTS, ids=[" ".join(a[:4]) for a, _, _ in BAD_INPUTS])
def test_bad_input_is_one_norwegian_line_never_a_traceback(tmp_path, args, code, expected):
    result = CliRunner().invoke(main, _fill(args, tmp_path))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    assert expected in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("feil:")]
    assert len(lines) == 1 and not any(word in result.output for word in ("Error:", "Usage:"))


def test_the_real_process_prints_no_traceback(tmp_path):
    """Outside CliRunner: what a user's terminal shows, stderr included."""
    env = dict(os.environ, KUNNSKAPSGRUNNLAG_CACHE=str(tmp_path / "cache"))
    for args in (["build", "--kommune", "4²", *FAST, *P], ["build", "--ut", "README.md/sub", *FAST, *P]):
        done = subprocess.run(
            [sys.executable, "-m", "kunnskapsgrunnlag", *args], capture_output=True, text=True, env=env, cwd=ROOT
        )
        assert done.returncode in (1, 2) and "Traceback" not in done.stdout + done.stderr
        assert done.stderr.strip().count("\n") == 0 and done.stderr.startswith("feil: ")


def test_a_bug_is_one_line_unless_debugging(monkeypatch):
    from kunnskapsgrunnlag import cli

    def broken(*args, **kwargs):
        raise ZeroDivisionError("en feil i programmet")

    monkeypatch.setattr(cli, "check", broken)
    result = CliRunner().invoke(main, ["check", *P])
    assert result.exit_code == 1 and "feil: intern feil (ZeroDivisionError: en feil i programmet)" in result.output
    monkeypatch.setenv("KUNNSKAPSGRUNNLAG_DEBUG", "1")
    debug = CliRunner().invoke(main, ["check", *P])
    assert isinstance(debug.exception, ZeroDivisionError)


def test_a_read_only_mount_is_a_message(tmp_path):
    target = tmp_path / "skrivebeskyttet"
    target.mkdir()
    mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(target), str(target)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot bind-mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], capture_output=True)
        result = CliRunner().invoke(main, ["build", "--ut", str(target), *FAST, *P])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "skrivebeskyttet" in result.output or "kunne ikke skrive" in result.output
    finally:
        subprocess.run(["umount", str(target)], capture_output=True)


ODD_TREES = {
    "empty slide file": lambda t: t.write("slides/00/poeng.yaml", ""),
    "binary slide file": lambda t: (t.root / "slides/00/poeng.yaml").write_bytes(bytes(range(256)) * 8),
    "a list where a slide was expected": lambda t: t.write("slides/00/poeng.yaml", "- a\n- b\n"),
    "a link that points to itself": lambda t: (
        (t.root / "speaker_notes/00/poeng.md").unlink(),
        (t.root / "speaker_notes/00/poeng.md").symlink_to(t.root / "speaker_notes/00/poeng.md"),
    ),
    "YAML nested 5000 deep": lambda t: t.write("slides/00/poeng.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n"),
    "theme missing": lambda t: (t.root / "templates/theme.yaml").unlink(),
    "theme not YAML": lambda t: t.write("templates/theme.yaml", "name: [\n"),
    "registry of another shape": lambda t: t.write("data/registry/kommuner.json", "[{}]"),
    "indicator range upside down": lambda t: t.write(
        "data/statistikk/indikatorer.yaml", "neet: {range: [5, 1], unit: prosent}\n"
    ),
    "a NaN figure": lambda t: t.write(
        "data/statistikk/tall/x.yaml",
        "indicator: neet\nsource: SSB\ntable: '13556'\nlicence: x\nfigures:\n"
        "  - {region: '4003', period: '2024', value: .nan}\n",
    ),
    "an integer of 5000 digits": lambda t: t.write(
        "data/statistikk/tall/x.yaml",
        "indicator: neet\nsource: SSB\ntable: '13556'\nlicence: x\nfigures:\n"
        "  - {region: '4003', period: '2023', value: " + "9" * 5000 + "}\n",
    ),
}


@pytest.mark.parametrize("damage", ODD_TREES)
def test_odd_projects_are_refused_with_messages_and_nothing_is_written(tree, damage):
    ODD_TREES[damage](tree)
    for args in (["check"], ["build", "--uten-notater", "--kommune", "4003", "--ut", str(tree.root / "ut")]):
        result = CliRunner().invoke(main, [*args, "--prosjekt", str(tree.root)])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code == 1 and "Traceback" not in result.output and "intern feil" not in result.output
    assert not list((tree.root / "ut").rglob("*.pptx")) if (tree.root / "ut").exists() else True
