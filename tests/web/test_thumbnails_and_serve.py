"""Thumbnails (rendered once in the background, placeholders until then) and the serve command."""

from __future__ import annotations

import io
import time

from click.testing import CliRunner
from PIL import Image

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.cli_serve import _loopback
from kunnskapsgrunnlag.malform import Malform
from kunnskapsgrunnlag.web.thumbnails import THUMBNAIL_WIDTH, Thumbnails

from ..conftest import ROOT


def _png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1280, 720), colour).save(out, "PNG")
    return out.getvalue()


def test_thumbnails_come_from_the_slide_picture_cache(app, tmp_path, monkeypatch):
    site = app.extensions["kunnskapsgrunnlag"]["site"]
    monkeypatch.setattr("kunnskapsgrunnlag.web.thumbnails.cache_dir_for", lambda project: tmp_path)
    calls = []

    def to_pdf(pptx: bytes) -> bytes:
        calls.append(len(pptx))
        return b"%PDF"

    def to_pngs(pdf: bytes, pages) -> list[bytes]:
        return [_png("white") for _ in pages]

    thumbnails = Thumbnails(site, to_pdf=to_pdf, to_pngs=to_pngs)
    assert not thumbnails.ready("tittel")
    thumbnails.start()
    deadline = time.monotonic() + 120
    while thumbnails.state == "rendering" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert thumbnails.state == "ready"
    assert len(calls) == 2  # one LibreOffice call for every slide of each edition
    with Image.open(io.BytesIO(thumbnails.png("tittel"))) as image:
        assert image.width == THUMBNAIL_WIDTH
    assert thumbnails.exact("tittel", Malform.NYNORSK)  # the nynorsk edition's own picture
    again = Thumbnails(site, to_pdf=to_pdf, to_pngs=to_pngs)
    again.render_now()
    assert len(calls) == 2 and again.ready("avslutning")  # the second start reads the cache
    # until the nynorsk edition is rendered, its pages show the bokmål picture (same layout)
    assert again.ready("avslutning", Malform.NYNORSK) and not again.exact("avslutning", Malform.NYNORSK)


def test_page_shows_placeholders_until_thumbnails_are_ready(client):
    page = client.get("/velg?kommune=4003").get_data(as_text=True)
    assert "Bildet lages" in page and 'role="img"' in page
    assert client.get("/miniatyr/tittel.png").status_code == 404


def test_serve_listens_on_loopback_unless_told_and_warns(monkeypatch):
    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost")
    assert not _loopback("0.0.0.0") and not _loopback("10.0.0.5")
    served = {}
    monkeypatch.setattr("waitress.serve", lambda app, **kw: served.update(kw))
    args = ["serve", "--uten-miniatyrer", "--arbeidere", "1", "--prosjekt", str(ROOT)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    assert "Advarsel" not in result.output
    result = CliRunner().invoke(main, [*args, "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0
    assert "Advarsel" in result.output and "omvendte proxy" in result.output
    assert served["host"] == "0.0.0.0" and served["port"] == 8123
