"""The web builder in both written forms: the deck's målform (computed, chosen, in the address, in
the build and the zip) and the page's own text in bokmål and nynorsk."""

from __future__ import annotations

import io
import os
import re
import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from pptx import Presentation

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.malform import Malform
from kunnskapsgrunnlag.web.texts import TEXTS, script_texts

from ..conftest import ROOT
from .conftest import csrf, make_app, wait_for

CHOICE = "tittel,disposisjon,statistikk-neet,gjenstridig-problem,tidlig-innsats,avslutning"


def _checked_form(page: str) -> str:
    return re.search(r'name="malform" id="malform-(\w+)" value="\w+" checked', page).group(1)


def test_every_text_has_both_forms_and_the_same_fields():
    for key, forms in TEXTS.items():
        assert set(forms) == set(Malform), key
        fields = [set(re.findall(r"\{(\w+)\}", forms[m])) for m in Malform]
        assert fields[0] == fields[1], key
    assert script_texts(Malform.NYNORSK)["opp"] == "Flytta opp: "


def test_default_form_follows_the_municipality(client):
    bergen = client.get("/velg?kommune=4601").get_data(as_text=True)  # Nøytral, in Vestland
    assert _checked_form(bergen) == "nynorsk"
    assert '<html lang="nn">' in bergen
    assert "Presentasjonen blir skriven på nynorsk." in bergen
    assert "Bergen er språknøytral og får forma som fleirtalet av kommunane hjå Statsforvalteren i Vestland" in bergen
    skien = client.get("/velg?kommune=4003").get_data(as_text=True)  # Nøytral, no majority in its office
    assert _checked_form(skien) == "bokmal"
    assert '<html lang="nb">' in skien and "Presentasjonen blir skrevet på bokmål." in skien
    assert "ingen målform har flertall blant kommunene hos Statsforvalteren i Vestfold og Telemark" in skien
    sogndal = client.get("/velg?kommune=4640").get_data(as_text=True)  # chose nynorsk itself
    assert _checked_form(sogndal) == "nynorsk" and "Sogndal har valt nynorsk, så det er standard." in sogndal


def test_form_in_the_address_overrides_and_is_kept_in_every_link(client):
    page = client.get("/velg?kommune=4601&malform=bokmal").get_data(as_text=True)
    assert _checked_form(page) == "bokmal" and '<html lang="nb">' in page
    assert "Du har valgt en annen målform enn standard (nynorsk)." in page
    share = re.search(r'href="([^"]+)" id="lenke"', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(share).query)["malform"] == ["bokmal"]
    skien = client.get("/velg?kommune=4003&malform=nynorsk").get_data(as_text=True)
    assert _checked_form(skien) == "nynorsk" and '<html lang="nn">' in skien
    # an edit keeps the form
    moved = client.get("/velg?kommune=4003&malform=nynorsk&oppskrift=hvorfor-samordning&handling=ut:tittel")
    assert moved.status_code == 303 and "malform=nynorsk" in moved.headers["Location"]
    # the switch in the header goes to the same choice in the other form
    switch = re.search(r'href="([^"]+)" id="bytt-malform"', skien).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(switch).query)["malform"] == ["bokmal"]
    assert parse_qs(urlsplit(switch).query)["kommune"] == ["4003"]


def test_invalid_form_is_a_400_with_a_norwegian_message(client):
    for url in ("/velg?kommune=4601&malform=svensk", "/?malform=svensk", "/mange?malform=svensk"):
        response = client.get(url)
        assert response.status_code == 400, url
        text = response.get_data(as_text=True)
        assert "Ukjent målform «svensk»: bruk bokmal eller nynorsk." in text and "Traceback" not in text


