#!/usr/bin/env bash
# Install what the tests need and run the whole suite against the real Secret Service and a real PostgreSQL
# server (started here on a free loopback port, stopped at exit).
# Usage: scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh
export BILLING_DESKTOP_REQUIRE_SECRET_SERVICE=1  # the keyring tests must run here, not skip
exec scripts/with-postgres.sh dbus-run-session -- scripts/with-keyring.sh .venv/bin/python -m pytest "$@"
