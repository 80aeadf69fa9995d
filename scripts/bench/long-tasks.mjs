// The main thread's long tasks in a Chrome trace, and what runs in them
// (issue 15: where Lighthouse's Total Blocking Time goes). Reads a trace
// (Lighthouse's `--save-assets` *-0.trace.json, or scripts/bench/trace.mjs's
// output: `{traceEvents: [...]}` or a bare array) and prints, for every
// top-level task on the page's renderer main thread longer than MIN ms
// (default 50; for Lighthouse's unthrottled trace use 12.5, since its
// simulation multiplies observed CPU time by 4), its start (ms after
// navigation), duration and the events that take its time (self time,
// by name, with the script's URL or the wasm event's detail).
// Usage: node long-tasks.mjs TRACE.json [MIN_MS]
// (cpu: the task's thread time, when the trace has it: on a loaded machine
// a task's wall time includes the time its thread waited for a core.)
import { readFileSync } from 'node:fs';

export function longTasks(trace, minMs = 50) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const isTask = (e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  // The page's renderer main thread: one that navigated to an http(s) URL
  // (the browser's own WebUI renderers, e.g. the omnibox popup, also run
  // tasks in the trace); of those, the one that ran the most task time.
  const pages = new Set(events
    .filter((e) => e.name === 'navigationStart' && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''))
    .map((e) => `${e.pid}:${e.tid}`));
  const busy = new Map();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (isTask(e) && names.get(k) === 'CrRendererMain' && (pages.size === 0 || pages.has(k))) busy.set(k, (busy.get(k) ?? 0) + e.dur);
  }
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) throw new Error('long-tasks.mjs: no CrRendererMain thread with tasks in this trace');
  const nav = events
    .filter((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''))
    .map((e) => e.ts);
  const t0 = nav.length ? nav[0] : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const onMain = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const label = (e) => {
    const d = e.args?.data ?? {};
    const url = (d.url || d.stackTrace?.[0]?.url || '').replace(/^https?:\/\/[^/]+/, '').replace(/\/pkg\/[0-9a-f]{16}\//, '/pkg/');
    if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.compileModule') return `${e.name} ${url}${d.functionName ? ' ' + d.functionName : ''}`.trim();
    if (e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'EventDispatch') return `${e.name}${d.type ? ' ' + d.type : ''}`;
    return e.name;
  };
  const out = [];
  // Lighthouse's simulation multiplies each task's observed time by 4 and
  // counts what is over 50 ms after the first contentful paint (here: the
  // first frame painted). Its
  // observed time is wall time, which on a loaded machine includes waiting
  // for a core; the same sum over the tasks' CPU time (tdur) is the page's
  // own share: `cpuTbt`.
  // The first frame painted (the static screen), not the trace's
  // firstContentfulPaint mark: on a loaded machine that mark came up to 2 s
  // after the static screen's first Paint (frames waiting for a core).
  const fcp = events.find((e) => e.name === 'Paint' && e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.ts >= t0)?.ts;
  out.cpuTbt = 0;
  out.fcp = fcp === undefined ? null : Math.round((fcp - t0) / 1000);
  let i = 0;
  while (i < onMain.length) {
    const task = onMain[i];
    if (!isTask(task)) { i++; continue; }
    const end = task.ts + task.dur;
    let j = i + 1;
    const inside = [];
    while (j < onMain.length && onMain[j].ts < end) inside.push(onMain[j++]);
    i = j;
    if (fcp !== undefined && task.ts >= fcp && task.tdur !== undefined) out.cpuTbt += Math.max(0, (4 * task.tdur) / 1000 - 50);
    if (task.dur < minMs * 1000) continue;
    // Self time: each event's duration minus its direct children's.
    const stack = [];
    const self = new Map();
    const add = (e, us) => self.set(label(e), (self.get(label(e)) ?? 0) + us);
    const selfOf = new Map();
    for (const e of inside) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      selfOf.set(e, e.dur);
      if (stack.length) selfOf.set(stack.at(-1), selfOf.get(stack.at(-1)) - Math.min(e.dur, stack.at(-1).ts + stack.at(-1).dur - e.ts));
      stack.push(e);
    }
    let covered = 0;
    for (const [e, us] of selfOf) { add(e, Math.max(0, us)); }
    for (const e of inside) if (!inside.some((p) => p !== e && p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur && p.dur > e.dur)) covered += e.dur;
    const parts = [...self].filter(([, us]) => us >= 1000).sort((a, b) => b[1] - a[1]).slice(0, 8)
      .map(([k, us]) => `${k} ${(us / 1000).toFixed(1)}`);
    const untraced = task.dur - covered;
    if (untraced >= 1000) parts.push(`(in the task, no event) ${(untraced / 1000).toFixed(1)}`);
    // tdur: the thread's CPU time in the task (wall time minus time the
    // thread was descheduled: on a loaded machine the two differ).
    out.push({ at: Math.round((task.ts - t0) / 1000), ms: +(task.dur / 1000).toFixed(1), cpu: task.tdur === undefined ? null : +(task.tdur / 1000).toFixed(1), parts });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, min] = process.argv.slice(2);
  const tasks = longTasks(JSON.parse(readFileSync(file, 'utf8')), Number(min ?? 50));
  for (const t of tasks) console.log(`${String(t.at).padStart(6)} ms  ${String(t.ms).padStart(6)} ms (cpu ${String(t.cpu).padStart(5)})  ${t.parts.join('; ')}`);
  console.log(`${tasks.length} tasks >= ${min ?? 50} ms, ${tasks.reduce((a, t) => a + t.ms, 0).toFixed(0)} ms in all, cpu ${tasks.reduce((a, t) => a + (t.cpu ?? 0), 0).toFixed(0)} ms; after the first paint (${tasks.fcp} ms) 4 x cpu over 50 ms (for an unthrottled trace, e.g. Lighthouse's): ${tasks.cpuTbt.toFixed(0)} ms`);
}
