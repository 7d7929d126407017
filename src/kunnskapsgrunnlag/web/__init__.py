"""The deck builder in the browser: a thin Flask front over the library the CLI uses.

`create_app(config)` builds the application (tests make their own with their own folders);
`kunnskapsgrunnlag serve` runs it under waitress.
"""

from __future__ import annotations

import re
import secrets
import shutil

from flask import Flask

from ..project import Project
from .config import WebConfig
from .jobs import JobQueue
from .site import Site
from .thumbnails import Thumbnails

EXTENSION = "kunnskapsgrunnlag"
_JOB_FOLDER = re.compile(r"[A-Za-z0-9_-]{22}")


def create_app(config: WebConfig) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=config.max_request_bytes,
        MAX_FORM_MEMORY_SIZE=config.max_request_bytes,
        MAX_QUERY_BYTES=config.max_query_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        JSON_AS_ASCII=False,
    )
    project = Project(config.project_root.resolve())
    site = Site(project)
    _forget_old_results(config)
    queue = JobQueue(project.root, config.output_dir, config.workers, config.queue_limit, config.result_ttl)
    thumbnails = Thumbnails(site)
    if config.thumbnails:
        thumbnails.start()
    app.extensions[EXTENSION] = {"config": config, "site": site, "queue": queue, "thumbnails": thumbnails}

    from . import security, texts, views

    security.install(app)
    texts.install(app)
    app.register_blueprint(views.pages)
    app.register_blueprint(views.builds)
    return app


def _forget_old_results(config: WebConfig) -> None:
    """Job folders of an earlier run can no longer be reached (their ids were in memory): delete them."""
    folder = config.output_dir
    if folder.is_dir():
        for child in folder.iterdir():
            if child.is_dir() and _JOB_FOLDER.fullmatch(child.name):
                shutil.rmtree(child, ignore_errors=True)
