#!/usr/bin/env bash
# Prints the worked examples of wasm-core/CLI.md from the current binary, so
# the document can be checked against real output:
#   cargo build --release --bin mantetong && wasm-core/tools/cli-examples.sh
set -eu
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
B="${MANTETONG:-$ROOT/target/release/mantetong}"
cd "$ROOT"
TRIM='{status: .eligibility.status,
 not_passed: [.eligibility.checks[] | select(.outcome != "pass") | {id, outcome, message}],
 missing: .eligibility.missing, track,
 materials: [.materials[] | {id, required, status, problems: [.problems[].code]}],
 estimate: (.estimate | if . == null then null else
   {reimbursed, out_of_pocket, annual_cap, ratio, exact, unestimated,
    outside: [.outside[] | {expense, spending}], notes: [.notes[].message]} end),
 timeline: (.timeline | {submitted, pre_review_by, decision_by, effective_from, renewal_due}),
 notes: [.notes[].message]}'
# One small object per line, like the examples in CLI.md.
fmt() { python3 -c '
import json, sys
def d(v, ind=0):
    s = json.dumps(v, ensure_ascii=False)
    if len(s) + ind <= 100 or not isinstance(v, (list, dict)) or not v:
        return s
    pad = " " * (ind + 2)
    if isinstance(v, list):
        return "[\n" + ",\n".join(pad + d(x, ind + 2) for x in v) + "\n" + " " * ind + "]"
    return "{\n" + ",\n".join(pad + json.dumps(k, ensure_ascii=False) + ": " + d(x, ind + 2) for k, x in v.items()) + "\n" + " " * ind + "}"
print(d(json.load(sys.stdin)))'; }
show() { echo "\$ $1"; eval "$1" | jq "$TRIM" | fmt; echo; }
show "mantetong eval tests/examples/linfen.json"
show "jq '.expenses.inpatient = 20000' tests/examples/linfen.json | mantetong eval -"
show "mantetong eval tests/examples/rizhao.json"
show "mantetong eval tests/examples/liaoyuan.json"
show "echo '{\"region\":\"fujian-fuzhou\",\"as_of\":\"2025-09-30\",\"disease\":{\"id\":\"hypertension\"}}' | mantetong eval -"
show "echo '{\"region\":\"yunnan\",\"as_of\":\"2025-09-30\",\"disease\":{\"id\":\"diabetes\"}}' | mantetong eval -"
raw() { echo "\$ $1"; eval "$1"; echo; }
raw "jq '.disease={\"id\":\"malignant-tumor-radiochemo\"} | .expenses={\"treatment\":10000,\"targeted_drugs\":50000,\"inpatient\":5000}' tests/examples/linfen.json | mantetong eval - | jq -c '.estimate | {reimbursed, out_of_pocket, exact, unestimated, outside, notes: [.notes[].message]}'"
raw "echo '{\"region\":\"shanxi-linfen\",\"as_of\":\"2026-12-28\",\"disease\":{\"id\":\"hypertension\",\"grade\":3}}' | mantetong eval - | jq -c '.timeline | {pre_review_by, decision_by, effective_from, note: .notes[-1] | {message, source}}'"
