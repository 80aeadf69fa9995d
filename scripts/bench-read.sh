#!/usr/bin/env bash
# Photo reading (issue 13): accuracy and time per photo of `mantetong read`'s
# engine on a generated set (tests/photos/gen.py), written to
# docs/bench-read.md. BENCH_READ_COUNT photos (default 100), seed
# BENCH_READ_SEED (default 7: not the seeds the tests use).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
count="${BENCH_READ_COUNT:-100}"
seed="${BENCH_READ_SEED:-7}"
set_dir="$root/target/bench-read/set-$seed-$count"
out_md="${BENCH_READ_OUT:-docs/bench-read.md}"
if [ ! -f "$set_dir/manifest.json" ]; then
  echo "bench-read: generating $count photos (seed $seed)" >&2
  /usr/bin/python3 tests/photos/gen.py "$set_dir" --count "$count" --seed "$seed"
fi
cargo build -q --release -p mantetong-read --example eval
"${CARGO_TARGET_DIR:-$root/target}/release/examples/eval" "$set_dir" > "$root/target/bench-read/eval.txt"
summary="$(tail -1 "$root/target/bench-read/eval.txt")"
echo "$summary"
{
  echo "# Photo reading: accuracy and time"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load $(cut -d' ' -f1 /proc/loadavg)."
  echo "Engine: reader/ (mantetong-read) with Debian's libtesseract $(dpkg-query -W -f='${Version}' libtesseract5 2>/dev/null) + chi_sim $(dpkg-query -W -f='${Version}' tesseract-ocr-chi-sim 2>/dev/null), natively."
  echo "Set: $count photos from tests/photos/gen.py --seed $seed (every 20th: a blurry, a dark, a small or not-a-document photo)."
  echo
  echo "    $summary"
  echo
  echo "Seal right = the answer equals the paper's; unsure is not right and not wrong."
  echo "Date right counts null as right only for a paper without a date."
  echo
  echo "Photos not read right:"
  echo
  grep -E "^[0-9]+\.jpg" "$root/target/bench-read/eval.txt" | grep -v "seal ok .* date ok .* q \(\w*\)/\1 " | sed 's/^/    /' || true
} > "$out_md"
echo "bench-read: wrote $out_md" >&2
