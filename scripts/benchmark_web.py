"""The load test of the web builder (run through `scripts/benchmark.py --web`): not a test, figures.

Against a server on a loopback address only: one request at a time (click "Lag presentasjonen"
to the .pptx downloaded, full deck, deck only, warm server), then N concurrent requests for N
different municipalities, each with its own session, reporting p50 and p95 including queue time,
and any request that failed or was lost. Every loop is bounded.
"""

from __future__ import annotations

import ipaddress
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

POLL_SECONDS = 0.1  # as often as a client should ask; the page itself asks every 0.7 s
REQUEST_LIMIT_SECONDS = 300.0


def _require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host != "localhost":
        try:
            if ipaddress.ip_address(host).is_loopback:
                return
        except ValueError:
            pass
        raise SystemExit(f"{url}: lastetesten kjøres bare mot en adresse på denne maskinen (127.0.0.1)")


def click_to_download(base: str, kommune: str) -> tuple[float, int, str]:
    """Seconds from the build POST to the downloaded .pptx, its size, and '' or what went wrong."""
    with httpx.Client(base_url=base, timeout=REQUEST_LIMIT_SECONDS, follow_redirects=False) as client:
        page = client.get("/velg", params={"kommune": kommune, "oppskrift": "fullstendig"})
        found = re.search(r'name="csrf" value="([^"]+)"', page.text)
        if page.status_code != 200 or not found:
            return 0.0, 0, f"siden svarte {page.status_code}"
        start = time.perf_counter()
        response = client.post("/bygg", data={"csrf": found.group(1), "kommune": kommune, "oppskrift": "fullstendig"})
        if response.status_code != 303:
            return time.perf_counter() - start, 0, f"bygg svarte {response.status_code}"
        job = response.headers["Location"].split("?")[0]
        deadline = start + REQUEST_LIMIT_SECONDS
        state = "queued"
        while time.perf_counter() < deadline:
            state = client.get(job + "/status").json()["state"]
            if state in ("done", "failed"):
                break
            time.sleep(POLL_SECONDS)
        if state != "done":
            return time.perf_counter() - start, 0, f"jobben endte som {state}"
        download = client.get(job + "/fil/pptx")
        seconds = time.perf_counter() - start
        if download.status_code != 200 or not download.content.startswith(b"PK"):
            return seconds, 0, f"nedlastingen svarte {download.status_code}"
        return seconds, len(download.content), ""


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _report(label: str, results: list[tuple[float, int, str]]) -> None:
    times = [r[0] for r in results if not r[2]]
    failed = [r[2] for r in results if r[2]]
    if times:
        print(
            f"{label:<52} n={len(results):>2}  p50 {statistics.median(times):6.2f} s  "
            f"p95 {_percentile(times, 95):6.2f} s  maks {max(times):6.2f} s  feilet {len(failed)}"
        )
    for reason in failed:
        print(f"    feilet: {reason}")


def run(base: str, sequential: int = 10, concurrent: int = 20) -> int:
    _require_loopback(base)
    base = base.rstrip("/")
    kommuner = re.findall(r'kommune=(\d{4})"', httpx.get(base + "/?kontor=vestfold-og-telemark").text)
    kommuner += re.findall(r'kommune=(\d{4})"', httpx.get(base + "/?kontor=innlandet").text)
    kommuner = list(dict.fromkeys(kommuner))
    if len(kommuner) < concurrent + 2:
        raise SystemExit("fant for få kommuner på siden")
    print(f"Server: {base}")
    # warm: every build process renders the full deck once (kept in memory and in .cache/decks/)
    warm = [threading.Thread(target=click_to_download, args=(base, k)) for k in kommuner[:2]]
    for t in warm:
        t.start()
    for t in warm:
        t.join(REQUEST_LIMIT_SECONDS)
    one_at_a_time = [click_to_download(base, kommuner[i % len(kommuner)]) for i in range(sequential)]
    _report("én om gangen, hele presentasjonen, .pptx", one_at_a_time)

    results: list[tuple[float, int, str]] = []
    lock = threading.Lock()

    def one(kommune: str) -> None:
        outcome = click_to_download(base, kommune)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=one, args=(k,)) for k in kommuner[2 : 2 + concurrent]]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(REQUEST_LIMIT_SECONDS)
    lost = concurrent - len(results)
    _report(f"{concurrent} samtidige, {concurrent} ulike kommuner (med køtid)", results)
    print(f"{'':<52} alle ferdige etter {time.perf_counter() - start:.2f} s; tapt: {lost}")
    return 0 if lost == 0 and all(not r[2] for r in results) else 1


def start_server(root: Path, port: int) -> subprocess.Popen:
    """`kunnskapsgrunnlag serve` on 127.0.0.1 for the measurement; the caller stops it."""
    command = [str(root / ".venv" / "bin" / "kunnskapsgrunnlag"), "serve", "--port", str(port), "--uten-miniatyrer"]
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("serveren startet ikke innen 120 s")


if __name__ == "__main__":
    sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
