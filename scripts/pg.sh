#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store's tests, the HTTP example and the
# PostgreSQL benchmark: Debian's server, a cluster in a git-ignored folder
# (target/pg), listening on 127.0.0.1 only, trust authentication.
#
#   bash scripts/pg.sh          start (or reuse) it; prints the connection URL on stdout
#   bash scripts/pg.sh url      the URL of the running server (fails when it is not running)
#   bash scripts/pg.sh stop     stop it (the data stays in target/pg until removed)
#   bash scripts/pg.sh install  only install the server's package when missing (scripts/setup.sh)
#
#   export CLIENTCARE_PG_URL=$(bash scripts/pg.sh)
#
# Idempotent: a running server is reused; the server's package is installed
# (apt-get, as root) only when no PostgreSQL server binaries are found.
# Settings: CLIENTCARE_PG_DIR (default target/pg), CLIENTCARE_PG_PORT (default
# 54329, or the next free port), CLIENTCARE_PG_DB (default clientcare_test).
# Everything it says goes to stderr; stdout carries only the URL.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-start}

log() { printf '[pg] %s\n' "$*" >&2; }
die() { printf '[pg] ERROR: %s\n' "$*" >&2; exit 1; }

db=${CLIENTCARE_PG_DB:-clientcare_test}
# The cluster's folder: target/pg, unless the postgres user (which owns the
# cluster when this runs as root) cannot reach the checkout (a home folder
# closed to others): then a folder in /tmp named after the checkout.
if [ -n "${CLIENTCARE_PG_DIR:-}" ]; then
  dir=$CLIENTCARE_PG_DIR
elif [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$root" 2>/dev/null; then
  dir=/tmp/clientcare-pg-$(printf '%s' "$root" | cksum | cut -d' ' -f1)
else
  dir=$root/target/pg
fi
data=$dir/data
run=$dir/run
logfile=$dir/server.log

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# `postgres` user (created by Debian's package) and every server command runs as it.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    # From /, which the postgres user can always enter (every path here is absolute).
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u postgres -- "$@")
    else
      (cd / && su -s /bin/sh postgres -c "$(printf '%q ' "$@")")
    fi
  else
    "$@"
  fi
}

url_for() { echo "postgresql://postgres@127.0.0.1:$1/$db"; }

port_of_cluster() {
  sed -n "s/^port = \([0-9]*\).*/\1/p" "$data/postgresql.auto.conf" 2>/dev/null | tail -n1
}

running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

bin=$(find_bin || true)

case "$cmd" in
  url)
    [ -n "$bin" ] || die "no PostgreSQL server installed"
    running || die "not running (start it with: bash scripts/pg.sh)"
    url_for "$(port_of_cluster)"
    exit 0
    ;;
  stop)
    if [ -n "$bin" ] && running; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
      log "stopped"
    else
      log "not running"
    fi
    exit 0
    ;;
  start | install) ;;
  *) die "unknown command '$cmd' (start, url, stop or install)" ;;
esac

# 1. The server's binaries (Debian's postgresql package).
if [ -z "$bin" ]; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL server binaries are missing and installing them needs root (apt-get install postgresql)"
  log "apt-get install postgresql (server binaries)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # The package's own cluster (port 5432) is not used; keep it from being created.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/50-clientcare.conf
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bin=$(find_bin) || die "apt-get installed postgresql but no server binaries were found in /usr/lib/postgresql/*/bin"
fi
[ "$cmd" = install ] && exit 0
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  die "running as root but there is no 'postgres' user to own the cluster (Debian's postgresql package creates it)"
fi

# 2. The cluster: created once.
mkdir -p "$dir" "$run"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir" "$run"
  as_owner test -w "$dir" || die "the postgres user cannot write to $dir (set CLIENTCARE_PG_DIR to a folder it can reach)"
fi
if [ ! -f "$data/PG_VERSION" ]; then
  log "initdb $data ($("$bin/postgres" --version))"
  rm -rf "$data"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
fi

# 3. The server: reused when it runs, else started on a free port.
if running; then
  port=$(port_of_cluster)
  log "reusing the running server on 127.0.0.1:$port"
else
  port=${CLIENTCARE_PG_PORT:-54329}
  want=$port
  while ! port_free "$port"; do
    port=$((port + 1))
    [ "$port" -lt $((want + 50)) ] || die "no free port in $want..$port"
  done
  # Settings live in postgresql.auto.conf so that `url` can read the port back.
  as_owner tee "$data/postgresql.auto.conf" >/dev/null <<EOF
# Written by scripts/pg.sh: a loopback-only test server.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$run'
max_connections = 200
shared_buffers = '256MB'
# A small footprint: tests and benchmarks only.
max_wal_size = '256MB'
min_wal_size = '64MB'
logging_collector = off
EOF
  log "starting PostgreSQL on 127.0.0.1:$port (log: $logfile)"
  as_owner touch "$logfile" 2>/dev/null || true
  if ! as_owner "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 start >/dev/null; then
    tail -n 20 "$logfile" >&2 || true
    die "the server did not start"
  fi
fi

# 4. The database.
psql_() { as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
for _ in $(seq 1 30); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || die "the server on port $port does not answer"
if [ "$(psql_ -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
  log "createdb $db"
  psql_ -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
fi
url_for "$port"
