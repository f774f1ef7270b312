#!/usr/bin/env bash
# Run this checkout where Debian 13 (trixie) users are: Debian's Python 3.13 and libraries, in a root made with
# debootstrap (issue 18). Needs root, debootstrap (installed when missing), unshare and overlayfs.
#   .ci/debian13.sh suite [pytest args]   the README's test command, scripts/test.sh, in a fresh copy of the checkout
#   .ci/debian13.sh deb dist/X.deb        `apt install ./X.deb` as a user would, then --version, doctor, --self-test
#                                         under a real keyring (packaging/check-installed.sh)
# Cache ($BILLING_DESKTOP_CI_CACHE, default /var/cache/billing-desktop-ci/debian13), each layer complete or absent:
#   base/   debootstrap minbase + updates + security; made again when older than 7 days
#   tools/  overlay layer on base: python3-venv and scripts/system-deps.sh's packages; made again with base or
#           when system-deps.sh changes
#   apt/    apt's downloaded packages (/var/cache/apt/archives in every root made from base/), shared by the runs;
#           apt-get autoclean drops those the archive no longer has
#   pip/    pip's cache, shared by the runs; pip/wheels/ holds the files requirements-lock.txt pins, fetched once
#           per lock (pip/wheels/.complete-HASH), from which the suite's venv is installed without an index
# A run writes only to its own overlay upper dir, removed at the end. Its mounts and processes live in private
# mount and PID namespaces (unshare --kill-child): nothing outlives the run, even a killed one.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
shift || true
case "$mode" in
  suite) ;;
  deb) deb="$(realpath "${1:?usage: .ci/debian13.sh deb PATH.deb}")"; shift ;;
  *) echo "usage: .ci/debian13.sh suite [pytest args] | deb PATH.deb" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "debian13: needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
CACHE="${BILLING_DESKTOP_CI_CACHE:-/var/cache/billing-desktop-ci}/debian13"
MIRROR="${BILLING_DESKTOP_CI_MIRROR:-http://deb.debian.org/debian}"
SUITE=trixie
MAX_AGE_DAYS=7
STAMP=.billing-desktop-ci-layer  # written last into a layer: its presence means the layer is complete
mkdir -p "$CACHE/runs" "$CACHE/pip" "$CACHE/apt"
started=$(date +%s)
say() { echo "debian13: $* ($(( $(date +%s) - started )) s)"; }

# --- the cached layers -------------------------------------------------------------------------------------------
base_key="$SUITE minbase $MIRROR v1"
tools_key() { sha256sum scripts/system-deps.sh | cut -c1-16; }

base_ok() {
  local f="$CACHE/base/$STAMP"
  [ -f "$f" ] && [ "$(sed -n 1p "$f")" = "$base_key" ] && [ -z "$(find "$f" -mtime +"$MAX_AGE_DAYS")" ]
}
tools_ok() {  # line 2: the base it was made on
  local f="$CACHE/tools/$STAMP"
  [ -f "$f" ] && [ "$(sed -n 1p "$f")" = "$(tools_key)" ] && [ "$(sed -n 2p "$f")" = "$(sed -n 2p "$CACHE/base/$STAMP")" ]
}

# Run a script as root inside a root made of overlay layers (lowest last), writing to upper/; in new namespaces.
# The script sees /src (this checkout, copied), /root/.cache/pip and /var/cache/apt/archives (the shared caches)
# and the host's DNS setup.
# shellcheck disable=SC2016  # expanded inside the namespace
ns_script='
lower="$1" upper="$2" script="$3" src="$4" pip="$5" apt="$6"
shift 6
root="$upper/root"
# The namespace drops these mounts when its last process ends; unmount anyway, innermost first.
trap "umount -R \"$root\" 2>/dev/null || umount -lR \"$root\" 2>/dev/null || true" EXIT
mount -t overlay overlay -o "lowerdir=$lower,upperdir=$upper/upper,workdir=$upper/work" "$root"
mount -t proc proc "$root/proc"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"  # apt and dpkg log through a terminal
mount --bind "$root/dev/pts/ptmx" "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
mkdir -p "$root/root/.cache/pip" "$root/src" "$root/var/cache/apt/archives"
mount --bind "$pip" "$root/root/.cache/pip"
mount --bind "$apt" "$root/var/cache/apt/archives"
# Name servers and trusted CAs (a TLS-inspecting proxy CA, say) as the host has them now: never cached.
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
# A fresh copy of the checkout, as a newcomer would clone it: tracked and new files, never .venv or dist.
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$src" ls-files -z --cached --others --exclude-standard \
    | tar -C "$src" --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$root/src"
