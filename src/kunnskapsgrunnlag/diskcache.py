"""A small on-disk memo for costly pure results (chart pictures), shared by processes and runs.

Off until `configure` names a folder (the CLI and batch builds use the project's `.cache/`), so
library callers and tests see plain, uncached functions. Keys include the code digest, so a
change to how a result is made never serves an old one.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from .errors import KunnskapsgrunnlagError
from .fingerprint import code_digest
from .write import write_atomic

_folder: Path | None = None


def configure(folder: Path | None) -> None:
    global _folder
    _folder = folder


def memo(namespace: str, key: str, produce: Callable[[], bytes], suffix: str = "") -> bytes:
    """`produce()`, or its earlier result for the same namespace and key."""
    if _folder is None:
        return produce()
    digest = hashlib.sha256(f"{code_digest()}\0{namespace}\0{key}".encode()).hexdigest()
    path = _folder / namespace / f"{digest[:32]}{suffix}"
    with contextlib.suppress(OSError):
        return path.read_bytes()
    data = produce()
    with contextlib.suppress(KunnskapsgrunnlagError):  # a cache that cannot be written only costs time
        write_atomic(path, data)
    return data
