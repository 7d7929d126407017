"""A digest of the tool's own code: caches keyed on it renew themselves when the code changes."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).parent


@functools.cache
def code_digest(folders: tuple[str, ...] = (), exclude: frozenset[str] = frozenset()) -> str:
    """SHA-256 of the version and the package's Python files (only `folders` when given)."""
    digest = hashlib.sha256(__version__.encode())
    roots = [PACKAGE / folder for folder in folders] if folders else [PACKAGE]
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            if path.name not in exclude:
                digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
