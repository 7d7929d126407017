"""Class 7: a misbehaving statistics server cannot hold the client past its deadline or fill the disk."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.stats.http import FetchFailed, fetch_json, retry_after_seconds

from .statsdata import jsonstat

GOOD = json.dumps(jsonstat({"0": 9.6}, period="2023")).encode()


class Misbehaving(BaseHTTPRequestHandler):
    calls: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        path = self.path.split("?")[0].rstrip("/").rsplit("/", 2)[-2]  # .../tables/<name>/data
        Misbehaving.calls[path] = Misbehaving.calls.get(path, 0) + 1
        count = Misbehaving.calls[path]
        try:
            if path == "drip":
                self._head(200, len(GOOD))
                for byte in GOOD:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.5)
            elif path == "huge":
                self._head(200, 200 * 1024 * 1024)
                block = b" " * 65536
                for _ in range(3200):
                    self.wfile.write(block)
            elif path == "endless":  # no length declared: the cap must hold while reading
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                block = b" " * 65536
                for _ in range(3200):
                    self.wfile.write(block)
            elif path == "bomb":
                body = gzip.compress(b" " * (64 * 1024 * 1024))
                self.send_response(200)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif path == "busy":
                if count == 1:
                    self._send(429, b'{"title": "Too Many Requests"}', {"Retry-After": "1"})
                else:
                    self._send(200, GOOD)
            elif path == "verybusy":
                self._send(429, b'{"title": "Too Many Requests"}', {"Retry-After": "3600"})
            elif path == "loop":
                self.send_response(302)
                self.send_header("Location", self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(200, GOOD)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _head(self, status: int, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    Misbehaving.calls = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/api/v2"
    httpd.shutdown()
    httpd.server_close()


def url(base: str, name: str) -> str:
    return f"{base}/tables/{name}/data"


def test_a_dripping_server_is_cut_off_at_the_deadline(server):
    start = time.monotonic()
    with pytest.raises(FetchFailed, match="svarte ikke innen") as caught:
        fetch_json(url(server, "drip"), deadline=2, retries=3, sleep=lambda s: None)
    assert time.monotonic() - start < 4
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ["huge", "endless", "bomb"])
def test_a_body_over_the_cap_is_refused_early(server, name):
    start = time.monotonic()
    with pytest.raises(FetchFailed, match="svarte med mer enn 1 MiB"):
        fetch_json(url(server, name), deadline=20, max_bytes=1024 * 1024)
    assert time.monotonic() - start < 15


def test_retry_after_is_honoured_within_the_deadline(server):
    waits: list[float] = []
    data = fetch_json(url(server, "busy"), deadline=10, sleep=waits.append)
    assert data["class"] == "dataset" and waits == [1.0]


def test_retry_after_beyond_the_deadline_is_named(server):
    with pytest.raises(FetchFailed, match=r"ba om å vente 3600 sekunder \(Retry-After\), mer enn fristen"):
        fetch_json(url(server, "verybusy"), deadline=5, sleep=lambda s: None)


def test_a_redirect_loop_is_one_line(server):
    with pytest.raises(FetchFailed, match="omdirigeringer"):
        fetch_json(url(server, "loop"), deadline=5)


def test_nobody_listening_is_one_line():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchFailed, match=r"kunne ikke kobles til .*ga opp etter 2 forsøk"):
        fetch_json(f"http://127.0.0.1:{port}/x", deadline=5, retries=1, sleep=lambda s: None)


def test_retry_after_as_a_date():
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after_seconds("soon") is None and retry_after_seconds("5") == 5.0


@pytest.mark.parametrize(
    ("name", "extra", "expected"),
    [
        ("drip", ["--timeout", "2"], "svarte ikke innen"),
        ("loop", [], "omdirigeringer"),
        ("x", ["--timeout", "nan"], "--timeout"),
    ],
)
def test_the_cli_gives_one_line_and_writes_nothing(tree, server, name, extra, expected):
    start = time.monotonic()
    result = CliRunner().invoke(
        main,
        ["stats", "fetch", name, "--indikator", "neet", "--api", server, "--prosjekt", str(tree.root), *extra],
    )
    assert time.monotonic() - start < 8
    assert result.exit_code in (1, 2) and "Traceback" not in result.output and expected in result.output
    assert not (tree.root / "data/statistikk/kilder").exists()
