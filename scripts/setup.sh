#!/usr/bin/env bash
# Set up a fresh machine: Debian packages (readers, OCR, browser tests) and a .venv in the repo root.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(antiword catdoc poppler-utils tesseract-ocr tesseract-ocr-vie chromium chromium-driver fonts-dejavu-core)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    echo "==> apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "warning: cannot install ${missing[*]} (not root, no sudo): .doc files, OCR and browser tests will be unavailable" >&2
  fi
fi

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3 python3.11 python3.12; do
    # A candidate must really run and be 3.11 or 3.12 (pyenv shims exist for versions not selected).
    if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] not in ((3, 11), (3, 12)))' >/dev/null 2>&1; then
      PYTHON="$candidate"; break
    fi
  done
  if [ -z "$PYTHON" ]; then
    echo "error: Python 3.11 or 3.12 is needed (set PYTHON=/path/to/python3.11)" >&2
    exit 1
  fi
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
echo "==> pip install -e '.[dev]'"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
echo "==> ready: .venv/bin/python -m pipeline --help"
