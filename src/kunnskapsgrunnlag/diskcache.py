"""The one cache layer: plain bytes on disk, keyed by a hash of their inputs, verified on read.

Used for slide pictures (slide_images.py) and rendered deck parts (render/incremental.py). An
entry is a small header (a magic line and the SHA-256 of the data) followed by the data: nothing
in the cache is ever executed or unpickled, and an entry that is truncated, emptied, swapped for
a link or a device, or altered fails its hash and is treated as a miss: rebuilt, replaced, and
reported in verbose output (`kunnskapsgrunnlag -v`).

The callers key their entries by their inputs and the code digest, so a change to how a result
is made never serves an old one.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path

from .errors import KunnskapsgrunnlagError
from .write import write_atomic

MAGIC = b"kunnskapsgrunnlag-cache 1\n"
MAX_ENTRY_BYTES = 512 * 1024 * 1024  # larger than any deck; a bigger file is not ours
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
log = logging.getLogger("kunnskapsgrunnlag.cache")


def is_png(data: bytes) -> bool:
    """A whole PNG: its signature at the start and its end chunk at the end."""
    return data.startswith(PNG_SIGNATURE) and data.endswith(b"IEND\xaeB`\x82")


def write_entry(path: Path, data: bytes) -> None:
    """Store `data` with its hash; a cache that cannot be written only costs time."""
    header = MAGIC + hashlib.sha256(data).hexdigest().encode("ascii") + b"\n"
    with contextlib.suppress(KunnskapsgrunnlagError):
        write_atomic(path, header + data, durable=False)  # verified on read: a torn entry is a miss


def read_entry(path: Path, valid: Callable[[bytes], bool] | None = None) -> bytes | None:
    """The data of a sound entry, or None (a miss) for a missing, damaged or foreign one."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _bad(path, f"kan ikke leses ({exc.strerror or exc})")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return _bad(path, "er ikke en vanlig fil")
        if info.st_size > MAX_ENTRY_BYTES:
            return _bad(path, "er for stor")
        raw = handle.read(MAX_ENTRY_BYTES + 1)
    head, sep, data = raw.partition(b"\n")
    digest, sep2, data = data.partition(b"\n")
    if not sep or not sep2 or head + b"\n" != MAGIC:
        return _bad(path, "har ikke hurtigbufferens format")
    if hashlib.sha256(data).hexdigest().encode("ascii") != digest:
        return _bad(path, "stemmer ikke med sjekksummen (skadet)")
    if valid is not None and not valid(data):
        return _bad(path, "har ugyldig innhold")
    return data


def _bad(path: Path, why: str) -> None:
    log.info("hurtigbuffer: %s %s; lages på nytt", path, why)
    with contextlib.suppress(OSError):
        path.unlink()
    return None
