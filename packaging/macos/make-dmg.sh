#!/usr/bin/env bash
# Make a .dmg from the .app that `python packaging/build.py --target macos` leaves in dist/. Run on macOS.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
app="dist/Billing Desktop.app"
[ -d "$app" ] || { echo "missing $app: run python packaging/build.py --target macos first" >&2; exit 1; }
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Billing Desktop $version" -srcfolder "$stage" -ov -format UDZO \
  "dist/billing-desktop-$version-macos.dmg"
echo "dist/billing-desktop-$version-macos.dmg"