def test_the_page_speaks_nynorsk_with_the_nynorsk_edition(client):
    page = client.get("/velg?kommune=4640&oppskrift=hvorfor-samordning").get_data(as_text=True)
    for text in ("Vel ein annan kommune", "Dette seier presentasjonen om Sogndal", "2. Innhaldet", "Berekna taletid"):
        assert text in page, text
    assert "Innbyggjarar" in page and "Innbyggere" not in page
    # section and recipe titles come from the nynorsk edition
    assert "Innleiing" in page and "Kvifor samordning? Utsette barn og unge" in page
    visible = re.sub(r"<[^>]+>", " ", page)  # the text, not the field names
    assert "lysbilete" in visible and not re.search(r"\b(lysbild\w*|ikke|hva|velg)\b", visible, re.I)
    # the script's texts too, for the announcements
    assert "Flytta opp: " in page
    # the pages without a deck follow the address, and the header keeps it
    front = client.get("/?malform=nynorsk").get_data(as_text=True)
    assert '<html lang="nn">' in front and "Lag presentasjonen for ein kommune" in front
    assert 'href="/mange?malform=nynorsk"' in front
    hits = client.get("/sok?q=her%C3%B8y&malform=nynorsk").get_data(as_text=True)
    assert "to kommunar heiter Herøy" in hits
    missing = client.get("/finst-ikkje?malform=nynorsk")
    assert missing.status_code == 404 and "Fann ikkje sida" in missing.get_data(as_text=True)


def test_recipe_file_carries_the_chosen_edition_title(client):
    text = client.get("/oppskrift.yaml?kommune=4640&oppskrift=hvorfor-samordning&lysbilder=tittel,avslutning")
    assert text.status_code == 200
    assert text.get_data(as_text=True).startswith("title: Kvifor samordning?")


