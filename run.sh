#!/usr/bin/env bash
# The main job on a fresh machine: set up, ingest corpus/, open the task tracker.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
export DIRECTIVES_DB="${DIRECTIVES_DB:-data/directives.db}"
.venv/bin/python -m pipeline ingest corpus/
PORT="${PORT:-8501}"
# Listens on this machine only unless DIRECTIVES_ADDRESS says otherwise (README: "Sign-in and roles").
ADDRESS="${DIRECTIVES_ADDRESS:-127.0.0.1}"
echo "==> the app is at http://localhost:${PORT} (Ctrl+C to stop)"
# browser.serverAddress: print the local URL without looking up an external IP (offices are offline).
exec .venv/bin/python -m streamlit run app.py --server.headless true --server.port "${PORT}" \
  --server.address "${ADDRESS}" --browser.serverAddress localhost
