"""Every file the tool writes goes through here: a temporary file, then an atomic rename."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from .errors import BuildFailed

TEMP_SUFFIX = ".tmp"
_OUR_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")  # .<name>.<mkstemp's random part>.tmp


def _why(exc: OSError) -> str:
    import errno

    if isinstance(exc, NotADirectoryError | FileExistsError):
        return "en del av stien er en fil, ikke en mappe"
    if exc.errno == errno.EROFS:
        return "filsystemet er skrivebeskyttet"
    if exc.errno == errno.ENOSPC:
        return "disken er full"
    return exc.strerror or str(exc)


def sweep_stale_temporaries(folder: Path, max_age_seconds: float | None = None) -> int:
    """Remove the temporary files a killed run left in `folder`; returns how many.

    Only files named as `write_atomic` names them and older than `max_age_seconds`, so a write
    in progress by another process (seconds old) is never touched.
    """
    from .limits import STALE_TEMP_SECONDS

    age = STALE_TEMP_SECONDS if max_age_seconds is None else max_age_seconds
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _OUR_TEMPORARY.match(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > age:
                os.unlink(entry.path)
                removed += 1
    return removed


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    `durable=False` skips the fsync, for files whose loss costs only time (cache entries, which
    carry their own hash: one torn by a crash is a miss, rebuilt)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise BuildFailed(f"{path}: kunne ikke skrive filen: {_why(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise BuildFailed(f"{path}: kunne ikke skrive filen: {_why(exc)}") from exc
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))
