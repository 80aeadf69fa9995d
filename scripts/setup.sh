#!/usr/bin/env bash
# Installs everything mantetong needs to build and test, idempotently: each
# step checks what is already there (at the right version) and skips it.
# See ../shared/TOOLCHAIN.md for why each step looks the way it does.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_SPLIT_VERSION=0.2.4
BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_missing() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  echo "${missing[@]:-}"
}

apt_install() {
  local missing
  missing=$(apt_missing "$@")
  [ -z "$missing" ] && return 0
  say "apt: installing $missing"
  sudo_ apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# 1. Browser for every browser test, CJK fonts so its screenshots are
#    readable, brotli for the size report, jq for the CLI-door tests.
apt_install chromium chromium-driver brotli fonts-noto-cjk jq

# 1b. Reading photos (issue 13, reader/): Tesseract 5 (Apache-2.0) and its
#     simplified-Chinese data, both Debian's; the generator of test photos
#     (tests/photos/gen.py) runs on Debian's Python with Pillow and NumPy.
apt_install libtesseract-dev tesseract-ocr-chi-sim python3-pil python3-numpy
#     More typefaces for the generated papers (Ming/Song, Kai, a Hei): the
#     held-out draw uses faces the tuning draw never sees.
apt_install fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
# 1c. The reader's second opinion on a date (reader/src/rec.rs): PaddleOCR's
#     PP-OCRv4 line recogniser (Apache-2.0) from the PyPI wheel
#     rapidocr-onnxruntime (pinned, hash-checked; no model hub), rewritten by
#     scripts/rec-model.py (with onnx from PyPI, in its own venv) into
#     reader/model/rec.bin, which the native doors build in and the browser
#     fetches. Written again only when the script or the wheel changes.
REC_WHEEL=rapidocr_onnxruntime-1.4.4-py3-none-any.whl
REC_WHEEL_SHA256=971d7d5f223a7a808662229df1ef69893809d8457d834e6373d3854bc1782cbf
ONNX_VERSION=1.23.2
rec_venv="$HOME/.cache/mantetong/rec-venv"
rec_stamp="$REC_WHEEL_SHA256 $(sha256sum scripts/rec-model.py | cut -c1-64)"
if [ ! -s reader/model/rec.bin ] || [ "$(cat reader/model/rec.stamp 2>/dev/null)" != "$rec_stamp" ]; then
  if [ "$("$rec_venv/bin/python" -c 'import onnx; print(onnx.__version__)' 2>/dev/null)" != "$ONNX_VERSION" ]; then
    say "installing onnx $ONNX_VERSION (PyPI) into $rec_venv"
    python3 -m venv "$rec_venv" 2>/dev/null || { apt_install python3-venv; rm -rf "$rec_venv"; python3 -m venv "$rec_venv"; }
    "$rec_venv/bin/pip" install -q --disable-pip-version-check "onnx==$ONNX_VERSION"
  fi
  wheel="$HOME/.cache/mantetong/$REC_WHEEL"
  if [ "$(sha256sum "$wheel" 2>/dev/null | cut -c1-64)" != "$REC_WHEEL_SHA256" ]; then
    say "downloading $REC_WHEEL (PyPI)"
    "$rec_venv/bin/pip" download -q --disable-pip-version-check --no-deps "rapidocr-onnxruntime==1.4.4" -d "$HOME/.cache/mantetong"
    [ "$(sha256sum "$wheel" | cut -c1-64)" = "$REC_WHEEL_SHA256" ] || { echo "setup: $wheel does not match its pinned sha256" >&2; exit 1; }
  fi
  mkdir -p reader/model
  say "writing reader/model/rec.bin"
  "$rec_venv/bin/python" scripts/rec-model.py "$wheel" reader/model/rec.bin.tmp
  mv reader/model/rec.bin.tmp reader/model/rec.bin
  echo "$rec_stamp" > reader/model/rec.stamp
fi

# 1d. The reader's Tesseract data: Debian's chi_sim.traineddata without its
#     word list (scripts/tessdata-strip.py), one file for both doors: the
#     native reader builds it in, the browser fetches it. Written again only
#     when Debian's file or the script changes.
tess_src=/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata
tess_stamp="$(sha256sum "$tess_src" | cut -c1-64) $(sha256sum scripts/tessdata-strip.py | cut -c1-64)"
if [ ! -s reader/model/chi_sim.traineddata ] || [ "$(cat reader/model/chi_sim.stamp 2>/dev/null)" != "$tess_stamp" ]; then
  mkdir -p reader/model
  say "writing reader/model/chi_sim.traineddata"
  python3 scripts/tessdata-strip.py "$tess_src" reader/model/chi_sim.traineddata.tmp
  mv reader/model/chi_sim.traineddata.tmp reader/model/chi_sim.traineddata
  echo "$tess_stamp" > reader/model/chi_sim.stamp
fi

# 2. A wasm32 standard library: rustup's where it can be downloaded, else
#    Debian's Rust with std source (built per profile with build-std).
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "wasm32 std: rustup (present)"
elif timeout 300 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  say "wasm32 std: rustup (installed)"
else
  say "wasm32 std: rustup has none here; using Debian's rustc-web + build-std"
  apt_install rustc-web cargo-web rust-web-src lld-22
  rustup toolchain list | grep -q '^debweb' || rustup toolchain link debweb /usr
fi

# 2b. The release app build compiles std from source (build-std, immediate-
#     abort panics: scripts/build-app.mjs): rustup's route needs rust-src.
if [ "$(rustup target list --installed 2>/dev/null | grep -cx wasm32-unknown-unknown)" = 1 ] &&
   ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "rust-src: installing (for the release wasm build's build-std)"
  timeout 300 rustup component add rust-src >/dev/null
fi

# 3. wasm-bindgen-cli must equal the pinned crate exactly. Not --locked: its
#    lockfile wants a crate release the registry here does not have.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION"
  cargo install -q wasm-bindgen-cli --version "=$BINDGEN_VERSION" --force
fi

# 4. wasm-split (the wasm_split_cli_support crate's CLI), pinned: cuts the
#    release wasm at the split point in app/src/later.rs (scripts/build-app.mjs).
if ! cargo install --list 2>/dev/null | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install -q wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# 4b. wasm-pack, pinned: builds the npm package (scripts/npm-package.sh) in
#     `--mode force` with the pinned wasm-bindgen-cli above.
WASM_PACK_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION"
  cargo install -q wasm-pack --version "=$WASM_PACK_VERSION" --locked --force
fi

# 5. Node tools: Playwright + axe (browser from Debian, never downloaded) and
#    wasm-opt from npm's binaryen. Debian's binaryen is too old and miscompiles.
#    tesseract-wasm (BSD-2-Clause) is the browser's OCR for the photo reader
#    (scripts/build-reader.mjs), with step 1b's chi_sim data.
if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  say "npm ci in e2e/"
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  say "warning: Debian's binaryen is installed; the build uses e2e/node_modules/.bin/wasm-opt first on PATH"
fi

# 6. The intake's hostile tests (issue 14): bsdtar (Debian libarchive-tools)
#    for the ZIP-differential corpus, and schemathesis (PyPI, pinned) in its
#    own venv outside the repo, for tests/hostile/schemathesis.sh.
apt_install libarchive-tools
SCHEMATHESIS_VERSION=4.32.5
st_venv="$HOME/.cache/mantetong/schemathesis-venv"
if [ "$("$st_venv/bin/schemathesis" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI) into $st_venv"
  python3 -m venv "$st_venv" 2>/dev/null || { apt_install python3-venv; rm -rf "$st_venv"; python3 -m venv "$st_venv"; }
  "$st_venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# 7. The intake on PostgreSQL + S3 (issue 17, make test-scale and make bench):
#    Debian's PostgreSQL (initdb/pg_ctl run by scripts/scale-services.sh in a
#    temporary folder; the packaged cluster is not used) and moto's
#    S3-compatible server (PyPI, pinned) in its own venv outside the repo.
apt_install postgresql curl
MOTO_VERSION=5.2.5
moto_venv="$HOME/.cache/mantetong/moto-venv"
if [ "$("$moto_venv/bin/python" -c 'import moto; print(moto.__version__)' 2>/dev/null)" != "$MOTO_VERSION" ] || [ ! -x "$moto_venv/bin/moto_server" ]; then
  say "installing moto[s3] $MOTO_VERSION and its server (PyPI) into $moto_venv"
  python3 -m venv "$moto_venv" 2>/dev/null || { apt_install python3-venv; rm -rf "$moto_venv"; python3 -m venv "$moto_venv"; }
  "$moto_venv/bin/pip" install -q --disable-pip-version-check "moto[s3,server]==$MOTO_VERSION"
fi

say "ready"
