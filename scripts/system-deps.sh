#!/usr/bin/env bash
# Install the system packages the GUI and the tests need, when missing (Debian/Ubuntu, as root or with sudo).
set -euo pipefail
pkgs=(xvfb xauth dbus gnome-keyring libxcb-cursor0 libegl1 libgl1 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0
      libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libfontconfig1
      libdbus-1-3 fonts-dejavu-core postgresql)  # the server packages hold contrib (Debian 13 has no postgresql-contrib)
command -v dpkg-query >/dev/null || { echo "system-deps: not a Debian system; install the equivalents of: ${pkgs[*]}"; exit 0; }
missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system-deps: installing ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
