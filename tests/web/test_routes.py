"""Route tests with Flask's test client: validation, errors, headers, CSRF, the editor's actions."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import yaml

from kunnskapsgrunnlag.web.security import CSP

from .conftest import csrf


def test_search_finds_by_name_and_number_and_shows_county_for_twin_names(client):
    page = client.get("/?q=her%C3%B8y").get_data(as_text=True)
    assert "Herøy" in page and "Nordland" in page and "Møre og Romsdal" in page
    assert "to kommuner heter Herøy" in page
    fragment = client.get("/sok?q=4003").get_data(as_text=True)
    assert "Skien" in fragment and "<html" not in fragment


def test_number_without_leading_zero_finds_the_municipality(client):
    assert "Oslo" in client.get("/sok?q=301").get_data(as_text=True)


def test_exact_number_goes_straight_to_the_municipality(client):
    response = client.get("/?q=4003")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/velg?kommune=4003")


def test_office_lists_its_municipalities(client):
    page = client.get("/?kontor=vestfold-og-telemark").get_data(as_text=True)
    assert "Skien" in page and "Larvik" in page and "Bergen" not in page
    assert client.get("/?kontor=../../etc").status_code == 400


def test_municipality_page_tells_what_the_deck_says(client):
    page = client.get("/velg?kommune=4003").get_data(as_text=True)
    assert "Presentasjon for Skien" in page
    assert "Innbyggere" in page and "Målform" in page
    assert "Statistikk med tall for kommunen" in page and "SSB" in page
    # a municipality outside Telemark has no local figures: they are listed as missing, never 0
    other = client.get("/velg?kommune=0301").get_data(as_text=True)
    assert "Mangler tall for kommunen" in other


def test_unknown_values_are_rejected_with_a_friendly_page(client):
    for url in (
        "/velg?kommune=9999",
        "/velg?kommune=4003&oppskrift=finnes-ikke",
        "/velg?kommune=4003&lysbilder=tittel,ikke-et-lysbilde",
        "/velg?kommune=4003&handling=opp:ukjent",
        "/velg?kommune=4003&handling=slett:tittel",
        "/oppskrift.yaml?kommune=4003&oppskrift=tom",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        text = response.get_data(as_text=True)
        assert "Noe i forespørselen var ugyldig" in text and "Traceback" not in text


def test_missing_pages_and_files_are_404(client):
    assert client.get("/finnes-ikke").status_code == 404
    assert client.get("/jobb/AAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert client.get("/jobb/../../etc/passwd").status_code == 404
    assert client.get("/miniatyr/ukjent.png").status_code == 404
    page = client.get("/finnes-ikke").get_data(as_text=True)
    assert "Fant ikke siden" in page


def test_security_headers_on_every_answer(client):
    for url in ("/", "/velg?kommune=4003", "/finnes-ikke", "/static/app.js"):
        response = client.get(url)
        assert response.headers["Content-Security-Policy"] == CSP
        assert "frame-ancestors 'none'" in CSP and "unsafe-inline" not in CSP
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    for url in ("/", "/?q=sk", "/velg?kommune=4003", "/mange"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>" not in page and " style=" not in page and "<style" not in page, url
        assert "onclick" not in page


def test_post_without_csrf_token_is_refused(client):
    response = client.post("/bygg", data={"kommune": "4003", "oppskrift": "fullstendig"})
    assert response.status_code == 403
    response = client.post("/bygg", data={"csrf": "feil", "kommune": "4003", "oppskrift": "fullstendig"})
    assert response.status_code == 403
    assert client.post("/mange", data={"omfang": "fylke", "fylke": "40"}).status_code == 403


def test_post_with_unknown_values_is_400(client):
    token = csrf(client)
    assert client.post("/bygg", data={"csrf": token, "kommune": "0000"}).status_code == 400
    data = {"csrf": token, "kommune": "4003", "oppskrift": "tom"}  # an empty deck
    assert client.post("/bygg", data=data).status_code == 400
    data = {"csrf": token, "omfang": "fylke", "fylke": "99", "oppskrift": "fullstendig"}
    assert client.post("/mange", data=data).status_code == 400


def test_request_size_limits(client):
    token = csrf(client)
    big = {"csrf": token, "kommune": "4003", "lysbilder": "x" * 200_000}
    assert client.post("/bygg", data=big).status_code == 413
    assert client.get("/velg?kommune=4003&lysbilder=" + "a," * 10_000).status_code == 414


def _choice_of(location: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def test_keyboard_buttons_move_and_remove_slides_in_the_address(client):
    response = client.get("/velg?kommune=4003&oppskrift=hvorfor-samordning&handling=ned:tittel")
    assert response.status_code == 303
    moved = _choice_of(response.headers["Location"])["lysbilder"].split(",")
    assert moved[:2] == ["disposisjon", "tittel"]
    assert response.headers["Location"].endswith("#rad-tittel")
    response = client.get("/velg?kommune=4003&oppskrift=fullstendig&handling=ut-seksjon:eksempler")
    left = _choice_of(response.headers["Location"])["lysbilder"].split(",")
    page = client.get("/velg?kommune=4003&oppskrift=fullstendig").get_data(as_text=True)
    assert len(left) < page.count('id="rad-')
    assert not {"eksempler"} & set(left)


def test_adding_a_slide_puts_it_in_catalogue_order(client):
    response = client.get("/velg?kommune=4003&oppskrift=tom&lysbilder=tittel,avslutning&handling=inn:disposisjon")
    assert _choice_of(response.headers["Location"])["lysbilder"] == "tittel,disposisjon,avslutning"


def test_shared_link_opens_the_same_selection(client):
    url = "/velg?kommune=4003&oppskrift=tom&lysbilder=avslutning,tittel"
    page = client.get(url).get_data(as_text=True)
    assert page.index('id="rad-avslutning"') < page.index('id="rad-tittel"')
    assert "2 lysbilder" in page and "Beregnet taletid" in page


def test_speaking_time_grows_with_the_selection(app):
    site = app.extensions["kunnskapsgrunnlag"]["site"]
    short = site.speaking_seconds(["tittel"])
    longer = site.speaking_seconds(site.recipe_slides("fullstendig"))
    assert 0 < short < longer


def test_recipe_download_reads_back_as_the_same_choice(client, catalogue, tmp_path):
    from kunnskapsgrunnlag.assemble import assemble
    from kunnskapsgrunnlag.recipe_file import load_recipe_file

    ids = "tittel,avslutning,disposisjon"
    response = client.get(f"/oppskrift.yaml?kommune=4003&oppskrift=tom&lysbilder={ids}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = yaml.safe_load(response.get_data(as_text=True))
    assert data["include"] == [{"slide": "tittel"}, {"section": "avslutning"}, {"slide": "disposisjon"}]
    path = tmp_path / "min.yaml"
    path.write_bytes(response.data)
    recipe = load_recipe_file(path, catalogue)
    assert [e.slide.id for e in assemble(catalogue, recipe, None).slides] == ids.split(",")


def test_whole_sections_are_written_as_sections(client):
    response = client.get("/oppskrift.yaml?kommune=4003&oppskrift=samordningstrapp")
    data = yaml.safe_load(response.get_data(as_text=True))
    assert {"section": "samordningstrapp"} in data["include"]


def test_a_bug_shows_a_friendly_page_and_logs_the_details(app, client, monkeypatch, caplog):
    site = app.extensions["kunnskapsgrunnlag"]["site"]

    def broken(kommune, malform=None):
        raise RuntimeError("hemmelig detalj")

    monkeypatch.setattr(site, "facts", broken)
    response = client.get("/velg?kommune=4003")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Noe gikk galt" in text and "hemmelig detalj" not in text and "Traceback" not in text
    assert "hemmelig detalj" in caplog.text
