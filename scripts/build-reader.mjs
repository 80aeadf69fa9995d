// Builds the browser's photo reader (issue 13) into DIST/reader/: run
// through scripts/wasm.sh after scripts/build-app.mjs (make build):
//   bash scripts/wasm.sh node scripts/build-reader.mjs dist
//
// One engine, three doors: this is reader/ (mantetong-read, the code behind
// `mantetong read` and the intake's reading) built without libtesseract,
// with its Ocr answered by tesseract-wasm in the same Web Worker.
//   cargo (reader-wasm, wasm32; with wasm SIMD and without) → wasm-bindgen
//     --target web → wasm-opt -O3
//   → esbuild: engine.js + the wasm-bindgen glue + tesseract-wasm's lib.js
//     in one ES module; worker.js beside it
//   + tesseract-wasm's tesseract-core.wasm (wasm SIMD) and its fallback
//     (without SIMD), from npm (tesseract-wasm, BSD-2-Clause)
//   + chi_sim.traineddata from Debian (tesseract-ocr-chi-sim, Apache-2.0)
//     without its word list: reader/model/chi_sim.traineddata, written by
//     scripts/setup.sh with scripts/tessdata-strip.py, the same file the
//     native reader builds in
// Every file is named by its content hash (cached for a year); index.json
// names the worker (fetched when the person first adds a photo, never on
// the first load; the service worker caches the files as they are fetched).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, process.argv[2] ?? 'dist');
const out = join(dist, 'reader');
const stage = join(root, 'target', 'reader-build');
const modules = join(root, 'e2e', 'node_modules');
const tessdata = process.env.MTT_TESSDATA ?? join(root, 'reader', 'model', 'chi_sim.traineddata');

