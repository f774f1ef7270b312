#!/usr/bin/env bash
# Static checks: ruff lint and ruff format (check only), with the versions pinned in the project's venv.
# Usage: scripts/check.sh   (creates .venv first when missing; CI runs it before the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/ruff ] || { scripts/system-deps.sh && scripts/venv.sh; }
status=0
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . || status=1
exit "$status"
