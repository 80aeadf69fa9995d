#!/usr/bin/env bash
# Photo reading (issue 13): accuracy, time and OCR cost per photo of
# `mantetong read`'s engine on generated sets (tests/photos/gen.py), written
# to docs/bench-read.md:
#   - the tuning draw (seed BENCH_READ_SEED, default 5), as generated and
#     brought down to 1024 px (what the browser reads);
#   - the held-out draw (--variant heldout, seed BENCH_READ_HELDOUT_SEED,
#     default 424242), never tuned on.
# BENCH_READ_COUNT photos each (default 80).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
count="${BENCH_READ_COUNT:-80}"
seed="${BENCH_READ_SEED:-5}"
held_seed="${BENCH_READ_HELDOUT_SEED:-424242}"
out_md="${BENCH_READ_OUT:-docs/bench-read.md}"
work="$root/target/bench-read"
mkdir -p "$work"
gen() { # DIR SEED VARIANT
  if [ ! -f "$1/manifest.json" ]; then
    echo "bench-read: generating $count photos (seed $2, $3)" >&2
    /usr/bin/python3 tests/photos/gen.py "$1" --count "$count" --seed "$2" --variant "$3"
  fi
}
# The generator's own hash in the set's name: a changed gen.py draws anew.
gen_sum="$(sha256sum tests/photos/gen.py | cut -c1-8)"
tune_dir="$work/tune-$seed-$count-$gen_sum"
held_dir="$work/heldout-$held_seed-$count-$gen_sum"
gen "$tune_dir" "$seed" tune
gen "$held_dir" "$held_seed" heldout
cargo build -q --release -p mantetong-read --example eval
eval_bin="${CARGO_TARGET_DIR:-$root/target}/release/examples/eval"
cores="$(nproc)"
# One OCR thread: the figures are per core (the browser's engine has one).
export OMP_THREAD_LIMIT=1
"$eval_bin" "$tune_dir" > "$work/tune.txt"
# The CPU time of the whole 1024-px run (less bent by a busy machine than wall time).
/usr/bin/time -f "%U %S" -o "$work/tune-1024.cpu" "$eval_bin" "$tune_dir" --long 1024 > "$work/tune-1024.txt"
cpu_ms="$(awk -v n="$count" '{printf "%d", ($1 + $2) * 1000 / n}' "$work/tune-1024.cpu")"
"$eval_bin" "$held_dir" > "$work/heldout.txt"
for f in tune tune-1024 heldout; do echo "$f: $(tail -1 "$work/$f.txt")"; done
misses() { grep -E "^[0-9]+\.jpg" "$1" | grep -v "seal ok .* date ok .* q \(\w*\)/\1 " | sed 's/^/    /' || true; }
{
  echo "# Photo reading: accuracy, time and OCR cost"
  echo
  echo "$(date -u +%Y-%m-%d), $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1 /proc/loadavg)."
  echo "Engine: reader/ (mantetong-read) with Debian's libtesseract $(dpkg-query -W -f='${Version}' libtesseract5 2>/dev/null) + chi_sim $(dpkg-query -W -f='${Version}' tesseract-ocr-chi-sim 2>/dev/null), natively, one OCR thread."
  echo "Sets: $count photos each from tests/photos/gen.py (every 20th a blurry, a dark, a small or a not-a-document photo):"
  echo "the tuning draw (--seed $seed) and the held-out draw (--variant heldout --seed $held_seed: other typefaces, sizes, perspective, noise; never tuned on)."
  echo
  echo "Tuning draw, photos as generated (1300-1700 px):"
  echo
  echo "    $(tail -1 "$work/tune.txt")"
  echo
  echo "Tuning draw, each photo first brought down to 1024 px (what the browser reads):"
  echo
  echo "    $(tail -1 "$work/tune-1024.txt")"
  echo "    CPU time, all of it (decoding, seal, lines, OCR): $cpu_ms ms/photo"
  echo
  echo "Held-out draw (1024-2000 px):"
  echo
  echo "    $(tail -1 "$work/heldout.txt")"
  echo
  echo "Seal right = the answer equals the paper's; unsure is not right and not wrong (\"ok-quality photos\": the share on the photos"
  echo "that are not deliberately blurry, dark, small or a scene). Date right counts null as right only for a paper without a date."
  echo "OCR calls: line crops read one at a time (\`Ocr::line\`, \`Ocr::line_with\` for a date-only re-read; no whole-page"
  echo "read); kpx = thousands of pixels handed to the OCR, what tesseract-wasm pays in the browser."
  echo
  echo "Photos of the held-out draw not read right:"
  echo
  misses "$work/heldout.txt"
  echo
  echo "Photos of the tuning draw not read right:"
  echo
  misses "$work/tune.txt"
  # The hand-written account of each round (what changed, what was tried)
  # lives apart so that this run does not overwrite it.
  if [ -f docs/bench-read-notes.md ]; then
    echo
    sed '1s/^# /## /; 2,$s/^## /### /' docs/bench-read-notes.md
  fi
} > "$out_md"
echo "bench-read: wrote $out_md" >&2
