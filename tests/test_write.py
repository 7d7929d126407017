from __future__ import annotations

import pytest

from kunnskapsgrunnlag.errors import BuildFailed
from kunnskapsgrunnlag.write import write_atomic

pytestmark = pytest.mark.broken_deck  # the "decks" here are a few bytes standing in for one


def test_write_atomic_replaces_whole_files(tmp_path):
    path = tmp_path / "ut" / "deck.pptx"
    write_atomic(path, b"first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    assert [p.name for p in path.parent.iterdir()] == ["deck.pptx"]


def test_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "deck.pptx"
    write_atomic(path, b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kunnskapsgrunnlag.write.os.replace", broken_replace)
    with pytest.raises(BuildFailed, match="kunne ikke skrive filen"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
