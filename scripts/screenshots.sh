#!/usr/bin/env bash
# Regenerate docs/screenshots/ under Xvfb with the real keyring. Installs what it needs (see scripts/system-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
[ -x .venv/bin/python ] || scripts/venv.sh
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- scripts/with-keyring.sh .venv/bin/python scripts/screenshots.py
