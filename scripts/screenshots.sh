#!/usr/bin/env bash
# Regenerate docs/screenshots/ headless: each run gets its own Xvfb screen, D-Bus session and unlocked GNOME Keyring
# (scripts/with-keyring.sh, as the tests use: no prompt can appear). Installs what it needs (scripts/system-deps.sh).
#   1. every view at 1280x780 on a 1920x1080 screen (scripts/screenshots.py), and the Connect views
#   2. the main views as they open on 1366x768, on 1920x1080, and at QT_SCALE_FACTOR=2 on 1920x1080 and on
#      1366x768, each in dark mode too (and in German at 1366)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
[ -x .venv/bin/python ] || scripts/venv.sh
[ -f resources/translations/billing_desktop_de.qm ] || .venv/bin/python scripts/translations.py release
export QT_QPA_PLATFORM=xcb
unset QT_SCALE_FACTOR WAYLAND_DISPLAY
headless() {  # headless WIDTHxHEIGHT CMD...: a private X screen, bus and keyring for one command, 5 min at most
  local size=$1; shift
  timeout 300 xvfb-run -a -s "-screen 0 ${size}x24" dbus-run-session -- scripts/with-keyring.sh "$@"
}
headless 1920x1080 .venv/bin/python scripts/screenshots.py
headless 1920x1080 .venv/bin/python scripts/screenshots_connect.py
BD_SHOTS_SCREEN=1366 headless 1366x768 .venv/bin/python scripts/screenshots.py
BD_SHOTS_SCREEN=1920 headless 1920x1080 .venv/bin/python scripts/screenshots.py
BD_SHOTS_SCREEN=scale2 QT_SCALE_FACTOR=2 headless 1920x1080 .venv/bin/python scripts/screenshots.py
BD_SHOTS_SCREEN=scale2-1366 QT_SCALE_FACTOR=2 headless 1366x768 .venv/bin/python scripts/screenshots.py