const run = (cmd, args, env = process.env) => {
  console.log(`build-reader: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, env });
};
const hash16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

const recModel = join(root, 'reader', 'model', 'rec.bin');
if (!existsSync(recModel)) throw new Error('build-reader: no reader/model/rec.bin (scripts/setup.sh writes it with scripts/rec-model.py)');
if (!existsSync(tessdata)) throw new Error(`build-reader: no ${tessdata} (scripts/setup.sh writes it with scripts/tessdata-strip.py)`);
const tw = join(modules, 'tesseract-wasm');
if (!existsSync(join(tw, 'dist', 'lib.js'))) throw new Error('build-reader: no e2e/node_modules/tesseract-wasm (scripts/setup.sh runs npm ci in e2e/)');

// 1. The reader in wasm, twice: with wasm SIMD (simd128), which browsers
//    that have it run (as tesseract-wasm's own core: `supportsFastBuild`),
//    and without, for the others. Vector code gives the same answers (no
//    float sum is reordered without fast-math), 6-14% faster at 4x CPU in
//    Chromium (docs/bench-read-notes.md). Release profile: opt-level 3 for
//    the pixel loops (Cargo.toml); no build-std here, the reader is not in
//    the first load. Each build has its own target dir (other flags).
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target', 'wasm');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const builds = [['reader', `${target}-simd`, ' -C target-feature=+simd128'], ['reader-fallback', target, '']];
for (const [name, dir, flags] of builds) {
  const env = { ...process.env, CARGO_TARGET_DIR: dir };
  if (flags) env.RUSTFLAGS = `${process.env.RUSTFLAGS ?? ''}${flags}`.trim();
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'mantetong-read-wasm'], env);
  const out1 = join(stage, name);
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out1, '--out-name', 'reader',
    join(dir, 'wasm32-unknown-unknown', 'release', 'mantetong_read_wasm.wasm')]);
  run('wasm-opt', ['-O3', join(out1, 'reader_bg.wasm'), '-o', join(out1, 'reader_bg.wasm')]);
}
// One glue serves both: the two builds export and import the same names.
if (readFileSync(join(stage, 'reader', 'reader.js'), 'utf8') !== readFileSync(join(stage, 'reader-fallback', 'reader.js'), 'utf8')) {
  throw new Error('build-reader: the SIMD and fallback builds need different JS glue');
}

// 2. The files, under their content hash.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const named = (src, stem, ext) => {
  const bytes = readFileSync(src);
  const name = `${stem}-${hash16(bytes)}.${ext}`;
  writeFileSync(join(out, name), bytes);
  return [name, bytes.length];
};
const files = {
  reader: named(join(stage, 'reader', 'reader_bg.wasm'), 'reader', 'wasm'),
  readerFallback: named(join(stage, 'reader-fallback', 'reader_bg.wasm'), 'reader-fallback', 'wasm'),
  core: named(join(tw, 'dist', 'tesseract-core.wasm'), 'tesseract-core', 'wasm'),
  fallback: named(join(tw, 'dist', 'tesseract-core-fallback.wasm'), 'tesseract-core-fallback', 'wasm'),
  model: named(tessdata, 'chi_sim', 'traineddata'),
  second: named(recModel, 'rec', 'bin'),
};

// 3. The engine: one ES module (used by the worker, and by the benchmark on
//    the main thread).
const esbuild = join(modules, '.bin', 'esbuild');
const engineOut = join(stage, 'engine.js');
run(esbuild, [join(root, 'reader-wasm', 'js', 'engine.js'), '--bundle', '--format=esm', '--minify', '--target=es2020',
  `--alias:mtt-reader-glue=${join(stage, 'reader', 'reader.js')}`, `--alias:tesseract-wasm=${join(tw, 'dist', 'lib.js')}`,
  `--define:MTT_READER_FILES=${JSON.stringify(files)}`, `--outfile=${engineOut}`, '--log-level=warning']);
const engine = named(engineOut, 'engine', 'js');
const workerSrc = readFileSync(join(root, 'reader-wasm', 'js', 'worker.js'), 'utf8')
  .replace("'mtt-reader-engine'", JSON.stringify(`./${engine[0]}`));
writeFileSync(join(stage, 'worker.js'), workerSrc);
run(esbuild, [join(stage, 'worker.js'), '--minify', '--target=es2020', `--outfile=${join(stage, 'worker.min.js')}`, '--log-level=warning']);
const worker = named(join(stage, 'worker.min.js'), 'worker', 'js');

// 4. Licences of what ships, and the index the app reads.
const notice = [
  'The photo reader (mantetong, issue 13) is built from:',
  '- mantetong-read (this project): MIT OR Apache-2.0.',
  `- tesseract-wasm ${JSON.parse(readFileSync(join(tw, 'package.json'))).version} (npm): BSD-2-Clause; it contains Tesseract (Apache-2.0), Leptonica (BSD-2-Clause) and Comlink (Apache-2.0).`,
  '- chi_sim.traineddata from Debian\'s tesseract-ocr-chi-sim (tessdata_fast), without its word list (lstm-word-dawg): Apache-2.0.',
  '- rec-*.bin: PaddleOCR\'s PP-OCRv4 line recogniser (ch_PP-OCRv4_rec_infer.onnx from the PyPI wheel rapidocr-onnxruntime 1.4.4), Apache-2.0, rewritten by scripts/rec-model.py (batch norms folded, int8 weights, the last layer cut to the characters the reader uses).',
  '',
  '--- tesseract-wasm LICENSE ---',
  readFileSync(join(tw, 'LICENSE.md'), 'utf8'),
].join('\n');
writeFileSync(join(out, 'NOTICE.txt'), notice);
const index = { worker: `/reader/${worker[0]}`, engine: `/reader/${engine[0]}`, files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, `/reader/${v[0]}`])) };
writeFileSync(join(out, 'index.json'), JSON.stringify(index) + '\n');
const kb = (n) => (n / 1024).toFixed(1);
const size = (name) => statSync(join(out, name)).size;
console.log(`build-reader: ${Object.values(files).map(([n]) => `${n} ${kb(size(n))} KB`).join(', ')}, ${engine[0]} ${kb(engine[1])} KB, ${worker[0]} ${kb(worker[1])} KB`);

// 5. What a browser fetches for its first photo (brotli, as served): the
//    budget is 3 MB (issue 13). Written for `make bench` and the README.
const br = (name) => brotliCompressSync(readFileSync(join(out, name)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const fetched = [worker[0], engine[0], files.reader[0], files.core[0], files.model[0], 'index.json'];
const rows = fetched.map((n) => [n, size(n), br(n)]);
const totalBr = rows.reduce((s, r) => s + r[2], 0);
const report = ['| reader file | raw KB | brotli KB |', '|---|---:|---:|', ...rows.map(([n, raw, b]) => `| ${n} | ${kb(raw)} | ${kb(b)} |`),
  `| **fetched for the first photo** | ${kb(rows.reduce((s, r) => s + r[1], 0))} | **${kb(totalBr)}** |`,
  `| (without wasm SIMD: ${files.readerFallback[0]} instead of the reader) | ${kb(files.readerFallback[1])} | ${kb(br(files.readerFallback[0]))} |`,
  `| (without wasm SIMD: ${files.fallback[0]} instead of the core) | ${kb(files.fallback[1])} | ${kb(br(files.fallback[0]))} |`,
  `| (fetched only when a photo's date needs the second opinion: ${files.second[0]}) | ${kb(files.second[1])} | ${kb(br(files.second[0]))} |`].join('\n');
mkdirSync(join(root, 'target'), { recursive: true });
writeFileSync(join(root, 'target', 'reader-size.md'), report + '\n');
console.log(report);
if (totalBr > 3 * 1024 * 1024) {
  console.error(`build-reader: the reader is ${kb(totalBr)} KB brotli, over its 3 MB budget (issue 13)`);
  process.exit(1);
}
