"""Deterministic packaging: the same inputs give byte-identical files (docs/dev/determinism.md).

python-pptx stamps every zip entry with the current time; we rewrite the archive with a fixed
timestamp and fixed permissions, keeping python-pptx's part order ([Content_Types].xml first).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx.presentation import Presentation

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def set_core_properties(prs: Presentation, title: str, subject: str, when: dt.datetime, author: str) -> None:
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
    core.language = "nb-NO"


def deterministic_zip(blob: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            target.writestr(fixed, source.read(info.filename), compresslevel=6)
    return out.getvalue()


def save_deterministic(prs: Presentation) -> bytes:
    buffer = io.BytesIO()
    prs.save(buffer)
    return deterministic_zip(buffer.getvalue())
