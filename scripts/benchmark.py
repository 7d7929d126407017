"""Measure build speed: one deck, every municipality with -j N, and pandoc for comparison.

    .venv/bin/python scripts/benchmark.py [--jobs 2] [--limit 357] [--out /tmp/kg-bench]
    .venv/bin/python scripts/benchmark.py --web http://127.0.0.1:8000   # load test of a running server
    .venv/bin/python scripts/benchmark.py --web start                   # ... of one it starts and stops

Prints wall-clock seconds and the machine's core count. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kunnskapsgrunnlag.batch import BatchOptions, run_batch
from kunnskapsgrunnlag.build import build_one, prepare, registry_for, render_options
from kunnskapsgrunnlag.project import Project
from kunnskapsgrunnlag.stats.project import project_statistics

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, func) -> float:
    """Wall-clock seconds, and the CPU seconds of this process and its children (the machine is shared:
    CPU time shows the work when other jobs slow the wall clock)."""
    start, cpu = time.perf_counter(), _cpu()
    func()
    seconds = time.perf_counter() - start
    print(f"{label:<66} {seconds:8.2f} s   (CPU {_cpu() - cpu:6.2f} s)")
    return seconds


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def machine_reference() -> None:
    """A fixed piece of pure Python work: figures from machines (or moments) of different speed
    can be compared through it (a shared virtual machine's speed varies by a third or more)."""
    total = 0
    for i in range(10_000_000):
        total += i


def chart_milliseconds(count: int = 30) -> None:
    """Milliseconds per chart (marks and their DrawingML), without any cache (distinct data each time)."""
    from kunnskapsgrunnlag.stats import chart

    periods = ("2020", "2021", "2022", "2023", "2024")
    lines = [
        chart.LineSpec(
            periods,
            (
                chart.Line("Kommune", (9.0 + i / 50, 7.7, 8.3, 8.9, 8.5), True),
                chart.Line("Fylke", (10.1, 9.0, 8.9, 9.6, 9.9)),
                chart.Line("Hele landet", (11.0, 9.5, 9.5, 9.9, 10.0)),
            ),
            "prosent",
            1,
            7.9,
            4.3,
        )
        for i in range(count + 1)
    ]
    bars = [
        chart.ChartSpec(
            tuple(
                chart.Bar(label, 3000.0 + i + j * 700, True)
                for j, label in enumerate(("0–5", "6–15", "16–19", "20–24"))
            ),
            "antall",
            0,
            7.9,
            4.3,
        )
        for i in range(count + 1)
    ]
    from kunnskapsgrunnlag.ooxml.vector import marks_xml

    for name, draw, specs in (
        ("linjediagram", chart._draw_line_chart, lines),
        ("stolpediagram", chart._draw_bar_chart, bars),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        for spec in specs[1:]:
            marks_xml(draw(spec), 0.6, 1.6, 1000)
        per_wall = (time.perf_counter() - wall) / count * 1000
        per_cpu = (time.process_time() - cpu) / count * 1000
        print(f"{'ett ' + name + ' (ms, uten hurtigbuffer)':<66} {per_wall:8.2f} ms  (CPU {per_cpu:5.2f} ms)")


def pandoc_markdown(project: Project) -> str:
    catalogue, _recipe = prepare(project, None)
    parts = []
    for section in catalogue.sections:
        for slide_id in section.slide_ids:
            slide = catalogue.slides[slide_id]
            parts.append(
                f"# {slide.title}\n\n{slide.content.intro or ''}\n\n"
                + "\n".join(f"- {b.text}" for b in slide.content.bullets)
                + f"\n\n::: notes\n{slide.notes}\n:::\n"
            )
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=357, help="How many municipalities (all: 357).")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--web", metavar="URL|start", help="Only the web builder's load test (scripts/benchmark_web.py)."
    )
    args = parser.parse_args()
    if args.web:
        return web_load_test(args.web)
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    # As after scripts/setup.sh: the package byte-compiled (the command line's start-up is measured).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, capture_output=True)
    project = Project(ROOT)
    registry = registry_for(project)
    print(f"Kjerner: {os.cpu_count()}  Python {sys.version.split()[0]}  ut: {out}")
    timed("maskinens fart: 10 millioner Python-løkkesteg (til sammenligning)", machine_reference)

    catalogue, recipe = prepare(project, None)
    options = render_options(project)
    store = project_statistics(project.root)
    skien = registry.kommune("4003")
    timed(
        "én presentasjon (Skien, i prosessen, uten hurtigbuffer)",
        lambda: build_one(project, catalogue, recipe, skien, options, out / "single", statistics=store),
    )
    cli = [str(ROOT / ".venv" / "bin" / "kunnskapsgrunnlag"), "build", "--uten-notater", "--kommune", "4003"]
    cold_cache = out / "cache-kald"
    env = {**os.environ, "KUNNSKAPSGRUNNLAG_CACHE": str(cold_cache)}
    for label in ("tom hurtigbuffer", "varm hurtigbuffer"):
        timed(
            f"én presentasjon (kommandolinjen med oppstart, {label})",
            lambda: subprocess.run(
                [*cli, "--ut", str(out / "cli")], check=True, cwd=ROOT, capture_output=True, env=env
            ),
        )
    if shutil.which("pandoc"):
        md = out / "pandoc.md"
        md.write_text(pandoc_markdown(project), encoding="utf-8")
        timed(
            "pandoc, tilsvarende deck med bare tekst",
            lambda: subprocess.run(["pandoc", str(md), "-o", str(out / "pandoc.pptx")], check=True),
        )
    else:
        print("pandoc er ikke installert: ingen sammenligning")

    kommuner = list(registry.kommuner)[: args.limit]
    batch_cache = out / "cache-batch"
    for label in ("tom hurtigbuffer", "varm hurtigbuffer"):
        command = [*cli[:3], "--alle", "-j", str(args.jobs), "--force", "--ut", str(out / "batch")]
        if args.limit < 357:
            command = [*cli[:3], "--force", "-j", str(args.jobs), "--ut", str(out / "batch")]
            command += [arg for k in kommuner for arg in ("--kommune", k.nummer)]
        seconds = timed(
            f"{len(kommuner)} presentasjoner, -j {args.jobs}, alt bygges ({label})",
            lambda command=command: subprocess.run(
                command,
                check=True,
                cwd=ROOT,
                capture_output=True,
                env={**os.environ, "KUNNSKAPSGRUNNLAG_CACHE": str(batch_cache)},
            ),
        )
        print(f"{'':<66} {seconds / len(kommuner):8.3f} s per presentasjon")
    unchanged = BatchOptions(out_dir=out / "batch", jobs=args.jobs)
    timed(
        f"{len(kommuner)} presentasjoner igjen, uendret (hoppes over)",
        lambda: run_batch(project, registry, kommuner, unchanged),
    )
    chart_milliseconds()
    return 0


def web_load_test(target: str) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark_web

    print(f"Kjerner: {os.cpu_count()}  Python {sys.version.split()[0]}")
    if target != "start":
        return benchmark_web.run(target)
    port = 8765
    server = benchmark_web.start_server(ROOT, port)
    try:
        return benchmark_web.run(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    sys.exit(main())
