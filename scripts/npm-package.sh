#!/usr/bin/env bash
# Builds the npm package @mantetong/core (issue 6) into target/npm/:
# the rules core with the `js` feature (wasm-core/src/js.rs), bundled packs
# and calendar, wasm-bindgen glue for browsers (web/, ES module + init) and
# Node (node/, CommonJS, synchronous; node/index.mjs for `import`), one
# shared .wasm, TypeScript types for facts and result (npm/contract.d.ts).
#
#   scripts/npm-package.sh            build target/npm/ and target/mantetong-core-VERSION.tgz
#   node npm/test.mjs                 JS API == `mantetong eval` on every golden case
#
# Idempotent: everything under target/npm is rebuilt each run. Built with
# wasm-pack (pinned in scripts/setup.sh) in `--mode force`, the mode that
# works on these machines (../shared/TOOLCHAIN.md): it uses the pinned
# wasm-bindgen-cli from PATH. The crate it builds is npm/crate, a cdylib
# that links the core's JS API; wasm-opt runs here (npm's binaryen, -Oz).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$root/target/npm"
export PATH="$root/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

command -v wasm-pack >/dev/null || { echo "wasm-pack not found: scripts/setup.sh installs it (cargo install wasm-pack --locked)" >&2; exit 1; }
# wasm-bindgen must equal the crate's pinned version exactly (wasm-pack uses the one on PATH).
pin="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)"
have="$(wasm-bindgen --version | awk '{print $2}')"
if [ "$pin" != "$have" ]; then
  echo "wasm-bindgen-cli $have does not match the crate pin $pin: cargo install wasm-bindgen-cli --version =$pin" >&2
  exit 1
fi
command -v wasm-opt >/dev/null || { echo "wasm-opt not found: (cd e2e && npm ci) installs binaryen 132" >&2; exit 1; }
case "$(wasm-opt --version)" in *version_1[0-2][0-9]\ *|*version\ 1[0-2][0-9]\ *) echo "wasm-opt $(wasm-opt --version) is too old (use npm binaryen 132)" >&2; exit 1;; esac

# 1-2. wasm-pack: cargo (scripts/wasm.sh sets the target dir target/wasm,
#    panic=abort and the route to wasm32's std), then wasm-bindgen, once per
#    target: web/ (ES module + init) and node/ (CommonJS, synchronous).
rm -rf "$out"
mkdir -p "$out"
for t in web nodejs; do
  dir="$out/${t%js}"
  scripts/wasm.sh wasm-pack --quiet build npm/crate --mode force --release --no-opt --no-pack \
    --target "$t" --out-dir "$dir" --out-name mantetong_core
  rm -f "$dir/.gitignore" "$dir/package.json" "$dir/README.md"
done

# 3. One optimised .wasm, shared: both targets emit the same module.
cmp -s "$out/web/mantetong_core_bg.wasm" "$out/node/mantetong_core_bg.wasm" || { echo "web and node wasm differ" >&2; exit 1; }
wasm-opt -Oz --strip-debug --strip-producers "$out/web/mantetong_core_bg.wasm" -o "$out/web/mantetong_core_bg.wasm.opt"
mv "$out/web/mantetong_core_bg.wasm.opt" "$out/web/mantetong_core_bg.wasm"
rm "$out/node/mantetong_core_bg.wasm"
patch_once() { # FILE FROM TO: replace a literal string that must be there
  grep -qF -- "$2" "$1" || { echo "$1: expected to find: $2 (wasm-bindgen output changed?)" >&2; exit 1; }
  FROM="$2" TO="$3" perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/g' "$1"
}
patch_once "$out/node/mantetong_core.js" '${__dirname}/mantetong_core_bg.wasm' '${__dirname}/../web/mantetong_core_bg.wasm'

# 4. `eval` is the API's name, but wasm-bindgen emits `_eval` (a function
#    cannot be named eval in a module); export it under its name. Options are
#    optional. The node snippet becomes CommonJS (require() of an ES module
#    needs Node >= 20.19).
for t in web node; do
  patch_once "$out/$t/mantetong_core.d.ts" 'options: EvalOptions)' 'options?: EvalOptions)'
  # `_eval` is wasm-bindgen's internal name: declared, not exported; only `eval` is public.
  patch_once "$out/$t/mantetong_core.d.ts" 'export function _eval(' 'declare function _eval('
  printf '\n/** Evaluates one application (see `evaluate`). Use `mtt.eval(...)` or `import { evaluate }`: a module cannot bind the name eval. */\nexport { _eval as eval };\n' >>"$out/$t/mantetong_core.d.ts"
done
printf '\nexport { _eval as eval };\n' >>"$out/web/mantetong_core.js"
# CommonJS (and TypeScript compiled to CommonJS): `init()` / `initSync()`
# resolve at once, `import init from` works (__esModule + default), and the
# internal `_eval` is not an export.
cat >>"$out/node/mantetong_core.js" <<'EOF'

exports.eval = exports._eval;
delete exports._eval;
/** Node needs no init: the wasm is loaded synchronously. Accepted so the same code runs in browsers. */
exports.initSync = function initSync() { return exports; };
exports.default = async function init() { return exports; };
Object.defineProperty(exports, "__esModule", { value: true });
EOF
cat >>"$out/node/mantetong_core.d.ts" <<'EOF'

