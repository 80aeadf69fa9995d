#!/usr/bin/env bash
# make bench, the intake at scale (issue 17): starts PostgreSQL and moto's S3
# server (scripts/scale-services.sh), runs scripts/bench/intake-scale.py
# against the release intake, writes docs/bench-scale.md, and stops every
# process it started, whatever happens.
# Environment: BENCH_SKIP_BUILD=1 (use target/release/mantetong-intake as it
# is), BENCH_SCALE_OUT (default docs/bench-scale.md), and intake-scale.py's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
out="${BENCH_SCALE_OUT:-docs/bench-scale.md}"
svc="$root/target/bench-scale-services"
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  cargo build --release -p mantetong-intake >&2
fi
trap 'scripts/scale-services.sh stop "$svc"' EXIT
scripts/scale-services.sh start "$svc" >&2
# shellcheck disable=SC1091
. "$svc/env"
{
  echo "# The intake at scale: benchmark"
  echo
  echo "Written by \`make bench\` (scripts/bench-intake-scale.sh). The SQLite-only"
  echo "exactly-once run under repeated kill -9 is in [bench.md](bench.md)."
} > "$out.tmp"
status=0
python3 scripts/bench/intake-scale.py target/release/mantetong-intake "$out.part" || status=$?
[ -f "$out.part" ] && cat "$out.part" >> "$out.tmp"
rm -f "$out.part"
mv "$out.tmp" "$out"
echo "bench: wrote $out" >&2
[ "$status" = 0 ] || echo "bench: the intake lost, duplicated or mis-stored something at scale (see $out)" >&2
exit "$status"