else
  tar -C "$src" --exclude=./.venv --exclude=./dist --exclude=./build -cf - . | tar -xf - -C "$root/src"
fi
proxies=()
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -z "${!v:-}" ] || proxies+=("$v=${!v}")
done
chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "${proxies[@]}" \
  SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -euo pipefail -c "$script" inside "$@"
'
in_root() {
  local lower="$1" upper="$2" script="$3"
  shift 3
  mkdir -p "$upper/upper" "$upper/work" "$upper/root"
  unshare --mount --pid --kill-child --propagation private -- \
    bash -euo pipefail -c "$ns_script" ns "$lower" "$upper" "$script" "$PWD" "$CACHE/pip" "$CACHE/apt" "$@" </dev/null
}

new_run_dir() {
  # Leftovers of runs that were killed: their namespaces are gone with them, so these are plain directories.
  local d
  for d in "$CACHE"/runs/*; do
    [ -d "$d" ] && ! kill -0 "${d##*.}" 2>/dev/null && rm -rf "$d"
  done
  mktemp -d "$CACHE/runs/$mode.XXXX.$$"
}

# Run a command in a root directly (no overlay), with /proc mounted, in new namespaces: for making base/.
chroot_plain() {
  unshare --mount --pid --kill-child --propagation private -- bash -euo pipefail -c '
    mount -t proc proc "$1/proc"
    trap "umount \"$1/proc\"" EXIT
    chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -ec "$2"
  ' chroot_plain "$1" "$2" </dev/null
}

build_base() {
  say "making the base root (debootstrap $SUITE from $MIRROR)"
  command -v debootstrap >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
  rm -rf "$CACHE/base.new" "$CACHE/base.old"
  debootstrap --variant=minbase "$SUITE" "$CACHE/base.new" "$MIRROR" > "$CACHE/build.log" 2>&1 \
    || { tail -20 "$CACHE/build.log" >&2; exit 1; }
  printf 'deb %s %s main\n' "$MIRROR" "$SUITE" "$MIRROR" "$SUITE-updates" "${MIRROR%/debian}/debian-security" \
    "$SUITE-security" > "$CACHE/base.new/etc/apt/sources.list"
  cp /etc/resolv.conf "$CACHE/base.new/etc/resolv.conf"
  # dpkg without fsync, here and in every root made from this one: an install cut short is thrown away anyway.
  echo force-unsafe-io > "$CACHE/base.new/etc/dpkg/dpkg.cfg.d/ci-unsafe-io"
  chroot_plain "$CACHE/base.new" 'apt-get update -qq; apt-get -y -qq upgrade; apt-get clean' >> "$CACHE/build.log" 2>&1 \
    || { tail -20 "$CACHE/build.log" >&2; exit 1; }
  printf '%s\n%s\n' "$base_key" "$(date -u +%Y%m%dT%H%M%SZ)" > "$CACHE/base.new/$STAMP"
  [ ! -e "$CACHE/base" ] || mv "$CACHE/base" "$CACHE/base.old"
  mv "$CACHE/base.new" "$CACHE/base"
  rm -rf "$CACHE/base.old"
}

build_tools() {
  say "making the tools layer (python3-venv, scripts/system-deps.sh)"
  rm -rf "$CACHE/tools.new" "$CACHE/tools.old"
  in_root "$CACHE/base" "$CACHE/tools.new" '
    echo force-unsafe-io > /etc/dpkg/dpkg.cfg.d/ci-unsafe-io
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3 python3-venv ca-certificates
    /src/scripts/system-deps.sh
    apt-get autoclean -qq' > "$CACHE/build.log" 2>&1 || { tail -20 "$CACHE/build.log" >&2; exit 1; }
  local layer="$CACHE/tools.new/upper"
  rm -rf "${layer:?}/src" "$layer/root/.cache"  # the build's mount points, not part of the layer
  printf '%s\n%s\n' "$(tools_key)" "$(sed -n 2p "$CACHE/base/$STAMP")" > "$layer/$STAMP"
  [ ! -e "$CACHE/tools" ] || mv "$CACHE/tools" "$CACHE/tools.old"
  mv "$layer" "$CACHE/tools"
  rm -rf "$CACHE/tools.new" "$CACHE/tools.old"
}

# Runs share the layers (shared lock); a build waits until no run uses them (exclusive lock), then checks again.
exec 9>"$CACHE/lock"
flock -s 9
if ! base_ok || { [ "$mode" = suite ] && ! tools_ok; }; then
  flock -u 9
  flock -x 9
  base_ok || build_base
  [ "$mode" != suite ] || tools_ok || build_tools
  flock -s 9
fi
run="$(new_run_dir)"
trap 'rm -rf "$run"' EXIT

if [ "$mode" = suite ]; then
  say "scripts/test.sh inside Debian 13"
  in_root "$CACHE/tools:$CACHE/base" "$run" '
    cd /src && python3 --version
    # The locked files themselves, fetched once per lock into the shared cache; the install then reads only them.
    # (pip'"'"'s own HTTP cache kept nothing here: the index this machine reaches answers without Cache-Control,
    # ETag or Last-Modified, so every run downloaded everything again.)
    wheels=/root/.cache/pip/wheels
    mkdir -p "$wheels"
    exec 8>"$wheels/.lock" && flock 8  # one run fetches at a time
    stamp="$wheels/.complete-$(sha256sum requirements-lock.txt | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
      python3 -m venv /tmp/fetch
      /tmp/fetch/bin/python -m pip download -q --disable-pip-version-check --require-hashes \
        -r requirements-lock.txt -d "$wheels"
      touch "$stamp"
    fi
    flock -u 8
    export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels"
    exec scripts/test.sh "$@"' "$@"
  say "suite passed"
else
  mkdir -p "$run/upper/ci"
  cp "$deb" "$run/upper/ci/"  # /ci in the root
  in_root "$CACHE/base" "$run" '
    echo force-unsafe-io > /etc/dpkg/dpkg.cfg.d/ci-unsafe-io
    apt-get update -qq
    cd /ci
    echo "--- apt install ./$1 (as a user would: with Recommends)"
    apt-get install -y -qq "./$1" > /tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }
    dpkg-query -W -f="\${db:Status-Abbrev} \${Package} \${Version}\n" billing-desktop gnome-keyring
    test "$(readlink -f /usr/bin/billing-desktop)" = /opt/billing-desktop/billing-desktop
    # For the harness only, not the app: a session bus, and Python to see when the keyring is ready.
    apt-get install -y -qq --no-install-recommends dbus-daemon python3-secretstorage > /tmp/apt.log 2>&1 \
      || { tail -30 /tmp/apt.log; exit 1; }
    (cd /src && packaging/check-installed.sh billing-desktop)
    echo "--- apt purge"
    apt-get purge -y -qq billing-desktop > /tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }
    apt-get autoclean -qq  # the shared download cache keeps only what the archive still has
    test ! -e /opt/billing-desktop && test ! -e /usr/bin/billing-desktop' "$(basename "$deb")"
  say "deb installed, ran and removed"
fi
