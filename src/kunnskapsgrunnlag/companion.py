"""The files that go with a built deck: its notes document (DOCX and PDF) and the deck as PDF.

Called after `build_one` has written the deck, so a missing LibreOffice never costs the deck:
the error comes after the deck is safely on disk. Everything is rendered first and written last,
so a failure while rendering leaves no companion half made.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .build import BuiltDeck
from .errors import KunnskapsgrunnlagError
from .load.contentfile import UnreadableFile, read_content_file
from .project import Project
from .render import office
from .render.theme import load_theme
from .slide_images import SlidePictures, cache_dir_for, slide_keys, slide_pictures
from .write import write_atomic

BLANK_EXPLANATION = "notesdoc-blank-slide.md"


def companion_paths(deck_path: Path) -> dict[str, Path]:
    """`4003-skien.pptx` → `4003-skien.notater.docx`, `4003-skien.notater.pdf`, `4003-skien.pdf`."""
    return {
        "notes_docx": deck_path.with_suffix(".notater.docx"),
        "notes_pdf": deck_path.with_suffix(".notater.pdf"),
        "deck_pdf": deck_path.with_suffix(".pdf"),
    }


def write_companions(
    project: Project,
    built: BuiltDeck,
    *,
    pdf: bool,
    notes: bool,
    date: dt.date | None = None,
    cache_dir: Path | None = None,
) -> list[Path]:
    """Write the notes document (with `notes`) and the deck as PDF (with `pdf`) beside the deck.

    `date` is printed on the title page (default: `build_date()`). Raises `LibreOfficeMissing`
    when LibreOffice is not installed; the deck itself is already written by then.
    """
    if not (pdf or notes):
        return []
    try:
        office.require_tools()
    except office.LibreOfficeMissing as exc:
        raise office.LibreOfficeMissing(
            f"{built.path.name} er skrevet, men {exc}, eller bygg med --uten-notater"
        ) from exc
    paths = companion_paths(built.path)
    pptx = built.path.read_bytes()
    outputs: dict[Path, bytes] = {}
    deck_pdf = office.pptx_to_pdf(pptx) if pdf else None
    if deck_pdf is not None:
        outputs[paths["deck_pdf"]] = deck_pdf
    if notes:
        docx = render_notes_document(project, built, pptx, date=date, cache_dir=cache_dir, deck_pdf=deck_pdf)
        outputs[paths["notes_docx"]] = docx
        outputs[paths["notes_pdf"]] = office.docx_to_pdf(docx)
    for path, data in outputs.items():
        write_atomic(path, data)
    return list(outputs)


def render_notes_document(
    project: Project,
    built: BuiltDeck,
    pptx: bytes,
    *,
    date: dt.date | None = None,
    cache_dir: Path | None = None,
    deck_pdf: bytes | None = None,
) -> bytes:
    """The notes document of a built deck as DOCX bytes (slide pictures from the cache)."""
    pictures = pictures_for(project, built, pptx, cache_dir=cache_dir, deck_pdf=deck_pdf)
    explanation = project.templates / BLANK_EXPLANATION
    nynorsk = project.templates / BLANK_EXPLANATION.replace(".md", ".nn.md")
    if built.deck.malform == "nynorsk" and nynorsk.is_file():
        explanation = nynorsk
    try:
        blank_text = read_content_file(explanation, project.root)
    except UnreadableFile as exc:
        raise KunnskapsgrunnlagError(f"teksten om det tomme lysbildet kunne ikke leses: {exc.problem}") from exc
    # python-docx is imported only when a notes document is written (not for --uten-notater).
    from .render.notesdoc import NotesDocOptions, render_notes_docx

    options = NotesDocOptions(theme=load_theme(project.theme_file), date=date or build_date(), blank_text=blank_text)
    return render_notes_docx(built.deck, pictures.images, options)


def pictures_for(
    project: Project, built: BuiltDeck, pptx: bytes, *, cache_dir: Path | None = None, deck_pdf: bytes | None = None
) -> SlidePictures:
    keys = slide_keys(built.deck, load_theme(project.theme_file))
    return slide_pictures(pptx, keys, cache_dir or cache_dir_for(project), deck_pdf=deck_pdf)


def build_date() -> dt.date:
    """Today, or the date of `SOURCE_DATE_EPOCH` when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
