#!/usr/bin/env bash
# Run a command with an unlocked GNOME Keyring (the real Secret Service) on the current D-Bus session bus.
# Call it inside `dbus-run-session -- scripts/with-keyring.sh CMD...`; the keyring lives in a throwaway home.
set -euo pipefail
export XDG_DATA_HOME="${KEYRING_TEST_HOME:-$(mktemp -d)}"
mkdir -p "$XDG_DATA_HOME/keyrings"
# A fresh login keyring with a throwaway password: --unlock reads it from stdin and creates the keyring.
eval "$(printf 'ci-keyring-password' | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
# The daemon creates and unlocks the login keyring in the background: wait until a secret round-trips, so the
# first program to use it does not race it (and get "locked").
probe="$(dirname "$0")/../.venv/bin/python"
if [ -x "$probe" ]; then
  for _ in $(seq 1 50); do
    "$probe" - <<'PY' 2>/dev/null && break
import keyring
keyring.set_password("billing-desktop-probe", "probe", "x")
assert keyring.get_password("billing-desktop-probe", "probe") == "x"
keyring.delete_password("billing-desktop-probe", "probe")
PY
    sleep 0.2
  done
fi
exec "$@"
