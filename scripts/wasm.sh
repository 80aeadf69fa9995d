#!/usr/bin/env bash
# Runs a command (cargo, node scripts/build-app.mjs, ...) with the environment a wasm32 build needs
# on this machine. Native builds never go through here, so stable cargo never
# sees RUSTC_BOOTSTRAP or build-std.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$root/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Wasm gets its own target dir: different flags, and no lock contention with
# native builds running at the same time.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/wasm}"
# MTT_WASM_ROUTE=debian-build-std forces the fallback route (to test it on a
# machine that has rustup's wasm32 std).
if [ "${MTT_WASM_ROUTE:-}" != debian-build-std ] &&
   rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  export MTT_WASM_ROUTE=rustup
  # Panics abort in the shipped bundle: smaller, and the core never panics.
  export CARGO_PROFILE_RELEASE_PANIC=abort
else
  export MTT_WASM_ROUTE=debian-build-std
  export RUSTUP_TOOLCHAIN=debweb RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_PROFILE_RELEASE_PANIC=abort
fi
# Keep wasm custom sections (target_features tells wasm-bindgen and wasm-opt
# which wasm features are on); wasm-opt drops names and debug info itself.
export CARGO_PROFILE_RELEASE_STRIP=debuginfo
exec "$@"
