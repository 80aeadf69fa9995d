#!/usr/bin/env node
// The JS door must give what the CLI gives. Runs every case in tests/golden/
// and tests/acceptance/ (and the raw inputs in tests/acceptance/bad/)
// through the npm package's JS API, both builds (node/ and web/), and through
// `target/release/mantetong eval`, and asserts identical JSON; errors must be
// the same `path: message` lines, thrown as an Error with `problems`.
// Then: options (region, lang, today, asOf, pack), nextQuestion, validate,
// regions, version, the package's exports map.
//
//   scripts/npm-package.sh && cargo build --release --bin mantetong && node npm/test.mjs
//
// Prints `N passed, N failed`; exits 1 on any failure.
// MTT_NPM_DIR (default target/npm) and MANTETONG (default target/release/mantetong) override.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.resolve(process.env.MTT_NPM_DIR || path.join(root, "target/npm"));
const BIN = process.env.MANTETONG || path.join(root, "target/release/mantetong");
const DEFAULT_TODAY = "2025-09-30"; // golden::DEFAULT_TODAY
const verbose = process.argv.includes("-v");

let passed = 0;
let failed = 0;
function report(name, why) {
  if (why.length === 0) {
    passed++;
    if (verbose) console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}`);
    for (const w of why) console.log(`  ${w}`);
  }
}
function test(name, fn) {
  let why;
  try {
    why = fn() || [];
  } catch (e) {
    why = [`threw: ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}`];
  }
  report(name, why);
}

for (const [what, p] of [["package (scripts/npm-package.sh)", path.join(pkg, "package.json")], ["CLI (cargo build --release --bin mantetong)", BIN]]) {
  if (!fs.existsSync(p)) {
    console.log(`missing ${what}: ${p}`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}
if (fs.statSync(BIN).mtimeMs < fs.statSync(path.join(pkg, "web/mantetong_core_bg.wasm")).mtimeMs - 3600e3) {
  console.log(`note: ${BIN} is more than an hour older than the package; rebuild both from the same source`);
}

// ---------------------------------------------------------------- the doors

const nodeApi = await import(pathToFileURL(path.join(pkg, "node/index.mjs")).href);
await nodeApi.default();
const webApi = await import(pathToFileURL(path.join(pkg, "web/index.js")).href);
// Before init(), the browser build says what to do (not "reading 'regions' of undefined").
let beforeInit = "";
try {
  webApi.regions();
} catch (e) {
  beforeInit = String(e.message);
}
webApi.initSync({ module: fs.readFileSync(path.join(pkg, "web/mantetong_core_bg.wasm")) });
const apis = { node: nodeApi, web: webApi };

/** CLI: `mantetong ARGS` with stdin; parsed stdout or stderr lines. */
function cli(args, input) {
  const r = spawnSync(BIN, args, { input: input ?? "", encoding: "utf8" });
  if (r.error) throw r.error;
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  let out = null;
  if (r.status === 0) {
    try {
      out = JSON.parse(r.stdout);
    } catch {
      out = r.stdout;
    }
  }
  return { code: r.status, signal: r.signal, out, lines, stdout: r.stdout };
}

function cliArgs(cmd, opts) {
  const a = [cmd, "-"];
  if (opts.region) a.push("--region", opts.region);
  if (opts.lang) a.push("--lang", opts.lang);
  return a;
}

/** JS: ok result, or the thrown error as lines. */
function js(fn) {
  try {
    return { ok: true, out: fn() };
  } catch (e) {
    const why = [];
    if (!(e instanceof Error)) why.push(`threw a non-Error: ${e}`);
    const lines = String(e && e.message).split("\n");
    const probs = Array.isArray(e && e.problems) ? e.problems : null;
    if (!probs) why.push("error has no problems array");
    else {
      const pl = probs.map((p) => `${p.path}: ${p.message}`);
      if (!isDeepStrictEqual(pl, lines)) why.push(`err.problems ${JSON.stringify(pl)} != message lines ${JSON.stringify(lines)}`);
      if (probs.some((p) => typeof p.path !== "string" || !p.path)) why.push("a problem without a path");
    }
    return { ok: false, lines, why };
  }
}

/** Compares a CLI run with a JS run; returns mismatch lines. */
function same(c, j, label) {
  const why = [];
  if (c.signal || c.code >= 101) why.push(`${label}: CLI crashed (${c.signal || c.code})`);
  if (j.why) why.push(...j.why.map((w) => `${label}: ${w}`));
  if (c.code === 0 && j.ok) {
    if (!isDeepStrictEqual(c.out, j.out)) why.push(`${label}: results differ: ${firstDiff(c.out, j.out)}`);
  } else if (c.code === 2 && !j.ok) {
    if (!isDeepStrictEqual(c.lines, j.lines)) why.push(`${label}: errors differ: CLI ${JSON.stringify(c.lines)} JS ${JSON.stringify(j.lines)}`);
  } else {
    why.push(`${label}: CLI exit ${c.code} (${c.lines.join(" | ")}) but JS ${j.ok ? "returned a result" : "threw: " + j.lines.join(" | ")}`);
  }
  return why;
}

function firstDiff(a, b, p = "$") {
  if (isDeepStrictEqual(a, b)) return "";
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!isDeepStrictEqual(a[k], b[k])) return firstDiff(a[k], b[k], Array.isArray(a) ? `${p}[${k}]` : `${p}.${k}`);
    }
  }
  return `${p}: CLI ${JSON.stringify(a)?.slice(0, 200)} vs JS ${JSON.stringify(b)?.slice(0, 200)}`;
}

// ---------------------------------------------------------------- every case

function collect(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(p).sort()) {
      const q = path.join(p, e);
      if (fs.statSync(q).isDirectory() || e.endsWith(".json")) collect(q, out);
    }
  } else out.push(p);
  return out;
}

const files = [...collect(path.join(root, "tests/golden"), []), ...collect(path.join(root, "tests/acceptance"), [])];
let cases = 0;
for (const f of files) {
  const doc = JSON.parse(fs.readFileSync(f, "utf8"));
  const list = Array.isArray(doc.cases) ? doc.cases : [doc];
  list.forEach((c, i) => {
    cases++;
    const name = `${path.relative(root, f)} :: ${c.name ?? `case ${i}`}`;
    test(name, () => {
      const why = [];
      const opts = {};
      if (c.region) opts.region = c.region;
      if (c.lang) opts.lang = c.lang;
      const today = c.today ?? DEFAULT_TODAY;
      const facts = c.facts;
      const dated = facts && typeof facts === "object" && !Array.isArray(facts) && !("as_of" in facts);
      // 1. On the case's day (the CLI has no --today: the day goes into the facts).
      const factsT = dated ? { ...facts, as_of: today } : facts;
      const text = JSON.stringify(factsT);
      const c1 = cli(cliArgs("eval", opts), text);
      for (const [door, api] of Object.entries(apis)) {
        why.push(...same(c1, js(() => api.eval(factsT, opts)), `${door} eval`));
      }
      why.push(...same(c1, js(() => nodeApi.evaluate(text, opts)), "node evaluate(JSON text)"));
      if (dated) {
        why.push(...same(c1, js(() => webApi.eval(facts, { ...opts, today })), "web eval(facts, {today})"));
        why.push(...same(c1, js(() => nodeApi.eval(facts, { ...opts, asOf: today })), "node eval(facts, {asOf})"));
        // 2. Without a day: both doors read their clock (today in China).
        const c2 = cli(cliArgs("eval", opts), JSON.stringify(facts));
        why.push(...same(c2, js(() => webApi.eval(facts, opts)), "web eval on the clock"));
      }
      // 3. The interview.
      if ("expect_question" in c) {
        const cq = cli(cliArgs("question", opts), JSON.stringify(facts));
        for (const [door, api] of Object.entries(apis)) {
          why.push(...same(cq, js(() => api.nextQuestion(facts, opts)), `${door} nextQuestion`));
        }
        const got = js(() => nodeApi.nextQuestion(facts, opts));
        const want = c.expect_question;
        if (got.ok && (got.out?.id ?? null) !== want) why.push(`nextQuestion: expected ${want}, got ${got.out?.id}`);
      }
      // 4. Golden errors name their fields in the thrown error too.
      if (Array.isArray(c.expect_errors)) {
        const j = js(() => webApi.eval(factsT, opts));
        if (j.ok) why.push("expect_errors: JS accepted the facts");
        else for (const w of c.expect_errors) if (!j.lines.some((l) => l.startsWith(w) || l.includes(w))) why.push(`expected an error like ${JSON.stringify(w)}; got ${j.lines.join(" | ")}`);
      }
      return why;
    });
  });
}

// Raw inputs as files (unparseable text, top-level arrays, empty files, ...): JSON text in, as the CLI reads it.
const badDir = path.join(root, "tests/acceptance/bad");
let raw = 0;
if (fs.existsSync(badDir)) {
  for (const e of fs.readdirSync(badDir).sort().filter((e) => e.endsWith(".facts"))) {
    // A JS string is always valid Unicode: bytes that are not UTF-8 never reach the API.
    if (e.includes("invalid-utf8")) continue;
    raw++;
    const text = fs.readFileSync(path.join(badDir, e), "utf8");
    test(`tests/acceptance/bad/${e} (JSON text)`, () => {
      const c = cli(["eval", path.join(badDir, e)]);
      return [...same(c, js(() => nodeApi.eval(text)), "node"), ...same(c, js(() => webApi.eval(text)), "web")];
    });
  }
}

// ---------------------------------------------------------------- options and errors

const linfen = JSON.parse(fs.readFileSync(path.join(root, "tests/examples/linfen.json"), "utf8"));
const rizhao = JSON.parse(fs.readFileSync(path.join(root, "tests/examples/rizhao.json"), "utf8"));
const rizhaoPackFile = path.join(root, "public/regions/shandong-rizhao.json");
const rizhaoPack = fs.readFileSync(rizhaoPackFile, "utf8");

function throwsAt(label, fn, wantPath, wantText) {
  test(label, () => {
    const j = js(fn);
    if (j.ok) return ["did not throw"];
    const why = [...(j.why || [])];
    if (!j.lines.some((l) => l.startsWith(`${wantPath}: `))) why.push(`no line for ${wantPath}: ${j.lines.join(" | ")}`);
    if (wantText && !j.lines.some((l) => l.includes(wantText))) why.push(`no line containing ${JSON.stringify(wantText)}: ${j.lines.join(" | ")}`);
    return why;
  });
}

throwsAt("bad input throws naming the field: check digit", () => webApi.eval({ ...linfen, applicant: { ...linfen.applicant, id_number: "141002195501011234" } }), "applicant.id_number", "check digit should be 2");
throwsAt("bad input throws naming the field: negative amount", () => nodeApi.eval({ ...linfen, expenses: { drugs: -5 } }), "expenses.drugs", "-5 is negative");
throwsAt("NaN is refused naming its field, not taken as unknown", () => webApi.eval({ ...linfen, expenses: { drugs: NaN } }), "expenses.drugs");
throwsAt("Infinity is refused naming its field", () => webApi.eval({ ...linfen, expenses: { exams: Infinity } }), "expenses.exams");
throwsAt("a BigInt is refused naming its field", () => webApi.eval({ ...linfen, documents: [{ kind: "id_card", file: { size: 10n } }] }), "documents[0].file.size");
throwsAt("a malformed date names its field", () => webApi.eval({ ...linfen, diagnosis: { date: "2025/08/20" } }), "diagnosis.date");
throwsAt("several problems: one line each", () => webApi.eval({ region: "shanxi-linfen", as_of: "2025-02-30", expenses: { inpatient: -1 } }), "as_of");
throwsAt("unknown region", () => webApi.eval({ ...linfen, region: "beijing" }), "region", "unknown region");
throwsAt("no facts", () => webApi.eval(), "$");
throwsAt("a cycle", () => { const o = { region: "shanxi-linfen" }; o.self = o; return webApi.eval(o); }, "$");
throwsAt("options.lang", () => webApi.eval(linfen, { lang: "fr" }), "options.lang");
throwsAt("options.today", () => webApi.eval(linfen, { today: "30.09.2025" }), "options.today");
throwsAt("options.asOf", () => webApi.eval(linfen, { asOf: "2025-02-29" }), "options.asOf");
throwsAt("an unknown option", () => webApi.eval(linfen, { regoin: "shanxi-linfen" }), "options.regoin");
throwsAt("options.pack broken: paths under options.pack", () => webApi.eval(rizhao, { pack: { ...JSON.parse(rizhaoPack), version: 7 } }), "options.pack.version");
throwsAt("options.pack of another region than the facts is refused", () => webApi.eval(linfen, { pack: rizhaoPack }), "region", "does not match");
throwsAt("nextQuestion: bad facts throw too", () => webApi.nextQuestion({ region: "shanxi-linfen", disease: { grade: "x" } }), "disease.grade");
throwsAt("nextQuestion: unknown region", () => webApi.nextQuestion({ region: "beijing" }), "region");

test("facts that are not an object: same as the CLI", () => {
  const why = [];
  for (const v of [42, [1, 2], null, "not json", "[]", "{}"]) {
    const text = typeof v === "string" ? v : JSON.stringify(v);
    why.push(...same(cli(["eval", "-"], text), js(() => webApi.eval(v)), `eval(${JSON.stringify(v)})`));
  }
  return why;
});

test("options.region overrides facts.region, like --region", () => {
  const facts = { ...rizhao, region: "shanxi-linfen" };
  const c = cli(["eval", "-", "--region", "shandong-rizhao"], JSON.stringify(facts));
  const j = js(() => webApi.eval(facts, { region: "shandong-rizhao" }));
  return [...same(c, j, "eval"), ...(j.ok && j.out.region !== "shandong-rizhao" ? [`region ${j.out.region}`] : [])];
});

test("options.lang en, like --lang en", () => {
  const c = cli(["eval", "-", "--lang", "en"], JSON.stringify(linfen));
  const j = js(() => nodeApi.eval(linfen, { lang: "en" }));
  return [...same(c, j, "eval"), ...(j.ok && !/[A-Za-z]/.test(j.out.eligibility.checks[0].message) ? ["message is not English"] : [])];
});

test("options.pack (text and object), like --pack FILE", () => {
  const c = cli(["eval", "-", "--pack", rizhaoPackFile], JSON.stringify(rizhao));
  return [
    ...same(c, js(() => webApi.eval(rizhao, { pack: rizhaoPack })), "pack as text"),
    ...same(c, js(() => nodeApi.eval(rizhao, { pack: JSON.parse(rizhaoPack) })), "pack as object"),
    ...same(cli(["question", "-", "--pack", rizhaoPackFile], JSON.stringify({})), js(() => webApi.nextQuestion({}, { pack: rizhaoPack })), "nextQuestion with pack"),
  ];
});

test("options.today and options.asOf", () => {
  const facts = { ...linfen };
  delete facts.as_of;
  const why = [];
  const c = cli(["eval", "-"], JSON.stringify({ ...facts, as_of: "2025-12-30" }));
  why.push(...same(c, js(() => webApi.eval(facts, { today: "2025-12-30" })), "today"));
  why.push(...same(c, js(() => webApi.eval({ ...facts, as_of: "2024-01-01" }, { asOf: "2025-12-30" })), "asOf replaces facts.as_of"));
  const j = js(() => webApi.eval({ ...facts, as_of: "2025-09-30" }, { today: "2025-12-30" }));
  if (!j.ok || j.out.as_of !== "2025-09-30") why.push("today must not replace facts.as_of");
  return why;
});

test("results are plain objects (JSON round trip is the identity)", () => {
  const r = webApi.eval(linfen);
  const why = [];
  if (Object.getPrototypeOf(r) !== Object.prototype) why.push("not a plain object");
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(r)), r)) why.push("does not survive JSON");
  if (r.estimate.reimbursed !== 4000 || typeof r.estimate.ratio !== "number") why.push(`estimate ${JSON.stringify(r.estimate)}`);
  return why;
});

// ---------------------------------------------------------------- validate, regions, version

const packFiles = fs.readdirSync(path.join(root, "public/regions")).filter((f) => f.endsWith(".json")).sort();
for (const f of packFiles) {
  test(`validate public/regions/${f}`, () => {
    const file = path.join(root, "public/regions", f);
    const c = cli(["validate", file]);
    const text = fs.readFileSync(file, "utf8");
    const why = [];
    for (const [door, api] of Object.entries(apis)) {
      const ps = api.validate(text);
      if (c.code === 0 && ps.length) why.push(`${door}: CLI says valid, JS: ${JSON.stringify(ps)}`);
      if (c.code !== 0 && !ps.length) why.push(`${door}: CLI found problems, JS none`);
    }
    if (!isDeepStrictEqual(webApi.validate(JSON.parse(text)), webApi.validate(text))) why.push("object and text differ");
    return why;
  });
}

test("validate a broken pack: the same problems as the CLI, each with its path", () => {
  const p = JSON.parse(fs.readFileSync(path.join(root, "public/regions/shanxi-linfen.json"), "utf8"));
  p.colour = "red";
  p.policy_year = "2025";
  if (Array.isArray(p.materials) && p.materials[0]) p.materials[0].id = "passport";
  if (Array.isArray(p.checks) && p.checks[0]) p.checks[0].source = "";
  const tmp = path.join(fs.mkdtempSync(path.join(pkg, "..", "npm-test-")), "broken.json");
  fs.writeFileSync(tmp, JSON.stringify(p));
  const c = cli(["validate", tmp]);
  fs.rmSync(path.dirname(tmp), { recursive: true });
  const cl = c.stdout.split("\n").filter(Boolean).map((l) => (l.startsWith(tmp + ": ") ? l.slice(tmp.length + 2) : l));
  const jl = webApi.validate(p).map((x) => `${x.path}: ${x.message}`);
  const why = [];
  if (c.code !== 1) why.push(`CLI exit ${c.code}`);
  if (!jl.length) why.push("JS found nothing");
  if (!isDeepStrictEqual(cl, jl)) why.push(`CLI ${JSON.stringify(cl)} vs JS ${JSON.stringify(jl)}`);
  if (!jl.some((l) => l.startsWith("colour: ")) || !jl.some((l) => l.startsWith("policy_year"))) why.push(`paths missing: ${jl.join(" | ")}`);
  return why;
});

test("validate: not JSON, not an object, an array of packs", () => {
  const why = [];
  const a = webApi.validate("{ nope");
  if (!(a.length === 1 && a[0].path === "$" && a[0].message.startsWith("not valid JSON"))) why.push(`text: ${JSON.stringify(a)}`);
  const b = webApi.validate(42);
  if (!(b.length >= 1 && b[0].path === "$")) why.push(`42: ${JSON.stringify(b)}`);
  const good = JSON.parse(rizhaoPack);
  const c = webApi.validate([good, { ...good, version: 1 }]);
  if (!c.some((p) => p.path.startsWith("[1]"))) why.push(`array: ${JSON.stringify(c)}`);
  if (webApi.validate([good]).length) why.push(`[good]: ${JSON.stringify(webApi.validate([good]))}`);
  return why;
});

test("regions() lists what `mantetong regions` lists", () => {
  const c = spawnSync(BIN, ["regions"], { encoding: "utf8" });
  const cl = c.stdout.split("\n").filter(Boolean);
  const why = [];
  for (const [door, api] of Object.entries(apis)) {
    const jl = api.regions().map((r) => `${r.id}\t${r.name.zh} (${r.name.en})\t${r.policy_year}\t${r.coverage}`);
    if (!isDeepStrictEqual(cl, jl)) why.push(`${door}: CLI ${JSON.stringify(cl)} vs JS ${JSON.stringify(jl)}`);
  }
  if (!webApi.regions().every((r) => typeof r.version === "string")) why.push("version missing");
  return why;
});

// ---------------------------------------------------------------- a dropped-in pack
// A city is only a data file: a copy of a pack under a new id, dropped into
// a regions directory, is seen by the CLI (`--regions DIR`, read at start),
// by the npm package (`{ pack }`: the same answer as the CLI, no rebuild),
// and by the app's region index (scripts/region-index.mjs, as `make build`
// runs it). The intake reads `--regions DIR` at start too (its own test:
// intake/tests/binary.rs). The packs built in are found by build.rs, so the
// package lists exactly the files in public/regions/ (checked last).
{
  const tmp = fs.mkdtempSync(path.join(pkg, "..", "npm-dropin-"));
  try {
    const dir = path.join(tmp, "regions");
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(path.join(root, "public/regions")).filter((f) => f.endsWith(".json") && f !== "index.json")) {
      fs.copyFileSync(path.join(root, "public/regions", f), path.join(dir, f));
    }
    const dropin = JSON.parse(fs.readFileSync(path.join(root, "public/regions/shanxi-linfen.json"), "utf8"));
    dropin.id = "shanxi-dropin";
    dropin.name = { zh: "临汾（副本）", en: "Linfen (copy)" };
    fs.writeFileSync(path.join(dir, "shanxi-dropin.json"), JSON.stringify(dropin));
    const facts = { ...linfen, region: "shanxi-dropin" };
    test("dropped-in pack: `mantetong regions --regions DIR` lists it", () => {
      const r = spawnSync(BIN, ["regions", "--regions", dir], { encoding: "utf8" });
      return r.stdout.split("\n").some((l) => l.startsWith("shanxi-dropin\t临汾（副本）")) ? [] : [`regions: ${r.stdout} ${r.stderr}`];
    });
    test("dropped-in pack: the CLI (--regions DIR) and the npm package ({ pack }) give the same answer", () => {
      const c = cli(["eval", "-", "--regions", dir], JSON.stringify(facts));
      const why = [];
      if (c.code !== 0) return [`CLI exit ${c.code}: ${c.lines.join(" | ")}`];
      if (c.out.region !== "shanxi-dropin") why.push(`CLI region ${c.out.region}`);
      for (const [door, api] of Object.entries(apis)) why.push(...same(c, js(() => api.eval(facts, { pack: JSON.stringify(dropin) })), `${door} eval`));
      return why;
    });
    test("dropped-in pack: the app's region index lists it with its file", () => {
      const r = spawnSync(process.execPath, [path.join(root, "scripts/region-index.mjs"), tmp], { encoding: "utf8" });
      if (r.status !== 0) return [`region-index exit ${r.status}: ${r.stderr}`];
      const index = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8"));
      const e = index.find((x) => x.id === "shanxi-dropin");
      return e && e.name.zh === "临汾（副本）" && e.versions.some((v) => v.file === "shanxi-dropin.json") ? [] : [`index: ${JSON.stringify(index.map((x) => x.id))}`];
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  test("build-time discovery: the package's regions() are exactly the packs in public/regions/", () => {
    const ids = [...new Set(fs.readdirSync(path.join(root, "public/regions")).filter((f) => f.endsWith(".json") && f !== "index.json").map((f) => f.split(".")[0]))].sort();
    const why = [];
    for (const [door, api] of Object.entries(apis)) {
      const got = api.regions().map((r) => r.id).sort();
      if (!isDeepStrictEqual(got, ids)) why.push(`${door}: ${JSON.stringify(got)} vs files ${JSON.stringify(ids)} (run make npm after adding a pack)`);
    }
    return why;
  });
}

test("version() and contractVersion()", () => {
  const pj = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8"));
  const cargo = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8").match(/^version = "(.*)"/m)[1];
  const why = [];
  for (const [door, api] of Object.entries(apis)) {
    if (api.version() !== pj.version || api.version() !== cargo) why.push(`${door}: ${api.version()} vs package ${pj.version} vs Cargo ${cargo}`);
    if (api.contractVersion() !== 1) why.push(`${door}: contract ${api.contractVersion()}`);
  }
  if (pj.name !== "@mantetong/core") why.push(`name ${pj.name}`);
  return why;
});

// ---------------------------------------------------------------- the package as installed

{
  const dir = fs.mkdtempSync(path.join(pkg, "..", "npm-test-"));
  try {
    fs.mkdirSync(path.join(dir, "node_modules/@mantetong"), { recursive: true });
    fs.symlinkSync(pkg, path.join(dir, "node_modules/@mantetong/core"), "dir");
    const why = [];
    const req = createRequire(path.join(dir, "x.cjs"));
    const viaRequire = req("@mantetong/core");
    if (typeof viaRequire.eval !== "function" || typeof viaRequire.nextQuestion !== "function") why.push("require: eval/nextQuestion missing");
    else if (!isDeepStrictEqual(viaRequire.eval(linfen), webApi.eval(linfen))) why.push("require: result differs");
    fs.writeFileSync(path.join(dir, "probe.mjs"), 'import init, * as m from "@mantetong/core"; await init(); export { m };\n');
    const { m } = await import(pathToFileURL(path.join(dir, "probe.mjs")).href);
    if (typeof m.eval !== "function" || typeof m.evaluate !== "function") why.push("import: eval/evaluate missing");
    else if (!isDeepStrictEqual(m.eval(linfen), webApi.eval(linfen))) why.push("import: result differs");
    for (const f of JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).files) if (!fs.existsSync(path.join(pkg, f))) why.push(`files: ${f} missing`);
    const dts = fs.readFileSync(path.join(pkg, "web/mantetong_core.d.ts"), "utf8");
    for (const t of ["interface Facts", "interface Result", "interface EvalOptions", "export { _eval as eval }", "options?: EvalOptions"]) if (!dts.includes(t)) why.push(`d.ts lacks ${t}`);
    // `_eval` is internal: not in the public types, not an export of any build.
    if (/export (declare )?function _eval/.test(dts)) why.push("d.ts exports _eval");
    for (const [door, api] of [["require", viaRequire], ["import", m], ["web", webApi]]) if ("_eval" in api) why.push(`${door} exports _eval`);
    // The contract text and the widget's types ship with the package.
    if (!fs.readFileSync(path.join(pkg, "CONTRACT.md"), "utf8").includes("Fields may be added")) why.push("CONTRACT.md is not the contract");
    if (!fs.readFileSync(path.join(pkg, "widget.d.ts"), "utf8").includes('"mtt:ready"')) why.push("widget.d.ts lacks the events");
    if (!/call `await init\(\)` before regions\(\)/.test(beforeInit)) why.push(`before init(): ${JSON.stringify(beforeInit)}`);
    report("the package resolves by name: require and import (exports map), files, types", why);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// TypeScript: npm/types-check.ts against the package's types, as a browser (bundler) project and as a
// Node project without DOM types. Needs tsc (on PATH, or TSC=...); skipped (and said so) without it.
{
  const which = (c) => spawnSync("sh", ["-c", `command -v ${c}`], { encoding: "utf8" }).stdout.trim();
  const tsc = process.env.TSC || which("tsc") || (fs.existsSync(path.join(root, "e2e/node_modules/.bin/tsc")) ? path.join(root, "e2e/node_modules/.bin/tsc") : "");
  if (!tsc) console.log("skipped: TypeScript check (no tsc on PATH; TSC=/path/to/tsc to run it)");
  else {
    for (const [label, co] of [
      ["bundler, DOM", { module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"] }],
      ["nodenext, no DOM", { module: "nodenext", moduleResolution: "nodenext", lib: ["es2022"], types: [] }],
    ]) {
      test(`TypeScript (${label}): npm/types-check.ts compiles against the package types`, () => {
        const dir = fs.mkdtempSync(path.join(pkg, "..", "npm-test-"));
        try {
          fs.mkdirSync(path.join(dir, "node_modules/@mantetong"), { recursive: true });
          fs.symlinkSync(pkg, path.join(dir, "node_modules/@mantetong/core"), "dir");
          fs.copyFileSync(path.join(root, "npm/types-check.ts"), path.join(dir, "types-check.ts"));
          fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
          fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "es2022", ...co }, files: ["types-check.ts"] }));
          const r = spawnSync(tsc, ["-p", dir], { encoding: "utf8" });
          return r.status === 0 ? [] : [`tsc exit ${r.status}`, ...(r.stdout + r.stderr).split("\n").filter(Boolean).slice(0, 12)];
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
}

// TypeScript compiled to CommonJS (the `require` door): `import init, * as mtt` type-checks, compiles
// and runs under Node; and the widget's types (`@mantetong/core/widget`) in a DOM project.
{
  const which = (c) => spawnSync("sh", ["-c", `command -v ${c}`], { encoding: "utf8" }).stdout.trim();
  const tsc = process.env.TSC || which("tsc") || (fs.existsSync(path.join(root, "e2e/node_modules/.bin/tsc")) ? path.join(root, "e2e/node_modules/.bin/tsc") : "");
  if (tsc) {
    const project = (files, co, body) => {
      const dir = fs.mkdtempSync(path.join(pkg, "..", "npm-test-"));
      try {
        fs.mkdirSync(path.join(dir, "node_modules/@mantetong"), { recursive: true });
        fs.symlinkSync(pkg, path.join(dir, "node_modules/@mantetong/core"), "dir");
        for (const f of files) fs.copyFileSync(path.join(root, "npm", f), path.join(dir, f));
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "es2022", ...co }, files }));
        const r = spawnSync(tsc, ["-p", dir], { encoding: "utf8" });
        if (r.status !== 0) return [`tsc exit ${r.status}`, ...(r.stdout + r.stderr).split("\n").filter(Boolean).slice(0, 12)];
        return body(dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    test("TypeScript compiled to CommonJS: init() and eval() run under Node", () =>
      project(["types-check-cjs.ts"], { module: "commonjs", moduleResolution: "node10", esModuleInterop: true, lib: ["es2022"], types: [], outDir: "out" }, (dir) => {
        const r = spawnSync(process.execPath, [path.join(dir, "out/types-check-cjs.js")], { encoding: "utf8" });
        return r.status === 0 && r.stdout.trim() === "eligible 4000" ? [] : [`node exit ${r.status}: ${r.stdout} ${r.stderr}`.slice(0, 400)];
      }));
    test("TypeScript: the widget's types (@mantetong/core/widget) for mount(), the handle and the mtt:* events", () =>
      project(["widget-check.ts"], { module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"], noEmit: true }, () => []));
  }
}

console.log(`(${cases} golden/acceptance cases, ${raw} raw input files, each through the CLI and both JS builds)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
