"""The notes pane: Markdown speaker notes and the slide's sources as formatted paragraphs."""

from __future__ import annotations

from pptx.util import Emu

from ..messages import msg
from ..model import Slide, Source
from ..ooxml.text import add_run, set_bullet, set_no_bullet, set_paragraph_format
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


def fill_notes(notes_slide, paragraphs: list[Paragraph]) -> None:
    frame = notes_slide.notes_text_frame
    frame.clear()
    for i, para in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if para.bullet == "•":
            margin = Emu(228600 * (para.level + 1))
            set_bullet(paragraph, "•", "000000", margin, Emu(-228600))
        else:
            # Ordered lists keep their number as text: PowerPoint and Impress agree on that.
            set_no_bullet(paragraph)
        set_paragraph_format(paragraph, "l", space_after_pt=6)
        runs = para.runs
        if para.bullet and para.bullet != "•":
            runs = (Run(f"{para.bullet} "), *runs)
        for spec in runs:
            add_run(
                paragraph,
                spec.text,
                NOTES_SIZE,
                bold=spec.bold or None,
                italic=(spec.italic or para.quote) or None,
                url=spec.url,
            )
