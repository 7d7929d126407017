"""The notes pane: Markdown speaker notes and the slide's sources as formatted paragraphs."""

from __future__ import annotations

from pptx.oxml.ns import qn

from ..messages import msg
from ..model import Slide, Source
from ..ooxml.textxml import ParagraphSpec, RunSpec, paragraph_elements, paragraph_xml
from .references import source_runs
from .richtext import Paragraph, Run, markdown_paragraphs

NOTES_SIZE = 12


def notes_paragraphs(slide: Slide, sources: dict[str, Source], malform: str = "bokmal") -> list[Paragraph]:
    """Notes then "Kilder:" and one paragraph per source, as in the original note."""
    paragraphs = markdown_paragraphs(slide.notes)
    cited = [sources[key] for key in slide.sources if key in sources]
    if cited:
        paragraphs.append(Paragraph((Run(msg("sources_heading", malform), bold=True),)))
        paragraphs.extend(Paragraph(source_runs(source)) for source in cited)
    return paragraphs


def fill_notes(notes_slide, paragraphs: list[Paragraph], lang: str = "nb-NO") -> None:
    """Put the notes in the notes placeholder (whose text body holds one empty paragraph)."""
    if not paragraphs:
        return
    body = notes_slide.notes_placeholder._element.txBody
    for old in body.findall(qn("a:p")):
        body.remove(old)
    xml = [paragraph_xml(_notes_paragraph(para), notes_slide.part, lang, bullet_first=True) for para in paragraphs]
    body.extend(paragraph_elements(xml))


def _notes_paragraph(para: Paragraph) -> ParagraphSpec:
    # Ordered lists keep their number as text: PowerPoint and Impress agree on that.
    bullet = None
    if para.bullet == "•":
        bullet = ("•", "000000", 228600 * (para.level + 1), -228600)
    runs = para.runs
    if para.bullet and para.bullet != "•":
        runs = (Run(f"{para.bullet} "), *runs)
    specs = tuple(
        RunSpec(r.text, NOTES_SIZE, r.bold or None, (r.italic or para.quote) or None, None, r.url) for r in runs
    )
    return ParagraphSpec(specs, "l", space_after_pt=6, bullet=bullet)
