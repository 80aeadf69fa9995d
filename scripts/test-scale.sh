#!/usr/bin/env bash
# make test-scale (issue 17): the intake on real PostgreSQL and a real
# S3-compatible server behind several replicas, on loopback. Starts both
# (scripts/scale-services.sh), runs the protocol suites (api, review,
# reading) and the scale tests (race of two replicas on one key, SIGKILL
# mid-upload, readiness, metrics, pg_dump + bucket restore) in that set-up,
# and stops everything it started, whatever happens. The SQLite + folder
# set-up of the same tests runs in `cargo test` (make test-native).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
svc="$root/target/scale-services"
trap 'scripts/scale-services.sh stop "$svc"' EXIT
scripts/scale-services.sh start "$svc"
# shellcheck disable=SC1091
. "$svc/env"
start=$(date +%s)
cargo test -p mantetong-intake --test api --test review --test reading --test scale
echo "test-scale: passed on PostgreSQL + S3 in $(( $(date +%s) - start )) s"
