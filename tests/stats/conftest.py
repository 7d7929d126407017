from __future__ import annotations

import json
from pathlib import Path

import pytest

from kunnskapsgrunnlag.registry import Registry, load_registry

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ssb"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(ROOT / "data" / "registry")


@pytest.fixture
def neet_jsonstat() -> dict:
    return json.loads((FIXTURES / "13556-neet.json").read_text(encoding="utf-8"))
