"""The web builder's settings: passed to `create_app`, never read from globals."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WebConfig:
    project_root: Path
    # The server's own output area: one folder per job, named by its opaque id.
    work_dir: Path | None = None  # default: build/web/ in the project
    workers: int = max(1, os.cpu_count() or 1)  # builds at the same time (one process each)
    queue_limit: int = 30  # waiting builds; one more is answered with HTTP 429
    build_timeout: float = 300.0  # seconds for one deck (with its notes document)
    batch_timeout: float = 1800.0  # seconds for all decks of an office or a county
    result_ttl: float = 3600.0  # seconds a finished build's files are kept
    thumbnails: bool = True  # render slide pictures in the background (needs LibreOffice)
    secret_key: str | None = None  # signs the session cookie (CSRF token); random per start by default
    max_request_bytes: int = 64 * 1024  # body of a POST
    max_query_bytes: int = 16 * 1024  # query string of a GET (the choice of slides lives there)

    @property
    def output_dir(self) -> Path:
        return self.work_dir or (self.project_root / "build" / "web")
