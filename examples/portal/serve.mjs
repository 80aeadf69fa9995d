// A stand-in for a portal's web server, for the example and the e2e tests:
// serves this folder on its own origin, with `__MTT_APP__` in the HTML
// replaced by the app's origin, and forwards POST /intake/applications to
// the app's intake API (a portal's own gateway in front of the endpoint)
// and GET /rules/* to the app's files (a portal's copy of the rule packs).
// /guide/NAME serves the block marked `file=NAME` in docs/portal.md, verbatim
// but for the two origins, with the headers of the block `file=NAME.headers`
// (so the guide's snippets are what the e2e tests run).
//   node examples/portal/serve.mjs --port 8092 --app http://127.0.0.1:8091
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const port = Number(args.port ?? 8092);
const host = args.host ?? '127.0.0.1';
const app = (args.app ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const root = fileURLToPath(new URL('.', import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript' };

const guideFile = fileURLToPath(new URL('../../docs/portal.md', import.meta.url));

/** The `file=NAME` blocks of docs/portal.md: { NAME: text }. */
async function guideBlocks() {
  const md = await readFile(guideFile, 'utf8');
  const blocks = {};
  for (const m of md.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)) blocks[m[1]] = m[2];
  return blocks;
}

/** Serves /guide/NAME from the guide; false when there is no such block. */
async function serveGuide(name, req, res, url) {
  if (name === 'portal.css') name = '../hostile.css';
  const blocks = await guideBlocks();
  const portal = `http://${req.headers.host}`;
  let body;
  if (name === '../hostile.css') body = await readFile(join(root, 'hostile.css'), 'utf8');
  else if (name in blocks && !name.endsWith('.headers')) body = blocks[name];
  else return false;
  body = body.replaceAll('https://APP-ORIGIN', app).replaceAll('https://PORTAL-ORIGIN', portal);
  if (body.includes('LOADER-INTEGRITY')) {
    // The versioned page: the values a portal copies from integrity.json.
    const index = await (await fetch(`${app}/widget/index.json`)).json();
    const integrity = await (await fetch(`${app}/widget/v${index.latest}/integrity.json`)).json();
    body = body.replaceAll('VERSION', integrity.version).replaceAll('LOADER-INTEGRITY', integrity.loader.integrity);
  }
  // For the tests' variations of a page (a wrong region, a narrower CSP):
  // `?sub=FROM=>TO` edits the body, `?csp=FROM=>TO` the CSP (repeatable).
  const edits = (key) => url.searchParams.getAll(key).map((e) => e.split('=>'));
  for (const [from, to = ''] of edits('sub')) body = body.replaceAll(from, to);
  const headers = { 'content-type': types[extname(name)] ?? 'text/plain', 'cache-control': 'no-store' };
  for (const line of (blocks[`${name}.headers`] ?? '').split('\n').filter(Boolean)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim().replaceAll('https://APP-ORIGIN', app).replaceAll('https://PORTAL-ORIGIN', portal);
  }
  for (const [from, to = ''] of edits('csp')) headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replaceAll(from, to);
  res.writeHead(200, headers);
  res.end(body);
  return true;
}

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (req.method === 'GET' && url.pathname.startsWith('/guide/')) {
    if (await serveGuide(url.pathname.slice('/guide/'.length), req, res, url).catch(() => false)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not in docs/portal.md\n');
    return;
  }
  if (req.method === 'POST' && url.pathname === '/intake/applications') {
    const body = [];
    for await (const c of req) body.push(c);
    const headers = { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' };
    if (req.headers['idempotency-key']) headers['idempotency-key'] = req.headers['idempotency-key'];
    try {
      const r = await fetch(`${app}/api/v1/applications`, { method: 'POST', headers, body: Buffer.concat(body) });
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch (e) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ path: '$', message: String(e) }] }));
    }
    return;
  }
  if (req.method === 'GET' && url.pathname.startsWith('/rules/')) {
    // The portal's own copy of the rule packs (here: a pass-through to the
    // app's), for the `packBase` option.
    const r = await fetch(`${app}/${url.pathname.slice('/rules/'.length)}`).catch(() => null);
    res.writeHead(r?.status ?? 502, { 'content-type': r?.headers.get('content-type') ?? 'text/plain' });
    res.end(r ? Buffer.from(await r.arrayBuffer()) : 'bad gateway\n');
    return;
  }
  const path = normalize(url.pathname === '/' ? '/index.html' : url.pathname);
  if (path.includes('..') || req.method !== 'GET') { res.writeHead(404); res.end(); return; }
  try {
    let body = await readFile(join(root, path));
    if (extname(path) === '.html') body = body.toString('utf8').replaceAll('__MTT_APP__', app);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }
}).listen(port, host, () => console.log(`portal on http://${host}:${port}/ (app: ${app})`));
