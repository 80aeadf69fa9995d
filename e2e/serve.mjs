// A small static server for the built app (dist/), used by `make run` and the
// browser tests until the intake server serves the app: correct MIME types,
// precompressed brotli when the client accepts it, and an SPA fallback so a
// deep link or a reload on any route gets index.html.
// Usage: node serve.mjs DIR PORT
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const [dir = '../dist', port = '8080'] = process.argv.slice(2);
const root = resolve(dir);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.ics': 'text/calendar',
};

async function isFile(path) {
  try { return (await stat(path)).isFile(); } catch { return false; }
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let path = normalize(join(root, decodeURIComponent(url.pathname)));
  if (!path.startsWith(root)) { res.writeHead(400).end(); return; }
  if (!(await isFile(path))) {
    // Unknown paths without an extension are app routes; files that are
    // really missing stay 404 so a broken asset link shows up in tests.
    if (extname(url.pathname)) { res.writeHead(404).end('not found'); return; }
    path = join(root, 'index.html');
  }
  const headers = {
    'Content-Type': types[extname(path)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    'Vary': 'Accept-Encoding',
  };
  let body;
  if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '') && (await isFile(path + '.br'))) {
    body = await readFile(path + '.br');
    headers['Content-Encoding'] = 'br';
  } else {
    body = await readFile(path);
  }
  res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}`);
});
