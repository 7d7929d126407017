"""Class 8: killed builds leave no orphans and no litter; concurrent batches lose no manifest entry."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kunnskapsgrunnlag.batch import MANIFEST, write_manifest
from kunnskapsgrunnlag.model import Recipe
from kunnskapsgrunnlag.write import sweep_stale_temporaries, write_atomic

from ..conftest import ROOT

RECIPE = Recipe("egendefinert", "Prøve", ())


def _write_entries(folder: str, prefix: str, count: int) -> None:
    for i in range(count):
        write_manifest(Path(folder), RECIPE, {}, {f"{prefix}-{i}.pptx": {"kommune": prefix, "i": i}})


def test_two_batches_writing_one_manifest_lose_no_entry(tmp_path):
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_entries, args=(str(tmp_path), name, 30)) for name in ("a", "b", "c")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    decks = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["decks"]
    assert len(decks) == 90


def test_stale_temporary_files_are_swept_and_fresh_ones_kept(tmp_path):
    stale = tmp_path / ".4003-skien.pptx.k2j4_x9a.tmp"
    fresh = tmp_path / ".4010-siljan.pptx.ab12cd34.tmp"
    mine = tmp_path / ".notes.tmp"  # not named as the writer names its files: not ours to delete
    for path in (stale, fresh, mine):
        path.write_bytes(b"half a deck")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(mine, (old, old))
    assert sweep_stale_temporaries(tmp_path) == 1
    assert not stale.exists() and fresh.exists() and mine.exists()


def test_a_build_sweeps_what_a_killed_build_left(tmp_path):
    from click.testing import CliRunner

    from kunnskapsgrunnlag.cli import main

    folder = tmp_path / "ut" / "egendefinert"
    folder.mkdir(parents=True)
    litter = folder / ".4003-skien.pptx.q1w2e3r4.tmp"
    litter.write_bytes(b"PK half")
    old = time.time() - 3600
    os.utime(litter, (old, old))
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--prosjekt",
            str(ROOT),
            "--lysbilder",
            "tittel",
            "--kommune",
            "4003",
            "--uten-notater",
            "--ut",
            str(tmp_path / "ut"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert not litter.exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


@pytest.mark.broken_deck  # the "deck" is a few bytes
def test_a_write_that_is_killed_leaves_the_old_file(tmp_path):
    target = tmp_path / "deck.pptx"
    write_atomic(target, b"old deck")
    child = os.fork()
    if child == 0:  # the child starts a write and is killed in the middle of it
        import kunnskapsgrunnlag.write as write

        original = os.fsync

        def stall(fd):
            os.kill(os.getpid(), signal.SIGKILL)
            original(fd)

        write.os.fsync = stall
        write_atomic(target, b"new deck" * 1000)
        os._exit(0)
    os.waitpid(child, 0)
    assert target.read_bytes() == b"old deck"
    assert sweep_stale_temporaries(tmp_path, max_age_seconds=0) == 1


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.update(int(x) for x in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc")
def test_workers_die_with_a_killed_parent(tmp_path):
    command = [
        sys.executable,
        "-m",
        "kunnskapsgrunnlag",
        "build",
        "--fylke",
        "40",
        "-j",
        "2",
        "--force",
        "--prosjekt",
        str(ROOT),
        "--ut",
        str(tmp_path / "ut"),
    ]
    env = dict(os.environ, KUNNSKAPSGRUNNLAG_CACHE=str(tmp_path / "cache"))
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.2)
        assert len(workers) >= 2, "the batch never started its workers"
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers), "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        for worker in locals().get("workers", set()):  # only our own survivors, checked by command line
            with contextlib.suppress(OSError):
                if str(tmp_path) in Path(f"/proc/{worker}/cmdline").read_bytes().decode(errors="replace"):
                    os.kill(worker, signal.SIGKILL)
