#!/usr/bin/env bash
# Install what kunnskapsgrunnlag needs on a fresh Debian machine: system packages (LibreOffice
# Impress and Writer for rendering, poppler-utils, the metric-compatible fonts Carlito and
# Liberation), then a virtual environment in .venv with the package. Safe to run again.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --test   also the test tools (pytest, openxml-audit, ruff)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libreoffice-impress libreoffice-writer poppler-utils fonts-crosextra-carlito fonts-liberation2 libcairo2 hunspell hunspell-no chromium)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Mangler systempakker: ${missing[*]}. Kjør som root, eller: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installerer systempakker: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import kunnskapsgrunnlag" # fail loudly if the install did not work
# Byte-compile the package once: an editable install leaves that to the first run, and where
# PYTHONDONTWRITEBYTECODE is set every command would compile ~90 modules again (a quarter second).
.venv/bin/python -m compileall -q src >/dev/null
