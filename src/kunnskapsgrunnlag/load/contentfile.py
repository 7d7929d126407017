"""The one way content is read from disk: a regular file inside the project, with a size cap.

A slide file that is a link out of the project, a directory, a FIFO or a device named `*.md`
is refused with `file: message` before a byte of it is read, so its content never reaches a
deck or an error message, and reading can neither hang nor exhaust memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import KunnskapsgrunnlagError, Problem, display_path
from ..limits import MAX_CONTENT_FILE_BYTES, MAX_USER_FILE_BYTES


class UnreadableFile(KunnskapsgrunnlagError):
    """A file that is not a regular file inside the project, is too large, or is not UTF-8."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB" if n >= 1024 * 1024 else f"{n} byte"


def _read_regular(path: Path, display: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)  # follows links: what matters is what would be read
    except FileNotFoundError:
        kind = "en lenke som peker til noe som ikke finnes" if path.is_symlink() else "filen finnes ikke"
        raise UnreadableFile(Problem(display, None, kind)) from None
    except OSError as exc:
        raise UnreadableFile(Problem(display, None, f"kunne ikke lese filen: {exc.strerror or exc}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFile(Problem(display, None, "er en mappe, ikke en fil"))
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(
            Problem(display, None, "er ikke en vanlig fil (en enhet, FIFO eller socket); den leses ikke")
        )
    if info.st_size > max_bytes:
        raise UnreadableFile(
            Problem(
                display, None, f"filen er for stor ({_size_text(info.st_size)}; grensen er {_size_text(max_bytes)})"
            )
        )
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the check, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFile(Problem(display, None, f"kunne ikke lese filen: {exc.strerror or exc}")) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnreadableFile(Problem(display, None, "er ikke en vanlig fil; den leses ikke"))
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableFile(Problem(display, None, f"filen er for stor (grensen er {_size_text(max_bytes)})"))
    return data


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link followed, lies inside `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def read_content_bytes(path: Path, project_root: Path, max_bytes: int = MAX_CONTENT_FILE_BYTES) -> bytes:
    """The bytes of a content file that must be a regular file inside the project."""
    display = display_path(path, project_root)
    if not inside(path, project_root):
        if path.is_symlink():
            raise UnreadableFile(Problem(display, None, "er en lenke ut av prosjektmappen; den leses ikke"))
        raise UnreadableFile(Problem(display, None, "ligger utenfor prosjektmappen; den leses ikke"))
    return _read_regular(path, display, max_bytes)


def decode_text(data: bytes, display: str) -> str:
    """UTF-8 text without a leading byte-order mark (which would show as a character)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(Problem(display, line, f"filen er ikke UTF-8 (byte {exc.start + 1})")) from None


def read_content_file(path: Path, project_root: Path, max_bytes: int = MAX_CONTENT_FILE_BYTES) -> str:
    """The text of a content file (slides, notes, bibliography, recipes, diagrams, templates, figures)."""
    data = read_content_bytes(path, project_root, max_bytes)
    return decode_text(data, display_path(path, project_root))


def read_user_file(path: Path, max_bytes: int = MAX_USER_FILE_BYTES) -> bytes:
    """A file the user named on the command line: anywhere, but a regular file and size-capped."""
    return _read_regular(path, str(path), max_bytes)
