"""The fetch client against a local HTTP server that answers like SSB's PxWebApi v2."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from kunnskapsgrunnlag.stats.fetch import FetchFailed, fetch_table

from .conftest import FIXTURES


class FakeSSB(BaseHTTPRequestHandler):
    calls: ClassVar[dict[str, int]] = {}
    queries: ClassVar[list[dict]] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        FakeSSB.calls[url.path] = FakeSSB.calls.get(url.path, 0) + 1
        FakeSSB.queries.append(parse_qs(url.query))
        count = FakeSSB.calls[url.path]
        if url.path == "/api/v2/tables/13556/data":
            self._send(200, (FIXTURES / "13556-neet.json").read_bytes())
        elif url.path == "/api/v2/tables/00000/data":
            self._send(400, (FIXTURES / "error-400.json").read_bytes(), "application/problem+json")
        elif url.path == "/api/v2/tables/11111/data":  # slow the first time, then fine
            if count == 1:
                time.sleep(1.5)
            self._send(200, (FIXTURES / "13556-neet.json").read_bytes())
        elif url.path == "/api/v2/tables/22222/data":  # always slow
            time.sleep(1.5)
            self._send(200, b"{}")
        elif url.path == "/api/v2/tables/33333/data":  # busy once, then fine
            if count == 1:
                self._send(503, b'{"title": "Service Unavailable", "status": 503}')
            else:
                self._send(200, (FIXTURES / "13556-neet.json").read_bytes())
        else:
            self._send(404, b'{"title": "Not Found", "status": 404}')

    def _send(self, status: int, body: bytes, kind: str = "application/json; charset=utf-8") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def api():
    FakeSSB.calls, FakeSSB.queries = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSSB)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    server.shutdown()
    server.server_close()


def no_sleep(_seconds: float) -> None:
    pass


def test_fetch_returns_jsonstat_and_sends_pxwebapi_query(api):
    data = fetch_table("13556", {"Region": "4003,40,0", "Tid": "top(1)"}, {"Region": "agg_KommGjeldende"}, api=api)
    assert data["class"] == "dataset" and data["extension"]["px"]["tableid"] == "13556"
    query = FakeSSB.queries[-1]
    assert query["outputFormat"] == ["json-stat2"]
    assert query["lang"] == ["no"]
    assert query["valueCodes[Region]"] == ["4003,40,0"]
    assert query["valueCodes[Tid]"] == ["top(1)"]
    assert query["codelist[Region]"] == ["agg_KommGjeldende"]


def test_error_response_fails_at_once_with_ssbs_message(api):
    with pytest.raises(FetchFailed, match="400 Bad Request: Non-existent variable: Regin"):
        fetch_table("00000", {"Regin": "*"}, api=api, sleep=no_sleep)
    assert FakeSSB.calls["/api/v2/tables/00000/data"] == 1


def test_slow_answer_times_out_and_is_retried(api):
    data = fetch_table("11111", {"Region": "*"}, api=api, timeout=10, attempt_timeout=0.5, retries=2, sleep=no_sleep)
    assert data["id"] == ["Region", "ContentsCode", "Tid"]
    assert FakeSSB.calls["/api/v2/tables/11111/data"] == 2


def test_always_slow_gives_up_with_a_plain_message(api):
    with pytest.raises(FetchFailed, match=r"svarte ikke innen 0.3 sekunder; ga opp etter 2 forsøk"):
        fetch_table("22222", {"Region": "*"}, api=api, timeout=10, attempt_timeout=0.3, retries=1, sleep=no_sleep)


def test_server_error_is_retried(api):
    data = fetch_table("33333", {"Region": "*"}, api=api, retries=1, sleep=no_sleep)
    assert data["class"] == "dataset"
    assert FakeSSB.calls["/api/v2/tables/33333/data"] == 2


def test_invalid_table_number_is_rejected_before_any_request():
    with pytest.raises(FetchFailed, match="ugyldig tabellnummer"):
        fetch_table("13556/../x", {})
