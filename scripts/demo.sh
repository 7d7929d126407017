#!/usr/bin/env bash
# One command for a new machine: install everything, check the content, build Skien's deck.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kunnskapsgrunnlag check
.venv/bin/kunnskapsgrunnlag build --kommune 4003
echo "Nettsiden: .venv/bin/kunnskapsgrunnlag serve, og åpne http://127.0.0.1:8000/"
