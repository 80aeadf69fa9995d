#!/usr/bin/env bash
# The real services behind the intake's scale set-up, on loopback, for
# `make test-scale` and `make bench` (issue 17); never a mock:
#  - PostgreSQL from Debian's packages (postgresql-15): initdb and pg_ctl in
#    a temporary folder, as the `postgres` user when run as root (CI), else
#    as the current user; trust authentication on 127.0.0.1 only;
#  - moto's S3-compatible server (PyPI `moto[server]`, pinned in
#    scripts/setup.sh, in ~/.cache/mantetong/moto-venv): a real HTTP S3 API
#    (SigV4 requests, ListObjectsV2, ETags) in one Python process that
#    needs no credentials set-up and starts in about a second; in memory,
#    so every run starts empty.
#
#   scripts/scale-services.sh start DIR   # starts both; writes DIR/env
#   scripts/scale-services.sh stop DIR    # stops what DIR/env names
#
# DIR/env (source it) sets MTT_TEST_POSTGRES (a postgres:// URL without a
# database), AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, MTT_PG_BIN, and the PIDs to stop.
# Ports: MTT_PG_PORT (default 55432), MTT_S3_PORT (default 9241).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
pg_port="${MTT_PG_PORT:-55432}"
s3_port="${MTT_S3_PORT:-9241}"
moto="${MTT_MOTO:-$HOME/.cache/mantetong/moto-venv/bin/moto_server}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

as_pg() { # runs a PostgreSQL server command as its owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$dir/env" ] || return 0
  # shellcheck disable=SC1091
  . "$dir/env"
  if [ -n "${MTT_PGDATA:-}" ] && [ -f "$MTT_PGDATA/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$MTT_PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${MTT_MOTO_PID:-}" ]; then
    kill "$MTT_MOTO_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$MTT_MOTO_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$MTT_MOTO_PID" 2>/dev/null || true
  fi
  rm -f "$dir/env"
  [ -n "${MTT_PGDATA:-}" ] && rm -rf "$MTT_PGDATA"
  return 0
}

start() {
  [ -n "$pg_bin" ] || { echo "scale-services: PostgreSQL is not installed (scripts/setup.sh installs postgresql)" >&2; exit 1; }
  [ -x "$moto" ] || { echo "scale-services: moto's server is not at $moto (scripts/setup.sh installs it)" >&2; exit 1; }
  mkdir -p "$dir"
  stop
  local pgdata
  pgdata="$(mktemp -d /tmp/mantetong-pg.XXXXXX)"
  [ "$(id -u)" = 0 ] && chown postgres: "$pgdata"
  chmod 700 "$pgdata"
  as_pg "$pg_bin/initdb" -D "$pgdata" -U mtt --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Loopback only; the socket in the data folder (not /run/postgresql).
  as_pg "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-p $pg_port -k $pgdata -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null ||
    { cat "$pgdata/server.log" >&2; exit 1; }
  "$moto" -H 127.0.0.1 -p "$s3_port" >"$dir/moto.log" 2>&1 &
  local moto_pid=$!
  cat >"$dir/env" <<EOF
export MTT_PGDATA=$pgdata
export MTT_PG_BIN=$pg_bin
export MTT_MOTO_PID=$moto_pid
export MTT_TEST_POSTGRES=postgres://mtt@127.0.0.1:$pg_port
export AWS_ENDPOINT_URL=http://127.0.0.1:$s3_port
export AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=mantetong-test
export AWS_SECRET_ACCESS_KEY=mantetong-test-secret
EOF
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$s3_port/" >/dev/null 2>&1 && break
    kill -0 "$moto_pid" 2>/dev/null || { cat "$dir/moto.log" >&2; stop; exit 1; }
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$s3_port/" >/dev/null || { echo "scale-services: moto did not answer" >&2; cat "$dir/moto.log" >&2; stop; exit 1; }
  echo "scale-services: PostgreSQL on 127.0.0.1:$pg_port ($pgdata), moto S3 on 127.0.0.1:$s3_port"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
