#!/usr/bin/env bash
# Create .venv (once) and install exactly what requirements-lock.txt pins (hash-checked: runtime, test and build
# dependencies), then the app itself, editable, without touching those pins. Refresh the lock with scripts/lock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info < (3, 14))' \
  || { echo "Python 3.11 to 3.13 is needed (what CI tests; PYTHON=python3.x picks one)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
pip=(.venv/bin/python -m pip install -q --disable-pip-version-check)
"${pip[@]}" --require-hashes -r requirements-lock.txt
# The build backend (setuptools) comes from the lock too, hence no build isolation.
"${pip[@]}" --no-deps --no-build-isolation -e .
# The translations the app loads (.qm) are built from their sources (resources/translations/*.ts).
.venv/bin/python scripts/translations.py release
