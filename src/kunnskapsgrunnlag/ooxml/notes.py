"""Notes slides made from one prototype instead of python-pptx's per-slide set-up.

python-pptx makes each notes slide by cloning the notes master's placeholders and by walking
every part of the package for a free part name: for a 78-slide deck that was 0.7 s of a
1.5-second render. A notes slide is the same XML for every slide until its text is filled in,
so the first is made by python-pptx and copied for the rest (the same bytes, see
tests/render/test_deck.py).
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart


class NotesSlides:
    """Adds the notes slide of each slide of one presentation, in slide order."""

    def __init__(self) -> None:
        self._prototype = None
        self._count = 0

    def add(self, slide):
        """The new (empty) notes slide of `slide`, which has none yet."""
        self._count += 1
        if self._prototype is None:
            notes = slide.notes_slide
            self._prototype = copy.deepcopy(notes._element)
            return notes
        package = slide.part.package
        # python-pptx names a new part with the lowest free number: notes slides are only made
        # here, one per slide in order, so that is the count so far.
        name = PackURI(f"/ppt/notesSlides/notesSlide{self._count}.xml")
        part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, copy.deepcopy(self._prototype))
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide
