"""Deterministic packaging: the same inputs give byte-identical files (docs/dev/determinism.md).

python-pptx stamps every zip entry with the current time and may write the current date into
the core properties; `ooxml/parts.Package.write` zips with a fixed timestamp, and the core
properties are set here from the caller's fixed date.
"""

from __future__ import annotations

import datetime as dt

from pptx.presentation import Presentation

from .parts import Package


def set_core_properties(
    prs: Presentation, title: str, subject: str, when: dt.datetime, author: str, language: str = "nb-NO"
) -> None:
    core = prs.core_properties
    core.title = title
    core.subject = subject
    core.author = author
    core.last_modified_by = author
    core.comments = ""
    core.keywords = "0-24-samarbeidet; utsatte barn og unge; samordning"
    core.category = ""
    core.revision = 1
    core.created = when
    core.modified = when
    core.language = language


def deterministic_zip(blob: bytes) -> bytes:
    """Re-zip any OOXML package (e.g. a DOCX) with fixed timestamps and permissions."""
    return Package.read(blob).write()
