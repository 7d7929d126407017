"""End to end in a real browser (Debian's chromium, driven by Playwright), with axe-core on every page.

The full flow with the keyboard: search a municipality, choose a recipe, leave out a section,
move a slide, build, download, and check that the .pptx has the slides in the order the page
showed; then the office/county zip. A screenshot of each step goes to build/skjermbilder/.
"""

from __future__ import annotations

import io
import os
import threading
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "build" / "skjermbilder"

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import waitress

    from kunnskapsgrunnlag.web import create_app
    from kunnskapsgrunnlag.web.config import WebConfig

    from ..conftest import ROOT

    config = WebConfig(project_root=ROOT, work_dir=tmp_path_factory.mktemp("web-e2e"), workers=1, thumbnails=True)
    app = create_app(config)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.effective_port}", app=app)
    _wait_for_thumbnails(app.extensions["kunnskapsgrunnlag"]["thumbnails"])  # leave no LibreOffice behind
    server.close()
    app.extensions["kunnskapsgrunnlag"]["queue"].shutdown()


@pytest.fixture(scope="module")
def base_url(server) -> str:
    return server.url


def _wait_for_thumbnails(thumbnails, limit: float = 600.0) -> None:
    deadline = time.monotonic() + limit
    while thumbnails.state == "rendering" and time.monotonic() < deadline:
        time.sleep(0.5)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: scripts/setup.sh installs it")
        pytest.skip("chromium is not installed (scripts/setup.sh installs it)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="nb-NO")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    # a CSP violation or a script error would show here
    assert [e for e in errors if "status of 4" not in e and "unsafe-eval" not in e] == []


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def no_axe_violations(page) -> None:
    results = axe_api.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def press(page, selector: str, key: str = "Enter") -> None:
    """Keyboard only: focus the control (as Tab would) and press the key."""
    page.focus(selector)
    page.keyboard.press(key)


def test_full_flow_with_the_keyboard(page, base_url, tmp_path):
    from pptx import Presentation

    page.goto(base_url + "/")
    no_axe_violations(page)
    shot(page, "01-forside")

    # 1. search as you type: the twin names show their county
    page.focus("#sok")
    page.keyboard.type("Herøy")
    page.wait_for_selector("#treff li >> nth=1")
    assert "Nordland" in page.inner_text("#treff") and "Møre og Romsdal" in page.inner_text("#treff")
    no_axe_violations(page)
    shot(page, "02-sok-heroy")
    page.fill("#sok", "")
    page.focus("#sok")
    page.keyboard.type("Skie")
    page.wait_for_selector("#treff a:text-is('Skien')")
    press(page, "#treff a:text-is('Skien')")
    page.wait_for_selector("h1:has-text('Presentasjon for Skien')")
    no_axe_violations(page)
    shot(page, "03-skien")

    # 2. choose a recipe
    press(page, "#oppskrift-hvorfor-samordning", "Space")
    press(page, "button:has-text('Bruk dette utgangspunktet')")
    page.wait_for_selector("#rad-samordning-sviktomrade")
    assert "oppskrift=hvorfor-samordning" in page.url

    # leave out a section (the outline and speaking time follow)
    before = page.inner_text("#sammendrag")
    assert page.locator("#rad-grenseflater").count() == 1
    press(page, "#ut-seksjon-gjenstridig-problem")
    page.wait_for_selector("#rad-grenseflater", state="detached")
    assert page.inner_text("#sammendrag") != before
    assert "Gjenstridig problem" not in page.inner_text(".disposisjon")
    shot(page, "04-uten-seksjon")

    # move a slide with the keyboard: the title slide one step down
    press(page, "#ned-tittel")
    page.wait_for_selector("#rekkefolge li:first-child[data-id='disposisjon']")
    assert page.evaluate("document.activeElement.id") == "ned-tittel"  # focus stays on the button
    page.wait_for_selector("#melding:has-text('Flyttet ned')", state="attached")
    assert "lysbilder=" in page.url  # the choice is in the address
    no_axe_violations(page)
    page.locator("#rad-tittel").scroll_into_view_if_needed()
    shot(page, "05-flyttet-med-tastatur")
    shown = page.eval_on_selector_all("#rekkefolge li", "items => items.map(li => li.dataset.id)")
    assert shown[:2] == ["disposisjon", "tittel"] and "grenseflater" not in shown

    # a colleague's link gives the same selection
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    assert other.eval_on_selector_all("#rekkefolge li", "items => items.map(li => li.dataset.id)") == shown
    other.close()

    # 3. build (deck only, to keep the test short) and download
    press(page, "#notater", "Space")
    assert not page.is_checked("#notater")
    press(page, "#lag")
    page.wait_for_selector("#status")
    no_axe_violations(page)
    shot(page, "06-bygger")
    page.wait_for_selector("#fil-pptx", timeout=240_000)
    no_axe_violations(page)
    shot(page, "07-ferdig")
    with page.expect_download() as download_info:
        press(page, "#fil-pptx")
    target = tmp_path / "deck.pptx"
    download_info.value.save_as(target)

    prs = Presentation(str(target))
    titles = [s.shapes.title.text for s in list(prs.slides)[:-1]]
    assert len(titles) == len(shown)
    from kunnskapsgrunnlag.assemble import assemble
    from kunnskapsgrunnlag.build import load_catalogue, registry_for
    from kunnskapsgrunnlag.model import Recipe, RecipeItem
    from kunnskapsgrunnlag.project import Project
    from kunnskapsgrunnlag.render.templating import render_deck
    from kunnskapsgrunnlag.stats.project import project_statistics_or_none, with_statistics

    from ..conftest import ROOT

    project = Project(ROOT)
    catalogue, _ = load_catalogue(project)
    recipe = Recipe("x", "x", tuple(RecipeItem("slide", s) for s in shown))
    kommune = registry_for(project).kommune("4003")
    expected = render_deck(with_statistics(assemble(catalogue, recipe, kommune), project_statistics_or_none(ROOT)))
    assert titles == [e.slide.title for e in expected.slides]


def test_office_zip_flow(page, base_url, tmp_path):
    page.goto(base_url + "/mange")
    no_axe_violations(page)
    shot(page, "08-mange")
    press(page, "#omfang-fylke", "Space")
    page.select_option("#fylke", "40")
    page.select_option("#oppskrift", "hvorfor-samordning")
    press(page, "#lag-alle")
    page.wait_for_selector("#status")
    shot(page, "09-mange-bygger")
    page.wait_for_selector("#fil-zip", timeout=600_000)
    no_axe_violations(page)
    shot(page, "10-mange-ferdig")
    assert "17 av 17 presentasjoner ble laget" in page.inner_text("#status")
    with page.expect_download() as download_info:
        press(page, "#fil-zip")
    target = tmp_path / "alle.zip"
    download_info.value.save_as(target)
    names = zipfile.ZipFile(io.BytesIO(target.read_bytes())).namelist()
    assert len([n for n in names if n.endswith(".pptx")]) == 17 and "4003-skien.pptx" in names


def test_error_page_is_accessible(page, base_url):
    page.goto(base_url + "/velg?kommune=9999")
    assert "Noe i forespørselen var ugyldig" in page.inner_text("main")
    no_axe_violations(page)
    shot(page, "11-feil")
    page.goto(base_url + "/finnes-ikke")
    no_axe_violations(page)


def test_core_path_works_without_javascript(browser, base_url, tmp_path):
    """Choose municipality and recipe, build, download: plain forms and links only."""
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(base_url + "/")
        page.fill("#sok", "Porsgrunn")
        page.click("button:has-text('Søk')")
        page.click("#treff a:text-is('Porsgrunn')")
        page.check("#oppskrift-samordningstrapp")
        page.click("button:has-text('Bruk dette utgangspunktet')")
        page.click("#ned-tittel")  # a plain GET form: the server moves the slide and redirects
        assert page.locator("#rekkefolge li").first.get_attribute("data-id") == "disposisjon"
        page.uncheck("#notater")
        page.click("#lag")
        for _ in range(240):  # the page offers a refresh link instead of polling
            if page.locator("#fil-pptx").count():
                break
            page.wait_for_timeout(500)
            page.reload()
        shot(page, "12-uten-javascript")
        with page.expect_download() as download_info:
            page.click("#fil-pptx")
        target = tmp_path / "uten-js.pptx"
        download_info.value.save_as(target)
        assert target.read_bytes()[:2] == b"PK"
    finally:
        context.close()


def test_drag_and_drop_reorders_and_keeps_the_choice_in_the_address(page, base_url):
    page.goto(base_url + "/velg?kommune=4003&oppskrift=tom&lysbilder=tittel,disposisjon,avslutning")
    box = page.locator("#rad-tittel").bounding_box()
    page.drag_and_drop("#rad-avslutning", "#rad-tittel", target_position={"x": 20, "y": 5})
    page.wait_for_selector("#melding:has-text('Flyttet')", state="attached")  # after the server's answer
    page.wait_for_selector("#rekkefolge li:first-child[data-id='avslutning']")
    assert box is not None
    assert "lysbilder=avslutning%2Ctittel%2Cdisposisjon" in page.url
    order = page.eval_on_selector_all("#rekkefolge li", "items => items.map(li => li.dataset.id)")
    assert order == ["avslutning", "tittel", "disposisjon"]
    no_axe_violations(page)
    shot(page, "13-dra-og-slipp")


def test_real_slide_pictures_replace_the_placeholders(page, server, base_url):
    """The catalogue's pictures are the rendered slides (LibreOffice, cached), shown once ready."""
    thumbnails = server.app.extensions["kunnskapsgrunnlag"]["thumbnails"]
    _wait_for_thumbnails(thumbnails)
    assert thumbnails.state == "ready"
    page.goto(base_url + "/velg?kommune=4003&oppskrift=hvorfor-samordning")
    pictures = page.locator(".katalog img")
    assert pictures.count() == page.locator(".katalog li").count()
    assert "samordningstrapp" in (page.get_attribute("#kat-samordningstrapp img", "src") or "")
    alt = page.get_attribute("#kat-samordningstrapp img", "alt") or ""
    assert alt.startswith("Lysbildet «")
    page.locator("#kat-samordningstrapp").scroll_into_view_if_needed()  # the pictures load lazily
    width = 0
    for _ in range(50):
        width = page.evaluate("document.querySelector('#kat-samordningstrapp img').naturalWidth")
        if width:
            break
        page.wait_for_timeout(100)
    assert width == 320
    no_axe_violations(page)
    shot(page, "14-miniatyrer")


def test_switch_to_nynorsk_with_the_keyboard_and_build(page, base_url, tmp_path):
    """Skien gets bokmål by default; the user picks nynorsk with the arrow keys: the page speaks
    nynorsk (lang="nn") and the built deck is the nynorsk edition."""
    from pptx import Presentation

    page.goto(base_url + "/velg?kommune=4003&oppskrift=tom&lysbilder=tittel,disposisjon,avslutning")
    assert page.get_attribute("html", "lang") == "nb" and page.is_checked("#malform-bokmal")
    page.focus("#malform-bokmal")
    page.keyboard.press("ArrowDown")  # a radio group: the arrow moves the choice
    assert page.is_checked("#malform-nynorsk")
    press(page, "#bruk-malform")
    page.wait_for_selector("html[lang='nn']")
    assert "malform=nynorsk" in page.url
    main = page.inner_text("main")
    assert "Presentasjonen blir skriven på nynorsk." in main and "Du har valt ei anna målform enn standard" in main
    assert "Disposisjonen for presentasjonen" in page.inner_text("#rekkefolge")  # the nynorsk edition's titles
    no_axe_violations(page)
    shot(page, "15-nynorsk")
    # an edit keeps the form, and its announcement is in nynorsk too
    press(page, "#ned-tittel")
    page.wait_for_selector("#melding:has-text('Flytta ned')", state="attached")
    assert "malform=nynorsk" in page.url
    # the switch in the header follows the edit made in place (it carries the new order)
    assert "disposisjon%2Ctittel" in (page.get_attribute("#bytt-malform", "href") or "")
    page.locator("#bygg").scroll_into_view_if_needed()
    shot(page, "16-nynorsk-bygg")
    press(page, "#notater", "Space")
    press(page, "#lag")
    page.wait_for_selector("#fil-pptx", timeout=240_000)
    assert page.get_attribute("html", "lang") == "nn" and "Last ned presentasjonen (.pptx)" in page.inner_text("main")
    assert "Filene blir sletta frå serveren" in page.inner_text("main")
    no_axe_violations(page)
    shot(page, "17-nynorsk-ferdig")
    with page.expect_download() as download_info:
        press(page, "#fil-pptx")
    target = tmp_path / "nynorsk.pptx"
    download_info.value.save_as(target)
    slides = list(Presentation(str(target)).slides)
    assert slides[0].shapes.title.text == "Disposisjonen for presentasjonen"
    assert "Dette er ditt eige lysbilete." in slides[-1].notes_slide.notes_text_frame.text
    # the switch in the header takes the page (and the deck) back to bokmål
    page.goto(base_url + "/velg?kommune=4601")
    assert page.get_attribute("html", "lang") == "nn" and page.is_checked("#malform-nynorsk")  # Bergen: Vestland
    shot(page, "18-bergen-nynorsk")
    press(page, "#bytt-malform")
    page.wait_for_selector("html[lang='nb']")
    assert page.is_checked("#malform-bokmal") and "Presentasjon for Bergen" in page.inner_text("h1")
    no_axe_violations(page)


def test_nynorsk_page_shows_the_nynorsk_slide_pictures(page, server, base_url):
    from kunnskapsgrunnlag.malform import Malform

    thumbnails = server.app.extensions["kunnskapsgrunnlag"]["thumbnails"]
    _wait_for_thumbnails(thumbnails)
    assert thumbnails.state == "ready" and thumbnails.exact("samordningstrapp", Malform.NYNORSK)
    page.goto(base_url + "/velg?kommune=4640&oppskrift=hvorfor-samordning")
    assert (page.get_attribute("#kat-samordningstrapp img", "alt") or "").startswith("Lysbiletet «")
    assert "malform=nynorsk" in (page.get_attribute("#kat-samordningstrapp img", "src") or "")
    page.locator("#kat-samordningstrapp").scroll_into_view_if_needed()
    width = 0
    for _ in range(50):  # the pictures load lazily (CSP forbids wait_for_function's eval)
        width = page.evaluate("document.querySelector('#kat-samordningstrapp img').naturalWidth")
        if width:
            break
        page.wait_for_timeout(100)
    assert width == 320
    no_axe_violations(page)
    shot(page, "19-nynorsk-miniatyrer")
