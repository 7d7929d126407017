"""LibreOffice headless and poppler as converters: bytes in, bytes out.

Every call gets its own temporary folder and its own LibreOffice user profile
(`-env:UserInstallation`), so parallel builds never share a profile lock, and a timeout, so a
hung LibreOffice cannot stall a batch. Nothing here writes outside the system's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import BuildFailed, KunnskapsgrunnlagError

DEFAULT_TIMEOUT = 300.0  # seconds; the full deck takes about 7 s on a laptop
PICTURE_WIDTH = 1280  # pixels: about 200 dpi across a 16 cm wide picture in the notes document

INSTALL_HINT = "installer det med scripts/setup.sh (eller pakkene libreoffice-impress og libreoffice-writer)"


class LibreOfficeMissing(KunnskapsgrunnlagError):
    """LibreOffice (or poppler's pdftoppm) is not installed, so pictures and PDFs cannot be made."""


class ConversionFailed(BuildFailed):
    """LibreOffice or pdftoppm ran but gave no usable result."""


def soffice_path() -> str:
    """The LibreOffice program, or a plain message saying it is missing."""
    # KUNNSKAPSGRUNNLAG_SOFFICE names the program where it is not on PATH (macOS: inside the .app).
    found = os.environ.get("KUNNSKAPSGRUNNLAG_SOFFICE") or shutil.which("soffice")
    found = found or shutil.which("libreoffice")
    if not found:
        raise LibreOfficeMissing(
            "notatdokumentet og PDF-utgavene trenger LibreOffice (programmet soffice), som ikke finnes "
            f"på PATH; {INSTALL_HINT}"
        )
    return found


def pdftoppm_path() -> str:
    found = shutil.which("pdftoppm")
    if not found:
        raise LibreOfficeMissing(
            "bildene av lysbildene trenger pdftoppm (fra poppler-utils), som ikke finnes på PATH; "
            "installer det med scripts/setup.sh (eller pakken poppler-utils)"
        )
    return found


def require_tools() -> None:
    """Fail early, before any slow work, when a converter is missing."""
    soffice_path()
    pdftoppm_path()


def to_pdf(data: bytes, suffix: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """A .pptx or .docx file (as bytes) converted to PDF by LibreOffice headless."""
    program = soffice_path()
    with tempfile.TemporaryDirectory(prefix="kunnskapsgrunnlag-lo-") as tmp:
        work = Path(tmp)
        source = work / f"dokument.{suffix.lstrip('.')}"
        source.write_bytes(data)
        out_dir = work / "ut"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profil').as_uri()}",
            "--headless", "--invisible", "--nologo", "--nodefault", "--nolockcheck", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out_dir), str(source),
        ]
        result = _run(command, timeout, "LibreOffice")
        produced = out_dir / "dokument.pdf"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr or result.stdout or b"").decode(errors="replace").strip()[-400:]
            raise ConversionFailed(f"LibreOffice laget ingen PDF av {suffix}-filen" + _tail(detail))
        return produced.read_bytes()


def pptx_to_pdf(data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    return to_pdf(data, "pptx", timeout=timeout)


def docx_to_pdf(data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    return to_pdf(data, "docx", timeout=timeout)


def pdf_to_pngs(pdf: bytes, *, width: int = PICTURE_WIDTH, pages: Sequence[int] | None = None,
                timeout: float = DEFAULT_TIMEOUT) -> list[bytes]:
    """PNG pictures of a PDF's pages (1-based `pages`, default all), `width` pixels wide."""
    program = pdftoppm_path()
    with tempfile.TemporaryDirectory(prefix="kunnskapsgrunnlag-png-") as tmp:
        work = Path(tmp)
        source = work / "dokument.pdf"
        source.write_bytes(pdf)
        wanted = sorted(set(pages)) if pages is not None else [None]
        pictures: list[bytes] = []
        # One pdftoppm call per contiguous run of pages: rasterising pages nobody asked for is the slow part.
        for first, last in _runs_of(wanted):
            prefix = work / f"side-{first or 0}"
            command = [program, "-png", "-scale-to-x", str(width), "-scale-to-y", "-1"]
            if first is not None:
                command += ["-f", str(first), "-l", str(last)]
            _run([*command, str(source), str(prefix)], timeout, "pdftoppm")
            produced = sorted(work.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            expected = None if first is None else last - first + 1
            if not produced or (expected is not None and len(produced) != expected):
                wanted_text = expected or "minst ett"
                raise ConversionFailed(f"pdftoppm laget {len(produced)} bilder, ventet {wanted_text}")
            pictures.extend(p.read_bytes() for p in produced)
        return pictures


def _runs_of(pages: list[int | None]) -> list[tuple[int | None, int | None]]:
    if pages == [None]:
        return [(None, None)]
    runs: list[tuple[int | None, int | None]] = []
    for page in pages:
        assert page is not None
        if runs and runs[-1][1] == page - 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def _run(command: list[str], timeout: float, name: str) -> subprocess.CompletedProcess:
    # A session of its own, so that on timeout the whole LibreOffice process group (the soffice
    # wrapper and soffice.bin) is stopped, and nothing else.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConversionFailed(f"{name} svarte ikke innen {timeout:.0f} sekunder og ble stoppet") from None
    if process.returncode != 0:
        detail = (stderr or stdout or b"").decode(errors="replace").strip()[-400:]
        raise ConversionFailed(f"{name} feilet (kode {process.returncode})" + _tail(detail))
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _tail(detail: str) -> str:
    return f": {detail}" if detail else ""
