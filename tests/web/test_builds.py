"""Builds through the web queue: the same file as the CLI's, downloads by opaque id, the queue's
limits (429, time limit), cleaning, the office zip, and `build --oppskrift`."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.web.jobs import QueueFull
from kunnskapsgrunnlag.web.worker import DeckSpec

from ..conftest import ROOT
from .conftest import csrf, make_app, wait_for

CHOICE = "tittel,disposisjon,statistikk-neet,gjenstridig-problem,tidlig-innsats,avslutning"


def _build(client, **form) -> tuple[str, dict]:
    data = {"csrf": csrf(client), "kommune": "4003", "oppskrift": "hvorfor-samordning", **form}
    response = client.post("/bygg", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    job_url = response.headers["Location"].split("?")[0]
    return job_url, wait_for(client, job_url)


def test_web_deck_is_byte_identical_to_the_cli_deck(client, tmp_path):
    """The edited choice, built on the page, equals `build --oppskrift` of the page's recipe file."""
    job_url, status = _build(client, lysbilder=CHOICE)
    assert status["state"] == "done", status
    web = client.get(job_url + "/fil/pptx")
    assert web.status_code == 200
    assert "attachment" in web.headers["Content-Disposition"]
    recipe = tmp_path / "oppskrift.yaml"
    recipe.write_bytes(client.get(f"/oppskrift.yaml?kommune=4003&oppskrift=hvorfor-samordning&lysbilder={CHOICE}").data)
    args = ["build", "--oppskrift", str(recipe), "--kommune", "4003", "--uten-notater", "--ut", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, "--prosjekt", str(ROOT)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert web.data == (tmp_path / "oppskrift" / "4003-skien.pptx").read_bytes()
    # gjenstridig-problem is a slide here, not its section of the same name
    slides = Presentation(io.BytesIO(web.data)).slides
    assert len(slides) == len(CHOICE.split(",")) + 1  # and the blank slide


def test_unchanged_recipe_is_the_recipe_build(client, tmp_path):
    job_url, status = _build(client)
    assert status["state"] == "done"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "hvorfor-samordning",
            "--kommune",
            "4003",
            "--uten-notater",
            "--ut",
            str(tmp_path),
            "--prosjekt",
            str(ROOT),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert client.get(job_url + "/fil/pptx").data == (tmp_path / "hvorfor-samordning" / "4003-skien.pptx").read_bytes()
    # files that were not asked for are not there
    assert client.get(job_url + "/fil/notater-docx").status_code == 404
    assert client.get(job_url + "/fil/..%2F..%2Fetc").status_code == 404


def test_job_page_shows_downloads_when_done(client):
    job_url, _ = _build(client, lysbilder="tittel,avslutning")
    page = client.get(job_url).get_data(as_text=True)
    assert "Last ned presentasjonen (.pptx)" in page and 'role="status"' in page


def test_full_queue_answers_429(tmp_path):
    app = make_app(tmp_path, queue_limit=1)
    queue = app.extensions["kunnskapsgrunnlag"]["queue"]
    queue._started = True  # no build processes: what is submitted stays in the queue
    client = app.test_client()
    token = csrf(client)
    first = client.post("/bygg", data={"csrf": token, "kommune": "4003"})
    assert first.status_code == 303
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "du er nummer 1 i køen" in page
    second = client.post("/bygg", data={"csrf": token, "kommune": "0301"})
    assert second.status_code == 429
    assert "Prøv igjen om litt" in second.get_data(as_text=True)
    assert second.headers["Retry-After"]


def test_queue_positions_and_limit_without_workers(tmp_path):
    from kunnskapsgrunnlag.web.jobs import JobQueue

    queue = JobQueue(ROOT, tmp_path, workers=1, queue_limit=3, result_ttl=60)
    queue._started = True  # no build processes: the jobs stay in the queue
    jobs = [queue.submit(DeckSpec("4003", "fullstendig", ()), str(i), 60) for i in range(3)]
    assert [queue.position(j) for j in jobs] == [1, 2, 3]
    with pytest.raises(QueueFull):
        queue.submit(DeckSpec("4003", "fullstendig", ()), "x", 60)


def test_a_build_past_its_time_limit_is_stopped_and_the_next_one_runs(tmp_path):
    from kunnskapsgrunnlag.web.jobs import JobQueue

    queue = JobQueue(ROOT, tmp_path, workers=1, queue_limit=5, result_ttl=60)
    try:
        slow = queue.submit(DeckSpec("4003", "fullstendig", (), notater=False), "treg", 0.05)
        quick = queue.submit(DeckSpec("4003", "hvorfor-samordning", (), notater=False), "rask", 120)
        deadline = time.monotonic() + 180
        while quick.state not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert slow.state == "failed" and slow.message == "tidsgrense"
        assert quick.state == "done" and quick.file("pptx") is not None
    finally:
        queue.shutdown()


def test_old_results_are_cleaned(tmp_path):
    from kunnskapsgrunnlag.web.jobs import JobQueue

    queue = JobQueue(ROOT, tmp_path, workers=1, queue_limit=5, result_ttl=10)
    try:
        job = queue.submit(DeckSpec("4003", "hvorfor-samordning", (), notater=False), "x", 120)
        deadline = time.monotonic() + 120
        while job.state not in ("done", "failed") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert job.folder.is_dir()
        assert queue.clean(now=time.monotonic()) == 0  # still fresh
        assert queue.clean(now=time.monotonic() + 11) == 1
        assert not job.folder.exists() and queue.get(job.id) is None
    finally:
        queue.shutdown()


def test_office_zip_has_every_deck(client):
    data = {"csrf": csrf(client), "omfang": "fylke", "fylke": "32", "oppskrift": "hvorfor-samordning"}
    response = client.post("/mange", data=data)
    assert response.status_code == 303
    job_url = response.headers["Location"].split("?")[0]
    status = wait_for(client, job_url, limit=600)
    assert status["state"] == "done", status
    assert status["done"] == status["total"] > 5
    archive = zipfile.ZipFile(io.BytesIO(client.get(job_url + "/fil/zip").data))
    names = [n for n in archive.namelist() if n.endswith(".pptx")]
    assert len(names) == status["total"]
    assert "3201-baerum.pptx" in names


def test_cli_builds_from_a_recipe_file(tmp_path):
    recipe = tmp_path / "min-oppskrift.yaml"
    recipe.write_text("title: Mitt innlegg\ninclude:\n  - slide: tittel\n  - section: eksempler\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--oppskrift",
            str(recipe),
            "--kommune",
            "4003",
            "--uten-notater",
            "--ut",
            str(tmp_path / "ut"),
            "--prosjekt",
            str(ROOT),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    deck = Presentation(str(tmp_path / "ut" / "min-oppskrift" / "4003-skien.pptx"))
    assert len(deck.slides) > 3


def test_cli_recipe_file_errors_name_file_and_line(tmp_path):
    recipe = tmp_path / "feil.yaml"
    recipe.write_text("title: Feil\ninclude:\n  - slide: tittel\n  - slide: finnes-ikke\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--oppskrift", str(recipe), "--uten-notater", "--prosjekt", str(ROOT)])
    assert result.exit_code == 1
    assert f"{recipe}:4: include[1]: fant ikke lysbildet 'finnes-ikke'" in result.output
    assert "Traceback" not in result.output
    broken = tmp_path / "brutt.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--oppskrift", str(broken), "--prosjekt", str(ROOT)])
    assert result.exit_code == 1 and f"{broken}:" in result.output
    both = CliRunner().invoke(main, ["build", "fullstendig", "--oppskrift", str(recipe), "--prosjekt", str(ROOT)])
    assert both.exit_code == 2


