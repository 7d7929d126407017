"""`stats oppdater` and the FHI client, offline against a local server that answers like SSB's
PxWebApi v2 and FHI's open API (hand-built fixtures in their documented formats)."""

from __future__ import annotations

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.stats.fetch import FetchFailed
from kunnskapsgrunnlag.stats.fhi import data_request, fetch_fhi_table
from kunnskapsgrunnlag.stats.load import load_statistics, statistics_dir
from kunnskapsgrunnlag.stats.update import fetch_config_problems, regions_for

from ..conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


class FakeServices(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str, dict]]] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        FakeServices.requests.append(("GET", url.path, parse_qs(url.query)))
        if url.path == "/fhi/nokkel/Table/337/query":
            self._send(200, (FIXTURES / "fhi" / "337-query.json").read_bytes())
        elif url.path == "/ssb/tables/13502/data":
            self._send(200, (FIXTURES / "ssb" / "13502-barnehage.json").read_bytes())
        else:
            self._send(404, b'{"status": "Table not found"}')

    def do_POST(self) -> None:
        url = urlparse(self.path)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeServices.requests.append(("POST", url.path, body))
        if url.path == "/fhi/nokkel/Table/337/data":
            self._send(200, (FIXTURES / "fhi" / "337-data.json").read_bytes())
        else:
            self._send(400, b'{"status": "Dimension GEO: unknown category"}')

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def services():
    FakeServices.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeServices)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base
    server.shutdown()
    server.server_close()


def test_fhi_data_request_narrows_geography_and_keeps_the_tables_own_dimensions():
    query = json.loads((FIXTURES / "fhi" / "337-query.json").read_text(encoding="utf-8"))
    body = data_request(query, ["0", "46", "4601"], {"KJONN": ["0"]})
    dims = {d["code"]: d for d in body["dimensions"]}
    assert dims["GEO"] == {"code": "GEO", "filter": "item", "values": ["0", "46", "4601"]}
    assert dims["KJONN"]["values"] == ["0"]
    assert dims["AAR"]["values"] == ["2023_2023", "2024_2024"]
    assert body["response"]["format"] == "json-stat2"
    with pytest.raises(FetchFailed, match="har ikke dimensjonen KOMMUNE"):
        data_request(query, ["0"], {"KOMMUNE": ["1"]})


def test_fhi_client_asks_for_the_query_then_posts_the_data_request(services):
    data = fetch_fhi_table("nokkel", "337", ["0", "46", "4601", "4632"], {"KJONN": ["0"]}, api=f"{services}/fhi")
    assert data["id"][0] == "GEO" and data["value"][0] == 3.4
    (get, path_get, _), (post, path_post, body) = FakeServices.requests
    assert (get, path_get) == ("GET", "/fhi/nokkel/Table/337/query")
    assert (post, path_post) == ("POST", "/fhi/nokkel/Table/337/data")
    assert body["dimensions"][0]["values"] == ["0", "46", "4601", "4632"]


def test_fhi_error_answer_is_a_plain_message(services):
    with pytest.raises(FetchFailed, match=r"FHI \(nokkel tabell 999\) avviste spørringen: 404 Table not found"):
        fetch_fhi_table("nokkel", "999", ["0"], api=f"{services}/fhi", retries=0)
    with pytest.raises(FetchFailed, match="ugyldig FHI-tabell"):
        fetch_fhi_table("nokkel", "../x", ["0"])


def test_fetch_configuration_is_checked():
    assert fetch_config_problems("x", {"service": "fhi", "table": "337", "source": "nokkel"}) == []
    problems = fetch_config_problems("x", {"service": "ftp", "table": "", "factor": 0, "extra": 1})
    assert any("service" in p for p in problems) and any("table" in p for p in problems)
    assert any("factor" in p for p in problems) and any("extra: ukjent felt" in p for p in problems)


def test_regions_are_the_country_the_counties_and_their_municipalities(registry):
    regions = regions_for(registry, ["46"])
    assert regions[:2] == ("0", "46") and "4601" in regions and "4003" not in regions
    assert len(regions) == 2 + sum(1 for k in registry.kommuner if k.fylke.nummer == "46")


@pytest.fixture
def project_copy(tmp_path):
    for name in ("slides", "speaker_notes", "bibliography", "recipes", "templates", "diagrams", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_oppdater_fetches_every_configured_indicator_for_the_office(services, project_copy):
    result = CliRunner().invoke(
        main,
        [
            "stats",
            "oppdater",
            "--statsforvalter",
            "vestland",
            "--prosjekt",
            str(project_copy),
            "--ssb-api",
            f"{services}/ssb",
            "--fhi-api",
            f"{services}/fhi",
            "--forsok",
            "0",
        ],
    )
    assert result.exit_code == 0, result.output
    ssb_query = next(q for method, path, q in FakeServices.requests if path == "/ssb/tables/13502/data")
    regions = ssb_query["valueCodes[Region]"][0].split(",")
    assert regions[:2] == ["0", "46"] and "4601" in regions and ssb_query["valueCodes[Tid]"] == ["top(1)"]
    fhi_body = next(b for method, path, b in FakeServices.requests if method == "POST")
    assert "4632" in fhi_body["dimensions"][0]["values"]
    tall = project_copy / "data" / "statistikk" / "tall"
    assert (tall / "barnehage-ssb-13502.yaml").is_file() and (tall / "barnevern-fhi-337.yaml").is_file()
    assert (project_copy / "data" / "statistikk" / "kilder" / "fhi-337-46.json").is_file()
    store = load_statistics(statistics_dir(project_copy), project_copy)
    assert store.figure("barnehage", "4601", "2025").value == 94.2
    assert store.figure("barnehage", "4632", "2025").value is None  # SSB's ".." stays missing, never 0
    assert store.figure("barnevern", "4601", "2024").value == 2.8
    assert store.figure("barnevern", "4632", "2023").value is None  # FHI's ":" (suppressed)
    assert "Uten fetch-oppsett" in result.output


def test_oppdater_reports_a_failing_service_and_goes_on(services, project_copy):
    result = CliRunner().invoke(
        main,
        [
            "stats",
            "oppdater",
            "--fylke",
            "46",
            "--prosjekt",
            str(project_copy),
            "--ssb-api",
            f"{services}/nowhere",
            "--fhi-api",
            f"{services}/fhi",
            "--forsok",
            "0",
        ],
    )
    assert result.exit_code == 1
    assert "barnehage: SSB avviste spørringen mot tabell 13502: 404" in result.output
    assert (project_copy / "data" / "statistikk" / "tall" / "barnevern-fhi-337.yaml").is_file()
    assert "Traceback" not in result.output


def test_oppdater_needs_a_place():
    result = CliRunner().invoke(main, ["stats", "oppdater", "--prosjekt", str(ROOT)])
    assert result.exit_code == 2 and "--statsforvalter eller --fylke" in result.output
