#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server on a loopback port, for tests and benchmarks.
#   scripts/pg-local.sh start [port]   → prints the DATABASE_URL
#   scripts/pg-local.sh stop  [port]
# PostgreSQL refuses to run as root, so the cluster belongs to the `postgres` user.
set -euo pipefail
cmd=${1:-start}
port=${2:-${PGPORT_LOCAL:-54329}}
dir=${PG_LOCAL_DIR:-/tmp/yuanqi-pg-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
fsync = on
CONF
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w start >/dev/null
    fi
    for db in yuanqi yuanqi_test; do
      as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
        || as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database $db" >/dev/null
    done
    echo "postgres://postgres@127.0.0.1:$port/yuanqi"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop [port]" >&2; exit 2 ;;
esac
