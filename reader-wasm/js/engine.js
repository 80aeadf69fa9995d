// The browser's photo reader: mantetong-read compiled to wasm (the same
// reading as `mantetong read`), its text read by tesseract-wasm (npm,
// BSD-2-Clause; Tesseract and Leptonica inside) with Debian's chi_sim data
// (tesseract-ocr-chi-sim, Apache-2.0). Bundled by scripts/build-reader.mjs;
// runs in a Web Worker (worker.js), or on the main thread for the
// benchmark (scripts/bench-reader.mjs) only.
import { createOCREngine, supportsFastBuild } from 'tesseract-wasm';
import initReader, { decode, load_second as loadSecondInto, read, second_wanted as secondWanted } from 'mtt-reader-glue';

// Filled in by scripts/build-reader.mjs: { name: [file, raw bytes] }.
// eslint-disable-next-line no-undef
const FILES = MTT_READER_FILES;
const url = (name) => new URL(FILES[name][0], import.meta.url);

let readerReady = null;
let engineReady = null;
let engine = null;
let progress = () => {};
const loaded = { reader: 0, core: 0, model: 0 };
// Without wasm SIMD, both the reader and Tesseract's core come in their
// fallback builds (the same answers, slower).
const total = () => FILES[fast() ? 'reader' : 'readerFallback'][1] + FILES[fast() ? 'core' : 'fallback'][1] + FILES.model[1];
const report = () => progress(loaded.reader + loaded.core + loaded.model, total());

let fastCache = null;
function fast() {
  if (fastCache === null) {
    try { fastCache = supportsFastBuild(); } catch { fastCache = false; }
  }
  return fastCache;
}

/** Fetches one of the module's files, telling how many bytes have come. */
async function fetchBytes(name, part) {
  const res = await fetch(url(name));
  if (!res.ok) throw new Error(`${FILES[name][0]}: HTTP ${res.status}`);
  if (!res.body) {
    const b = new Uint8Array(await res.arrayBuffer());
    loaded[part] = b.length;
    report();
    return b;
  }
  const chunks = [];
  let n = 0;
  const r = res.body.getReader();
  for (;;) {
    const { done, value } = await r.read();
    if (done) break;
    chunks.push(value);
    n += value.length;
    loaded[part] = n;
    report();
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** Calls `onProgress(loadedBytes, totalBytes)` while files arrive. */
export function onProgress(f) { progress = f; report(); }

/** The reading code alone (decoding and checking a photo need no OCR). */
export function loadReader() {
  readerReady ??= fetchBytes(fast() ? 'reader' : 'readerFallback', 'reader').then((b) => initReader({ module_or_path: b }))
    .catch((e) => { readerReady = null; throw e; });
  return readerReady;
}

/** tesseract-wasm with the chi_sim data; warmed up on a line of print. */
export function loadEngine() {
  engineReady ??= (async () => {
    const [wasmBinary, model] = await Promise.all([
      fetchBytes(fast() ? 'core' : 'fallback', 'core'),
      fetchBytes('model', 'model'),
    ]);
    const e = await createOCREngine({ wasmBinary });
    e.loadModel(model);
    engine = e;
    warmUp();
  })().catch((e) => { engineReady = null; throw e; });
  return engineReady;
}

/** The second opinion on a date (PaddleOCR's line recogniser, Apache-2.0,
 *  from PyPI's rapidocr-onnxruntime): fetched only when a photo first needs
 *  it, never with the rest. */
let secondReady = null;
export function loadSecond() {
  secondReady ??= (async () => {
    await loadReader();
    const res = await fetch(url('second'));
    if (!res.ok) throw new Error(`${FILES.second[0]}: HTTP ${res.status}`);
    const why = loadSecondInto(new Uint8Array(await res.arrayBuffer()));
    if (why) throw new Error(why);
  })().catch((e) => { secondReady = null; throw e; });
  return secondReady;
}

/** Everything, for warming up while the person picks a photo. */
export function load() { return Promise.all([loadReader(), loadEngine()]); }

// The first recognition after start-up is much slower than the next
// (issue 13 measured 2.5x): one short printed line read while the person is
// still choosing the photo takes that cost off the reading itself.
function warmUp() {
  try {
    if (typeof OffscreenCanvas === 'undefined') return;
    const c = new OffscreenCanvas(480, 64);
    const g = c.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, 480, 64);
    g.fillStyle = '#000'; g.font = '32px sans-serif'; g.fillText('日期：2025年9月30日', 8, 44);
    const img = g.getImageData(0, 0, 480, 64);
    const gray = new Uint8Array(480 * 64);
    for (let i = 0; i < gray.length; i++) gray[i] = img.data[i * 4];
    ocrLine(gray, 480, 64);
  } catch { /* a warm-up only */ }
}

// tesseract-wasm copies the RGBA bytes straight into Leptonica's 32-bit
// pixels (0xRRGGBBAA words) on a little-endian machine, so R,G,B,A bytes
// reach Tesseract as red = A, green = B, blue = G. An opaque grey pixel
// (v, v, v, 255) was seen as (255, v, v): luminance 76 + 0.7 v, the print
// greyed, and a line crop read differently from the CLI, which gives
// Tesseract the 8-bit grey itself (on 003.jpg's date line at 26 px:
// 2025/11/29 here, 2025/1/29 there). All four bytes v make the word
// v·0x01010101 in either byte order: Tesseract sees the CLI's grey.
function imageData(gray, width, height) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
    const v = gray[i];
    data[j] = v; data[j + 1] = v; data[j + 2] = v; data[j + 3] = v;
  }
  return { data, width, height };
}

// The same Tesseract settings as reader/src/tess.rs: a line with page
// segmentation 7 (a single line), the source resolution 200 dpi
// (tess.rs: SetSourceResolution(200)).
function ocrLine(gray, width, height) {
  engine.loadImage(imageData(gray, width, height));
  engine.setVariable('user_defined_dpi', '200');
  engine.setVariable('tessedit_pageseg_mode', '7');
  return engine.getText();
}

// A line with only the whitelist's characters allowed (tess.rs's
// line_with: tessedit_char_whitelist set, read, set back to '').
function ocrLineWith(gray, width, height, whitelist) {
  engine.setVariable('tessedit_char_whitelist', whitelist);
  try {
    return ocrLine(gray, width, height);
  } finally {
    engine.setVariable('tessedit_char_whitelist', '');
  }
}

globalThis.mttOcrLine = ocrLine;
globalThis.mttOcrLineWith = ocrLineWith;

/** Decodes the photo: `{ok, width, height, error, message}` (no OCR needed). */
export async function check(bytes) {
  await loadReader();
  return JSON.parse(decode(bytes));
}

/** Reads the photo last checked: `mantetong read`'s JSON as an object. */
export async function readChecked(today) {
  await loadEngine();
  let json = read(today[0], today[1], today[2]);
  // The reading wanted the second opinion before it was here: fetch it and
  // read again, so the answer is the CLI's (a failed fetch keeps the first).
  if (secondWanted()) {
    try {
      await loadSecond();
      json = read(today[0], today[1], today[2]);
    } catch { /* offline before it was ever fetched: the first reading stands */ }
  }
  engine.clearImage();
  return json ? JSON.parse(json) : null;
}
