#!/usr/bin/env bash
# schemathesis against docs/openapi.yaml and a real intake server, in a
# bounded time: every answer must be documented (status, content type,
# schema, headers) and none a 5xx. Installed by scripts/setup.sh into
# ~/.cache/mantetong/schemathesis-venv (PyPI).
# Environment: MTT_SCHEMATHESIS_PORT (default 8134), MTT_SCHEMATHESIS_EXAMPLES
# (per operation, default 150), MTT_SCHEMATHESIS_SECONDS (time budget, default 180).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
st="${MTT_SCHEMATHESIS:-$HOME/.cache/mantetong/schemathesis-venv/bin/schemathesis}"
[ -x "$st" ] || { echo "schemathesis: not installed at $st (run scripts/setup.sh)" >&2; exit 1; }
port="${MTT_SCHEMATHESIS_PORT:-8134}"
examples="${MTT_SCHEMATHESIS_EXAMPLES:-150}"
seconds="${MTT_SCHEMATHESIS_SECONDS:-180}"
intake="${MTT_INTAKE:-$root/target/release/mantetong-intake}"
data="$(mktemp -d)"
"$intake" --listen "127.0.0.1:$port" --data "$data" > "$data.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data" "$data.log" "${work:-}"; }
trap cleanup EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
export SCHEMATHESIS_HOOKS="$root/tests/hostile/schemathesis_hooks.py"
# schemathesis keeps a .schemathesis/ folder in the working directory: not in the repo.
work="$(mktemp -d)"
cd "$work"
start=$(date +%s)
# --max-time bounds the fuzzing; timeout is the hard stop behind it.
# positive_data_acceptance is off: the schema can only say "binary", and
# almost no binary is a valid package (422 is the right answer to it).
timeout "$(( seconds + 60 ))" "$st" run "$root/docs/openapi.yaml" --url "http://127.0.0.1:$port" \
  --checks all --exclude-checks positive_data_acceptance --max-examples "$examples" --max-time "$seconds" --seed 14 --workers 2 \
  --request-timeout 30 --suppress-health-check all --warnings off
echo "schemathesis: passed in $(( $(date +%s) - start )) s"
kill -0 "$pid" || { echo "schemathesis: the server died" >&2; exit 1; }
