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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import BuildFailed, KunnskapsgrunnlagError

DEFAULT_TIMEOUT = 300.0  # seconds; the full deck takes about 7 s on a laptop
PICTURE_WIDTH = 1280  # pixels: about 200 dpi across a 16 cm wide picture in the notes document

INSTALL_HINT = "installer det med scripts/setup.sh"


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
            f"notatdokumentet og PDF-utgavene trenger LibreOffice (soffice), som ikke finnes på PATH; {INSTALL_HINT}"
        )
    return found


def pdftoppm_path() -> str:
    found = shutil.which("pdftoppm")
    if not found:
        raise LibreOfficeMissing(
            f"bildene av lysbildene trenger pdftoppm (fra poppler-utils), som ikke finnes på PATH; {INSTALL_HINT}"
        )
    return found


def require_tools() -> None:
    """Fail early, before any slow work, when a converter is missing."""
    soffice_path()
    pdftoppm_path()


def to_pdf(data: bytes, suffix: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """A .pptx or .docx file (as bytes) converted to PDF by LibreOffice headless."""
    return convert(data, suffix, "pdf", timeout=timeout)


def convert(data: bytes, suffix: str, target: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """A document (as bytes, of type `suffix`) converted by LibreOffice headless to `target` (pdf, odp, …)."""
    program = soffice_path()
    with tempfile.TemporaryDirectory(prefix="kunnskapsgrunnlag-lo-") as tmp:
        work = Path(tmp)
        source = work / f"dokument.{suffix.lstrip('.')}"
        source.write_bytes(data)
        out_dir = work / "ut"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profil').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        result = _run(command, timeout, "LibreOffice")
        produced = out_dir / f"dokument.{target}"
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr or result.stdout or b"").decode(errors="replace").strip()[-400:]
            raise ConversionFailed(f"LibreOffice laget ingen {target.upper()} av {suffix}-filen" + _tail(detail))
        return produced.read_bytes()


def pptx_to_pdf(data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    return to_pdf(data, "pptx", timeout=timeout)


def docx_to_pdf(data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    return to_pdf(data, "docx", timeout=timeout)


def pdf_to_pngs(
    pdf: bytes, *, width: int = PICTURE_WIDTH, pages: Sequence[int] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[bytes]:
    """PNG pictures of a PDF's pages (1-based `pages`, default all), `width` pixels wide.

    Rasterising is the slow part (about 0.15 s a page), so only the pages asked for are drawn,
    and a long run of pages is split over the processor's cores.
    """
    program = pdftoppm_path()
    with tempfile.TemporaryDirectory(prefix="kunnskapsgrunnlag-png-") as tmp:
        work = Path(tmp)
        source = work / "dokument.pdf"
        source.write_bytes(pdf)
        chunks: list[tuple[int, int] | None] = [None] if pages is None else _chunks(sorted(set(pages)))

        def rasterise(chunk: tuple[int, int] | None) -> list[bytes]:
            prefix = work / ("alle" if chunk is None else f"side-{chunk[0]}")
            command = [program, "-png", "-scale-to-x", str(width), "-scale-to-y", "-1"]
            if chunk is not None:
                command += ["-f", str(chunk[0]), "-l", str(chunk[1])]
            _run([*command, str(source), str(prefix)], timeout, "pdftoppm")
            produced = sorted(work.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            expected = None if chunk is None else chunk[1] - chunk[0] + 1
            if not produced or (expected is not None and len(produced) != expected):
                raise ConversionFailed(f"pdftoppm laget {len(produced)} bilder, ventet {expected or 'minst ett'}")
            return [p.read_bytes() for p in produced]

        with ThreadPoolExecutor(max_workers=min(len(chunks), os.cpu_count() or 1)) as pool:
            return [picture for part in pool.map(rasterise, chunks) for picture in part]


def _chunks(pages: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of pages, long runs cut so that every core gets a share."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and runs[-1][1] == page - 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    size = max(4, -(-len(pages) // (os.cpu_count() or 1)))
    return [(start, min(start + size - 1, last)) for first, last in runs for start in range(first, last + 1, size)]


def _run(command: list[str], timeout: float, name: str) -> subprocess.CompletedProcess:
    # A session of its own, so that on timeout the whole LibreOffice process group (the soffice
    # wrapper and soffice.bin) is stopped, and nothing else.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
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
