#!/usr/bin/env bash
# Run a command with an unlocked GNOME Keyring (the real Secret Service) on the current D-Bus session bus.
# Call it inside `dbus-run-session -- scripts/with-keyring.sh CMD...`; the keyring lives in a throwaway home.
set -euo pipefail
export XDG_DATA_HOME="${KEYRING_TEST_HOME:-$(mktemp -d)}"
mkdir -p "$XDG_DATA_HOME/keyrings"
# A fresh login keyring with a throwaway password: --unlock reads it from stdin and creates the keyring.
eval "$(printf 'ci-keyring-password' | gnome-keyring-daemon --unlock --components=secrets)"
# No separate `--start`: under load it could come up before the unlocking daemon owned the bus name and start a
# second daemon, whose login keyring is locked (every keyring test then failed with KeyringLocked).
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
# The daemon creates and unlocks the login keyring in the background. Wait until the default collection exists
# and is unlocked, asking without writing anything: a write that comes too early makes the client create a
# second, locked collection, and every test after it fails.
probe="$(dirname "$0")/../.venv/bin/python"
[ -x "$probe" ] || probe=python3  # checking an installed package: Debian's python3-secretstorage
if "$probe" -c 'import secretstorage' 2>/dev/null; then
  for _ in $(seq 1 150); do  # up to 30 s: a loaded machine is slow to unlock
    "$probe" - <<'PY' 2>/dev/null && break
import secretstorage
connection = secretstorage.dbus_init()
assert not secretstorage.Collection(connection).is_locked()  # the "default" alias; raises if it is not there yet
connection.close()
PY
    sleep 0.2
  done
fi
exec "$@"
