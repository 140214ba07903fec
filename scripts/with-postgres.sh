#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15, e.g.
#   scripts/with-postgres.sh npx vitest run lib/db
# The cluster lives in a temporary folder, listens on 127.0.0.1 only (and a
# socket in that folder), and is stopped and removed when the command ends,
# whether it passed, failed or was interrupted. The command gets DATABASE_URL.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command…>" >&2
  exit 2
fi

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
is_root() { [ "$(id -u)" -eq 0 ]; }
as_root() { if is_root; then "$@"; else sudo "$@"; fi; }
# PostgreSQL refuses to run as root: as root, run it as the postgres user
# (created by Debian's package); otherwise as the developer themself.
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! [ -x "$bin/initdb" ]; then
  echo "with-postgres: installing Debian's postgresql" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# As root, under /tmp: the postgres user must be able to reach the folder.
if is_root; then
  dir=$(mktemp -d /tmp/egress-pg.XXXXXX)
  chown postgres "$dir"
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/egress-pg.XXXXXX")
fi

stop() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

# A free port, so that parallel runs (and a developer's own PostgreSQL) do not collide.
port=${PG_PORT:-$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')}

as_pg "$bin/initdb" -D "$dir/data" -A trust -U egress --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# fsync is off: the cluster is thrown away, and tests run faster without it.
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
  { cat "$dir/log" >&2; exit 1; }

export DATABASE_URL="postgres://egress@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $DATABASE_URL" >&2

# The command runs in the background (keeping stdin) so that a signal to this
# script is handled at once, not when the command happens to end: it is passed
# on as TERM (a background command ignores INT), and the EXIT trap then stops
# the cluster.
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; exit 130' INT
trap 'kill -TERM "$child" 2>/dev/null; exit 143' TERM
wait "$child"