def _web_and_cli(client, tmp_path, kommune: str, malform: str, out: str) -> tuple[bytes, bytes]:
    data = {"csrf": csrf(client), "kommune": kommune, "oppskrift": "hvorfor-samordning", "lysbilder": CHOICE}
    data["malform"] = malform
    response = client.post("/bygg", data=data)
    assert response.status_code == 303
    assert f"malform={malform}" in response.headers["Location"]
    job_url = response.headers["Location"].split("?")[0]
    status = wait_for(client, job_url)
    assert status["state"] == "done", status
    web = client.get(job_url + "/fil/pptx").data
    query = f"kommune={kommune}&oppskrift=hvorfor-samordning&lysbilder={CHOICE}&malform={malform}"
    recipe = tmp_path / "oppskrift.yaml"
    recipe.write_bytes(client.get(f"/oppskrift.yaml?{query}").data)
    args = ["build", "--oppskrift", str(recipe), "--kommune", kommune, "--malform", malform, "--uten-notater"]
    result = CliRunner().invoke(main, [*args, "--ut", str(tmp_path), "--prosjekt", str(ROOT)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return web, (tmp_path / "oppskrift" / out).read_bytes()


def _blank_notes(deck: bytes) -> str:
    slides = Presentation(io.BytesIO(deck)).slides
    return slides[len(slides) - 1].notes_slide.notes_text_frame.text


def test_nynorsk_web_deck_is_byte_identical_to_the_cli_deck(client, tmp_path):
    web, cli = _web_and_cli(client, tmp_path, "4640", "nynorsk", "4640-sogndal.pptx")
    assert web == cli
    assert "Dette er ditt eige lysbilete." in _blank_notes(web)


def test_forced_bokmal_web_deck_is_byte_identical_to_the_cli_deck(client, tmp_path):
    web, cli = _web_and_cli(client, tmp_path, "4601", "bokmal", "4601-bergen.pptx")
    assert web == cli
    assert "Dette er ditt eget lysbilde." in _blank_notes(web)


def test_job_page_speaks_the_deck_form(client):
    data = {"csrf": csrf(client), "kommune": "4640", "oppskrift": "hvorfor-samordning", "lysbilder": "tittel"}
    response = client.post("/bygg", data=data)  # no form sent: the municipality's own
    job_url = response.headers["Location"].split("?")[0]
    wait_for(client, job_url)
    page = client.get(job_url).get_data(as_text=True)
    assert '<html lang="nn">' in page and "Filene blir sletta frå serveren etter ei stund." in page


def test_office_zip_can_force_one_form(client):
    page = client.get("/mange?malform=nynorsk").get_data(as_text=True)
    assert "Kvar kommune si eiga" in page and 'name="malform_alle"' in page
    token = csrf(client)
    bad = client.post("/mange", data={"csrf": token, "omfang": "fylke", "fylke": "40", "malform_alle": "x"})
    assert bad.status_code == 400
    data = {"csrf": token, "omfang": "fylke", "fylke": "46", "oppskrift": "hvorfor-samordning", "malform": "nynorsk"}
    data["lysbilder"] = "tittel,avslutning"
    data["malform_alle"] = "bokmal"
    response = client.post("/mange", data=data)
    assert response.status_code == 303 and "malform=nynorsk" in response.headers["Location"]
    job_url = response.headers["Location"].split("?")[0]
    status = wait_for(client, job_url, limit=600)
    assert status["state"] == "done", status
    archive = zipfile.ZipFile(io.BytesIO(client.get(job_url + "/fil/zip").data))
    sogndal = archive.read("4640-sogndal.pptx")
    assert "Dette er ditt eget lysbilde." in _blank_notes(sogndal)  # forced bokmål for a nynorsk municipality


def test_office_zip_defaults_to_each_municipality_form(tmp_path):
    """Without a forced form the batch gets None: `run_batch` then gives each its own form."""
    app = make_app(tmp_path)
    queue = app.extensions["kunnskapsgrunnlag"]["queue"]
    queue._started = True  # no build processes: the job stays in the queue to be looked at
    client = app.test_client()
    data = {"csrf": csrf(client), "omfang": "statsforvalter", "statsforvalter": "vestland", "oppskrift": "fullstendig"}
    response = client.post("/mange", data=data)
    assert response.status_code == 303
    job = queue.get(urlsplit(response.headers["Location"]).path.split("/")[-1])
    assert job.spec.malform is None and job.spec.zip_name == "vestland-fullstendig.zip"
    data["malform_alle"] = "nynorsk"
    job = queue.get(urlsplit(client.post("/mange", data=data).headers["Location"]).path.split("/")[-1])
    assert job.spec.malform == "nynorsk" and job.spec.zip_name == "vestland-fullstendig-nynorsk.zip"


# Reviewed: file types and product names, the CLI's value `bokmal`, the office's title (the
# dictionaries lack it), and correct forms hunspell does not know (compounds, emphatic éi).
WEB_ALLOW = {
    "PowerPoint", "pptx", "docx", "pdf", "PDF", "zip", "bokmal", "serveren", "serverloggen", "skjemaet",
    "Skjemaet", "statsforvalter", "Statsforvalter", "statsforvalteren", "Statsforvalteren", "statsforvaltar",
    "Statsforvaltar", "statsforvaltaren", "Statsforvaltaren", "Hovudmeny", "éi",
}  # fmt: skip


@pytest.mark.parametrize("malform", list(Malform))
def test_every_word_of_the_page_is_in_its_dictionary(malform):
    """The same hunspell check as the slides (tests/test_spelling.py): no bokmål in the nynorsk texts."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("spelling", ROOT / "scripts" / "spelling.py")
    spelling = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(spelling)
    if not spelling.available():
        if os.environ.get("CI"):
            pytest.fail("hunspell with nn_NO and nb_NO is required in CI (scripts/setup.sh installs it)")
        pytest.skip("hunspell with nn_NO and nb_NO is not installed (scripts/setup.sh installs it)")
    texts = {key: re.sub(r"\{\w+\}", " ", forms[malform]) for key, forms in TEXTS.items()}
    unknown = spelling.unknown_words(texts, malform.value, ROOT)
    assert {key: words for key, words in unknown.items() if set(words) - WEB_ALLOW} == {}
    assert spelling.unknown_words({"x": "Vel ikke kommunen"}, "nynorsk", ROOT)  # the check can fail
