"""Class 1: content files that are not what they seem are refused with `file: message`."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.limits import MAX_CONTENT_FILE_BYTES
from kunnskapsgrunnlag.load.contentfile import UnreadableFile, read_content_file, read_user_file

SECRET = "root:x:0:0:hemmelig-innhold:/root:/bin/bash\n"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def outside(tmp_path) -> Path:
    secret = tmp_path / "utenfor" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.mark.parametrize("target", ["speaker_notes/00/poeng.md", "slides/00/poeng.yaml"])
def test_a_link_out_of_the_project_is_refused_and_its_content_never_shown(tree, outside, target):
    path = tree.root / target
    path.unlink()
    path.symlink_to(outside)
    result = run("build", "--prosjekt", str(tree.root), "--uten-notater", "--ut", str(tree.root / "ut"))
    assert result.exit_code == 1
    assert f"{target}: er en lenke ut av prosjektmappen" in result.output
    assert "hemmelig-innhold" not in result.output
    assert not list((tree.root / "ut").rglob("*.pptx")) if (tree.root / "ut").exists() else True


def test_a_link_inside_the_project_is_read(tree):
    real = tree.write("speaker_notes/ekte.txt", "Felles notat.\n")
    path = tree.root / "speaker_notes/00/poeng.md"
    path.unlink()
    path.symlink_to(real)
    assert run("check", "--prosjekt", str(tree.root)).exit_code == 0


def test_a_directory_a_dangling_link_and_a_device_named_like_content(tree):
    (tree.root / "speaker_notes/mappe.md").mkdir()
    (tree.root / "slides/00/borte.yaml").symlink_to(tree.root / "finnes-ikke.yaml")
    (tree.root / "speaker_notes/null.md").symlink_to("/dev/zero")
    result = run("check", "--prosjekt", str(tree.root))
    assert result.exit_code == 1
    assert "speaker_notes/mappe.md: er en mappe, ikke en fil" in result.output
    assert "slides/00/borte.yaml: en lenke som peker til noe som ikke finnes" in result.output
    assert "speaker_notes/null.md: er en lenke ut av prosjektmappen" in result.output


def test_a_fifo_never_hangs_the_reader(tree):
    fifo = tree.root / "speaker_notes/ror.md"
    os.mkfifo(fifo)
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(run("check", "--prosjekt", str(tree.root))), daemon=True)
    worker.start()
    worker.join(20)
    assert outcome, "reading a FIFO hung"
    assert "speaker_notes/ror.md: er ikke en vanlig fil" in outcome[0].output


def test_a_huge_content_file_is_refused_without_being_read(tree):
    big = tree.root / "speaker_notes/00/poeng.md"
    with big.open("wb") as handle:
        handle.truncate(MAX_CONTENT_FILE_BYTES + 1)  # sparse: costs no disk
    result = run("check", "--prosjekt", str(tree.root))
    assert result.exit_code == 1
    assert "speaker_notes/00/poeng.md: filen er for stor" in result.output


def test_not_utf8_names_the_line(tree):
    (tree.root / "speaker_notes/00/poeng.md").write_bytes("God dag.\nHær er \xe6\n".encode("latin-1"))
    result = run("check", "--prosjekt", str(tree.root))
    assert "speaker_notes/00/poeng.md:2: filen er ikke UTF-8" in result.output


def test_the_reader_itself(tmp_path, outside):
    (tmp_path / "p").mkdir()
    link = tmp_path / "p" / "x.md"
    link.symlink_to(outside)
    with pytest.raises(UnreadableFile, match="lenke ut av prosjektmappen"):
        read_content_file(link, tmp_path / "p")
    # A file named on the command line may be anywhere, but is still a capped regular file.
    assert read_user_file(outside) == SECRET.encode()
    with pytest.raises(UnreadableFile, match="for stor"):
        read_user_file(outside, max_bytes=10)
    with pytest.raises(UnreadableFile, match="mappe"):
        read_user_file(tmp_path)


def test_stats_import_refuses_a_device_and_a_directory(tree, tmp_path):
    for bad in ("/dev/zero", str(tmp_path)):
        result = run("stats", "import", bad, "--indikator", "neet", "--tabell", "13556", "--prosjekt", str(tree.root))
        assert result.exit_code in (1, 2)
