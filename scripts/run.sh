#!/usr/bin/env bash
# Install Billing Desktop into .venv and open it (SQLite in your data dir, secrets in the OS keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh
exec .venv/bin/billing-desktop "$@"
