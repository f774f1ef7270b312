#!/usr/bin/env bash
# Run a command with a private, throwaway PostgreSQL server on 127.0.0.1 (a free port), stopped at exit.
# Exports BILLING_DESKTOP_TEST_POSTGRES_URL (a superuser URL for the tests; the password is a throwaway too).
# PostgreSQL refuses to run as root: as root (CI) the cluster is made and run by the `postgres` user.
set -euo pipefail
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bindir" ] || bindir="$(dirname "$(command -v pg_ctl)")"
[ -x "$bindir/pg_ctl" ] || { echo "with-postgres: pg_ctl not found (scripts/system-deps.sh installs postgresql)" >&2; exit 1; }

dir="$(mktemp -d "${TMPDIR:-/tmp}/billing-pg.XXXXXX")"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
fi
stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

password="test-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
printf '%s\n' "$password" >"$dir/pw"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pw"
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pw"

# A free port: bind to 0 and read what the kernel chose. Retry if someone takes it before the server does.
for attempt in 1 2 3 4 5; do
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # Durability is not under test: fsync off keeps the suite fast on a shared machine.
  if "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off \
       -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB" \
      >/dev/null; then
    break
  fi
  [ "$attempt" -eq 5 ] && { cat "$dir/server.log" >&2; exit 1; }
done
export BILLING_DESKTOP_TEST_POSTGRES_URL="postgresql+psycopg://postgres:${password}@127.0.0.1:${port}/postgres"
export BILLING_DESKTOP_REQUIRE_POSTGRES=1  # the PostgreSQL half of the suite must run here, not skip
"$@"
