// The Web Worker the app starts when the person first adds a photo: the
// reading runs here, off the page's thread. Messages (app/src/reader.rs):
//   in  {type: 'warm'}                      fetch and start everything
//   in  {type: 'read', id, bytes, today}    today: [year, month, day]
//   out {type: 'progress', loaded, total}   bytes of the module so far
//   out {type: 'ready'} | {type: 'failed', message}
//   out {type: 'decoded', id, ok, width, height, error, message}
//   out {type: 'reading', id, reading, ms} | {type: 'read_failed', id, message}
// Nothing here sends anything anywhere: the files it fetches are the
// module's own, from the app's origin.
import { check, load, onProgress, readChecked } from 'mtt-reader-engine';

let last = 0;
onProgress((loaded, total) => {
  const now = Date.now();
  if (loaded >= total || now - last > 100) {
    last = now;
    postMessage({ type: 'progress', loaded, total });
  }
});

let queue = Promise.resolve();
self.onmessage = (ev) => {
  const m = ev.data || {};
  if (m.type === 'warm') {
    load().then(() => postMessage({ type: 'ready' }), (e) => postMessage({ type: 'failed', message: String(e && e.message || e) }));
  } else if (m.type === 'read') {
    queue = queue.then(async () => {
      try {
        const d = await check(new Uint8Array(m.bytes));
        postMessage({ type: 'decoded', id: m.id, ...d });
        if (!d.ok) return;
        const t0 = performance.now();
        const reading = await readChecked(m.today);
        postMessage({ type: 'reading', id: m.id, reading, ms: Math.round(performance.now() - t0) });
      } catch (e) {
        postMessage({ type: 'read_failed', id: m.id, message: String(e && e.message || e) });
      }
    });
  }
};