/** Node needs no init (the wasm is loaded synchronously); accepted so the same code runs in browsers. */
export function initSync(module?: unknown): unknown;
export default function init(module_or_path?: unknown): Promise<unknown>;
EOF
for s in "$out"/node/snippets/*/*.js; do
  perl -pi -e 's/^export function (\w+)/exports.$1 = function $1/' "$s"
done
printf '{ "type": "module" }\n' >"$out/web/package.json"
printf '{ "type": "commonjs" }\n' >"$out/node/package.json"
# Node `import`: the same API as the browser build, init() resolves at once.
cat >"$out/node/index.mjs" <<'EOF'
// @mantetong/core for Node's `import`: the synchronous CommonJS build, with
// the browser build's init()/initSync() as no-ops so the same code runs in both.
import core from "./mantetong_core.js";
export const { evaluate, nextQuestion, validate, regions, version, contractVersion, initSync } = core;
const _eval = core.eval;
export { _eval as eval };
export default core.default;
EOF
cat >"$out/node/index.d.mts" <<'EOF'
// Types of node/index.mjs: the API of mantetong_core.d.ts, with init()/initSync() as no-ops (no DOM types needed).
// (Declared here: the default export of a CommonJS module is its whole `exports` in Node's ESM.)
export * from "./mantetong_core.js";
export function initSync(module?: unknown): unknown;
export default function init(module_or_path?: unknown): Promise<unknown>;
EOF

# Browsers: web/index.js wraps the glue so that a call before `await init()`
# says so, instead of "reading 'regions' of undefined".
cat >"$out/web/index.js" <<'EOF'
// @mantetong/core for browsers and bundlers: the wasm-bindgen module, with a
// clear error when a function is called before `await init()`.
import wbgInit, { initSync as wbgInitSync, eval as wbgEval, evaluate as wbgEvaluate, nextQuestion as wbgNextQuestion, validate as wbgValidate, regions as wbgRegions, version as wbgVersion, contractVersion as wbgContractVersion } from "./mantetong_core.js";

let ready = false;
function guard(name, f) {
  return (...args) => {
    if (!ready) {
      throw new Error(`@mantetong/core: call \`await init()\` before ${name}(): in a browser the WebAssembly is fetched by init() (with a bundler: init({ module_or_path: wasmUrl }), see the README)`);
    }
    return f(...args);
  };
}
export default async function init(module_or_path) {
  const r = await wbgInit(module_or_path);
  ready = true;
  return r;
}
export function initSync(module) {
  const r = wbgInitSync(module);
  ready = true;
  return r;
}
const _eval = guard("eval", wbgEval);
export { _eval as eval };
export const evaluate = guard("evaluate", wbgEvaluate);
export const nextQuestion = guard("nextQuestion", wbgNextQuestion);
export const validate = guard("validate", wbgValidate);
export const regions = guard("regions", wbgRegions);
export const version = guard("version", wbgVersion);
export const contractVersion = guard("contractVersion", wbgContractVersion);
EOF
cat >"$out/web/index.d.ts" <<'EOF'
// Types of web/index.js: the API of mantetong_core.d.ts.
export * from "./mantetong_core.js";
export { default } from "./mantetong_core.js";
EOF

# 5. package.json (version from the workspace), README, types.
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" npm/package.json >"$out/package.json"
cp npm/README.md "$out/README.md"
# The contract the types follow (CONTRACT.md lives in ../shared beside the repository).
contract="$root/../shared/CONTRACT.md"
[ -f "$contract" ] || { echo "$contract not found: the package ships the contract text" >&2; exit 1; }
cp "$contract" "$out/CONTRACT.md"
# Types for portals that use the widget (mantetong-widget.js) and its events.
cp npm/widget.d.ts "$out/widget.d.ts"
# Not in the tarball ("files"): a page to open when target/npm/ is served.
cp npm/example.html "$out/example.html"

# 6. Sizes (what a browser downloads: web glue + snippet + wasm).
node - "$out" <<'EOF'
const fs = require("fs"), zlib = require("zlib"), path = require("path");
const dir = process.argv[2];
const rows = [["web/mantetong_core_bg.wasm"], ["web/mantetong_core.js"]];
const snip = fs.readdirSync(path.join(dir, "web/snippets")).map((d) => `web/snippets/${d}/inline0.js`);
rows.push(...snip.map((s) => [s]));
let t = [0, 0, 0];
console.log("file                              raw      gzip    brotli");
for (const [f] of rows) {
  const b = fs.readFileSync(path.join(dir, f));
  const g = zlib.gzipSync(b, { level: 9 }).length;
  const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  t = [t[0] + b.length, t[1] + g, t[2] + br];
  console.log(`${(f.length > 32 ? "web/snippets/…/inline0.js" : f).padEnd(32)} ${String(b.length).padStart(8)} ${String(g).padStart(8)} ${String(br).padStart(8)}`);
}
console.log(`${"total (browser download)".padEnd(32)} ${String(t[0]).padStart(8)} ${String(t[1]).padStart(8)} ${String(t[2]).padStart(8)}`);
EOF

# 7. The tarball (npm install target/mantetong-core-VERSION.tgz).
(cd "$out" && npm pack --silent --pack-destination "$root/target" >/dev/null)
ls -l "$root/target/mantetong-core-$version.tgz" | awk '{print "tarball " $NF ": " $5 " bytes"}'
echo "built $out"
