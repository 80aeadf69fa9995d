// A stand-in for a portal's web server, for the example and the e2e tests:
// serves this folder on its own origin, with `__MTT_APP__` in the HTML
// replaced by the app's origin, and forwards POST /intake/applications to
// the app's intake API (a portal's own gateway in front of the endpoint)
// and GET /rules/* to the app's files (a portal's copy of the rule packs).
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
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript' };

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
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
