#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the PostgreSQL backend:
# installed from the distribution's packages when missing, created in a
# temporary folder as a non-root user, listening on 127.0.0.1 on a free
# port only, and removed when the shell exits. fsync is off unless
# VUM_PG_FSYNC=on (for measurements): the tests need no durability.
#
# Sourced by .ci/run (it exports VUM_TEST_POSTGRES), or run directly with
# a command to run against it:  .ci/postgres.sh go test ./store/pgstore

vum_pg_bin() {
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

vum_pg_start() {
  local bin
  bin=$(vum_pg_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "installing: postgresql"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    bin=$(vum_pg_bin)
  fi
  # PostgreSQL refuses to run as root: use the packages' postgres user,
  # or make one.
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    run=(runuser -u postgres --)
  fi
  VUM_PG_DIR=$(mktemp -d /tmp/vum-pg.XXXXXX)
  chmod 755 "$VUM_PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$VUM_PG_DIR"
  "${run[@]}" "$bin/initdb" -N -D "$VUM_PG_DIR/data" -U vum --auth=trust -E UTF8 --locale=C.UTF-8 >"$VUM_PG_DIR/initdb.log" 2>&1 ||
    { cat "$VUM_PG_DIR/initdb.log" >&2; return 1; }
  local port tries=0
  while :; do
    port=$((20000 + RANDOM % 30000))
    if "${run[@]}" "$bin/pg_ctl" -D "$VUM_PG_DIR/data" -l "$VUM_PG_DIR/server.log" -w -t 30 \
      -o "-p $port -k $VUM_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=${VUM_PG_FSYNC:-off} -c max_connections=200" start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if [ $tries -ge 5 ]; then
      cat "$VUM_PG_DIR/server.log" >&2
      return 1
    fi
  done
  VUM_PG_CTL="$bin/pg_ctl"
  VUM_PG_RUN="${run[*]}"
  # Keep whatever the caller's EXIT trap does.
  local prev
  prev=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  trap "vum_pg_stop; $prev" EXIT
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U vum vumtest
  export VUM_TEST_POSTGRES="postgres://vum@127.0.0.1:$port/vumtest?sslmode=disable"
  echo "PostgreSQL for the tests: $VUM_TEST_POSTGRES"
}

vum_pg_stop() {
  [ -n "${VUM_PG_DIR:-}" ] || return 0
  $VUM_PG_RUN "$VUM_PG_CTL" -D "$VUM_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$VUM_PG_DIR"
  VUM_PG_DIR=""
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  vum_pg_start
  "$@"
fi
