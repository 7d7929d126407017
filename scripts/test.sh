#!/usr/bin/env bash
# One command for a new machine: install everything the tests need, lint, run every test
# (the slow LibreOffice tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check src tests scripts
.venv/bin/python -m pytest -q "$@"
