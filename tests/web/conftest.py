"""An app over the real project with its own output folder; the build processes are stopped after."""

from __future__ import annotations

import re
import time

import pytest

from kunnskapsgrunnlag.web import create_app
from kunnskapsgrunnlag.web.config import WebConfig

from ..conftest import ROOT


def make_app(work_dir, **settings):
    config = WebConfig(project_root=ROOT, work_dir=work_dir, thumbnails=False, workers=1, **settings)
    return create_app(config)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("web"))
    yield app
    app.extensions["kunnskapsgrunnlag"]["queue"].shutdown()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf(client, url: str = "/velg?kommune=4003") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def wait_for(client, job_url: str, limit: float = 240.0) -> dict:
    """Poll a job's status until it is finished (bounded)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status = client.get(job_url + "/status").get_json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"{job_url} did not finish within {limit} s")