@pytest.mark.slow
def test_notes_document_and_deck_pdf_come_with_the_deck(client):
    """With LibreOffice: the notes document (.docx, .pdf) and the deck as PDF, as `build --pdf` writes them."""
    import docx

    job_url, status = _build(client, lysbilder="tittel,gjenstridig-problem,avslutning", notater="1", pdf="1")
    assert status["state"] == "done", status
    page = client.get(job_url).get_data(as_text=True)
    assert "Last ned notatdokumentet (.docx)" in page and "Last ned presentasjonen som PDF" in page
    notes = client.get(job_url + "/fil/notater-docx")
    assert notes.status_code == 200
    document = docx.Document(io.BytesIO(notes.data))
    assert any("Skien" in p.text for p in document.paragraphs)
    assert client.get(job_url + "/fil/notater-pdf").data.startswith(b"%PDF")
    assert client.get(job_url + "/fil/pdf").data.startswith(b"%PDF")


@pytest.mark.broken_deck  # a stand-in deck file: this test is about the zip, not the deck
def test_zip_lists_the_decks_that_failed(tmp_path, monkeypatch):
    """One deck failing does not stop the zip; the failure is listed on the page and in the zip."""
    from kunnskapsgrunnlag.batch import BatchSummary, DeckResult
    from kunnskapsgrunnlag.project import Project
    from kunnskapsgrunnlag.web import worker

    deck = tmp_path / "decks" / "4001-porsgrunn.pptx"
    deck.parent.mkdir(parents=True)
    deck.write_bytes(b"PK fake deck")

    def fake_batch(project, registry, kommuner, options, on_result=None):
        results = [
            DeckResult("4001", "4001 Porsgrunn", "built", deck),
            DeckResult("4003", "4003 Skien", "failed", reason="malfeil i notes: noe mangler"),
        ]
        for result in results:
            on_result(result)
        return BatchSummary(results)

    monkeypatch.setattr(worker, "run_batch", fake_batch)
    loaded = worker._Loaded(Project(ROOT))
    progress = []
    spec = worker.BatchSpec("fylke", "40", "fullstendig", zip_name="alle.zip")
    result = worker.build_zip(loaded, spec, tmp_path, lambda *p: progress.append(p))
    assert result["failures"] == ["4003 Skien: malfeil i notes: noe mangler"]
    assert progress[-1][:2] == (2, 17)
    archive = zipfile.ZipFile(tmp_path / "alle.zip")
    assert archive.namelist() == ["4001-porsgrunn.pptx", "feilet.txt"]
    assert "4003 Skien" in archive.read("feilet.txt").decode()


def test_job_page_lists_failures_of_a_zip(app, client, tmp_path):
    from kunnskapsgrunnlag.web.jobs import Job
    from kunnskapsgrunnlag.web.worker import BatchSpec

    queue = app.extensions["kunnskapsgrunnlag"]["queue"]
    job = Job("B" * 22, BatchSpec("fylke", "40", "fullstendig"), "Telemark", 60, tmp_path)
    job.state, job.total, job.done = "done", 17, 17
    job.files, job.failures = {"zip": "alle.zip"}, ["4003 Skien: malfeil i notes: noe mangler"]
    (tmp_path / "alle.zip").write_bytes(b"PK")
    with queue._cv:
        queue._jobs[job.id] = job
    page = client.get(f"/jobb/{job.id}").get_data(as_text=True)
    assert "16 av 17 presentasjoner ble laget" in page
    assert "Disse feilet" in page and "4003 Skien: malfeil i notes" in page
    assert client.get(f"/jobb/{job.id}/fil/zip").data == b"PK"
