#!/usr/bin/env bash
# Static checks: ruff lint, ruff format (check only) and mypy, with the versions requirements-lock.txt pins.
# Usage: scripts/check.sh   (on a fresh clone it creates .venv from the lock first; CI runs it before the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/ruff ] || [ ! -x .venv/bin/mypy ]; then
  # venv.sh installs the whole lock; system-deps.sh only when python3 cannot make a venv yet (a fresh machine).
  python3 -c 'import ensurepip' 2>/dev/null || scripts/system-deps.sh
  scripts/venv.sh
fi
status=0
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . || status=1
.venv/bin/mypy || status=1  # settings: [tool.mypy] in pyproject.toml (no module opts out)
exit "$status"
