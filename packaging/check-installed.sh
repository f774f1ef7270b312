#!/usr/bin/env bash
# Run an installed Billing Desktop as CI checks it: --version; doctor (must reach the Secret Service and start Qt);
# the GUI self-test offscreen (its output kept in $BILLING_DESKTOP_HOME/self-test.txt) and its soak. Inside a private
# D-Bus session with an unlocked GNOME Keyring. Used by .ci/debian13.sh
# (packaging/smoke.sh runs the same checks, and doctor on PostgreSQL, on the unpacked .deb).
# Usage: packaging/check-installed.sh PATH-OR-NAME-OF-billing-desktop
set -euo pipefail
app="${1:?usage: packaging/check-installed.sh BILLING-DESKTOP}"
cd "$(dirname "$0")/.."
echo "--- version"
"$app" --version
BILLING_DESKTOP_HOME="${BILLING_DESKTOP_HOME:-$(mktemp -d)}"
mkdir -p "$BILLING_DESKTOP_HOME"
export APP="$app" BILLING_DESKTOP_HOME QT_QPA_PLATFORM=offscreen
# shellcheck disable=SC2016  # expanded by the inner shell
dbus-run-session -- scripts/with-keyring.sh bash -euo pipefail -c '
echo "--- doctor"
"$APP" doctor | tee "$BILLING_DESKTOP_HOME/doctor.txt"
grep -q "keyring backend.*SecretService.*(working)" "$BILLING_DESKTOP_HOME/doctor.txt" \
  || { echo "doctor did not reach the Secret Service" >&2; exit 1; }
grep -q "qt platform  *offscreen" "$BILLING_DESKTOP_HOME/doctor.txt" || { echo "doctor could not start Qt" >&2; exit 1; }
echo "--- GUI self-test (offscreen)"
"$APP" --self-test | tee "$BILLING_DESKTOP_HOME/self-test.txt"
echo "--- soak inside the frozen app (tenant x tab rounds), then File > Quit"
BILLING_DESKTOP_SELF_TEST_SOAK=4 "$APP" --self-test'
