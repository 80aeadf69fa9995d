// mantetong widget loader: embeds the app in a portal's page. The guide for
// portals (CSP, errors, events, theming, self-hosting) is docs/portal.md.
//
//   <script type="module" src="https://APP-ORIGIN/mantetong-widget.js"></script>
//   <mantetong-app region="shandong-rizhao" lang="zh-CN" elder="true"
//                  receiver="日照市医疗保障局" theme-primary="#7a1f1f">
//     (shown until the app is ready, and if it cannot start)
//   </mantetong-app>
// or
//   import { mount } from 'https://APP-ORIGIN/mantetong-widget.js';
//   const app = await mount(element, { region, lang, elder, endpoint, receiver, packBase, lazy, brand, logo, theme });
//   element.addEventListener('mtt:result', (e) => console.log(e.detail));
//   app.update({ lang: 'en' }); app.unmount();
//
// The app renders in the element's (open) shadow root, so the portal's CSS
// does not reach it. It defines nothing global but the <mantetong-app>
// element (only if no one else did); the app's own bindings stay inside
// this module. Its files, rule packs and default endpoint come from this
// file's origin, which must list the portal with --allow-origin (CORS).
// Template: app/widget/mantetong-widget.js; app/widget/build.mjs writes
// dist/mantetong-widget.js and dist/widget/v<version>/mantetong-widget.js
// with this build's file names and integrity hashes filled in.

const BASE = new URL('__MTT_BASE__', import.meta.url);
const FILES = { js: '__MTT_JS__', wasm: '__MTT_WASM__', css: '__MTT_CSS__' };
// Subresource-integrity hashes of the stylesheet and the wasm (versioned
// builds; empty in the moving alias, whose files may change under it).
const INTEGRITY = { css: '__MTT_CSS_SRI__', wasm: '__MTT_WASM_SRI__' };
/** The app version this loader belongs to. */
export const version = '__MTT_VERSION__';

/** What mount() rejects with: `code` says what failed (docs/portal.md, "Errors"). */
export class MantetongError extends Error {
  constructor(code, message) {
    super(`mantetong: ${message}`);
    this.name = 'MantetongError';
    this.code = code;
  }
}

let started;
function start() {
  started ??= import(new URL(FILES.js, BASE).href)
    .catch((e) => {
      throw new MantetongError('script', `the app's script ${new URL(FILES.js, BASE)} could not be loaded (${e.message}); the portal's CSP must allow ${BASE.origin} in script-src, and that origin must list the portal with --allow-origin (CORS)`);
    })
    .then(async (bindings) => {
      const wasm = new URL(FILES.wasm, BASE);
      try {
        await bindings.default({ module_or_path: fetch(wasm, INTEGRITY.wasm ? { integrity: INTEGRITY.wasm } : {}) });
      } catch (e) {
        throw new MantetongError('wasm', `the app's WebAssembly ${wasm} could not be started (${e.message}); the portal's CSP must have 'wasm-unsafe-eval' in script-src and ${BASE.origin} in connect-src`);
      }
      return bindings;
    })
    .catch((e) => {
      started = null; // the next mount tries again
      throw e;
    });
  return started;
}

/** The app's stylesheet in the shadow root; resolves when loaded. */
function styles(shadow) {
  const href = new URL(FILES.css, BASE).href;
  let link = [...shadow.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = document.createElement('link');
    link.rel = 'stylesheet';
    if (INTEGRITY.css) {
      link.integrity = INTEGRITY.css;
      link.crossOrigin = 'anonymous';
    }
    link.href = href;
    shadow.prepend(link);
  }
  return new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => {
      link.remove();
      reject(new MantetongError('stylesheet', `the app's stylesheet ${href} could not be loaded; the portal's CSP must allow ${BASE.origin} in style-src`));
    }, { once: true });
  });
}

async function getJson(url, code, what) {
  let r;
  try {
    r = await fetch(url);
  } catch (e) {
    throw new MantetongError(code, `${what} ${url} could not be fetched (${e.message}); the portal's CSP must allow its origin in connect-src, and that origin must send CORS headers for the portal`);
  }
  if (!r.ok) throw new MantetongError(code, `${what} ${url}: HTTP ${r.status}`);
  try {
    return await r.json();
  } catch {
    throw new MantetongError(code, `${what} ${url} is not JSON`);
  }
}

/** Before anything shows: the region lock names a region that exists and
 *  whose pack loads; the endpoint is a URL. */
async function check(config) {
  const bad = endpointProblem(config.endpoint);
  if (bad) throw new MantetongError('endpoint', bad);
  const base = new URL(typeof config.packBase === 'string' ? config.packBase : BASE.href, document.baseURI);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const list = await getJson(new URL('regions/index.json', base), 'pack', 'the region list');
  if (typeof config.region === 'string') {
    const ids = Array.isArray(list) ? list.map((r) => r?.id) : [];
    if (!ids.includes(config.region)) {
      throw new MantetongError('region', `config.region: unknown region ${JSON.stringify(config.region)}; known: ${ids.join(', ')}`);
    }
    await getJson(new URL(`regions/${config.region}.json`, base), 'pack', `the rule pack of ${config.region}`);
  }
}

/** Why an endpoint cannot be used, or null (also null when none is given). */
function endpointProblem(endpoint) {
  if (typeof endpoint !== 'string') return null;
  let url;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch {
    url = null;
  }
  return !url || !/^https?:$/.test(url.protocol) ? `config.endpoint: ${JSON.stringify(endpoint)} is not an http(s) URL or path` : null;
}

const THEME = ['primary', 'primary-dark', 'on-primary', 'text', 'muted', 'bg', 'surface', 'border', 'error', 'ok', 'warn', 'focus', 'font'];
const TYPES = {
  region: 'string', lang: 'string', elder: 'boolean', endpoint: 'string', receiver: 'string',
  packBase: 'string', lazy: 'boolean', brand: 'boolean', logo: 'string', theme: 'object',
};
const LIVE_KEYS = ['lang', 'elder', 'endpoint', 'receiver', 'theme'];

/** The config with every field of the wrong type or value left out, and a
 *  console warning naming each one. `keys`: the fields allowed here. */
function validate(config, keys = Object.keys(TYPES)) {
  const clean = {};
  const warn = (k, what) => console.warn(`mantetong: config.${k}: ${what}; ignored`);
  const show = (v) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  for (const [k, v] of Object.entries(config)) {
    if (v === undefined || v === null) continue;
    if (!(k in TYPES)) {
      warn(k, `unknown option (known: ${Object.keys(TYPES).join(', ')})`);
      continue;
    }
    if (!keys.includes(k)) {
      warn(k, 'cannot change after mount; mount again');
      continue;
    }
    const type = TYPES[k];
    if (typeof v !== type || (type === 'object' && Array.isArray(v))) {
      warn(k, type === 'boolean' ? `expected true or false, got ${show(v)}` : `expected a ${type}, got ${show(v)}`);
    } else if (k === 'lang' && !/^(zh|en)([-_]|$)/i.test(v)) {
      warn(k, `${show(v)} is not zh-CN or en`);
    } else if (k === 'region' && !v.trim()) {
      // Empty (`region=""`): no lock. Any other id that is not in the
      // region list, well-formed or not, rejects mount() with code
      // `region` (check()): a portal's lock is never dropped silently.
      warn(k, `${show(v)} is not a region id (like shanxi-linfen)`);
    } else if (k === 'receiver' && (!v.trim() || [...v].length > 100)) {
      warn(k, 'expected the receiving body\'s name, at most 100 characters');
    } else if (k === 'theme') {
      clean.theme = {};
      for (const [name, value] of Object.entries(v)) {
        const bare = name.replace(/^--mtt-/, '');
        if (!THEME.includes(bare)) warn(`theme.${name}`, `not a theme variable (known: ${THEME.join(', ')})`);
        else if (typeof value !== 'string' || !value.trim() || value.length > 100 || /[;{}<>\\]/.test(value)) warn(`theme.${name}`, `${show(value)} is not a CSS value`);
        else clean.theme[bare] = value;
      }
    } else clean[k] = v;
  }
  return clean;
}

function fire(host, type, detail) {
  host.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
}

const mounted = new WeakMap();

/** What mount() resolves with. */
class Handle {
  #inner;
  #host;
  #container;
  #slot;
  #shadow;
  constructor(inner, host, container, slot) {
    this.#inner = inner;
    this.#host = host;
    this.#container = container;
    this.#slot = slot;
    this.#shadow = container.getRootNode();
    /** The `mtt:ready` detail, for a listener that comes late: `{ lang, elder, region }`. */
    this.ready = JSON.parse(inner.state());
  }

  /** The host element (where events are dispatched). */
  get element() {
    return this.#host;
  }

  /** `{ lang, elder, region }` now. */
  get state() {
    return this.#inner ? JSON.parse(this.#inner.state()) : null;
  }

  /** Changes `lang`, `elder`, `theme`, `endpoint` or `receiver` of the running
   *  app; a field of the wrong type is left out with a console warning. */
  update(changes) {
    if (!this.#inner) throw new MantetongError('unmounted', 'update() after unmount()');
    const clean = validate(changes && typeof changes === 'object' ? changes : {}, LIVE_KEYS);
    // mount() refuses such an endpoint (code `endpoint`); a live change
    // keeps the one the app has.
    const bad = endpointProblem(clean.endpoint);
    if (bad) {
      console.warn(`mantetong: ${bad}; ignored`);
      delete clean.endpoint;
    }
    this.#inner.update(clean);
  }

  /** Removes the app; the element shows its own content again. */
  unmount() {
    if (!this.#inner) return;
    this.#inner.unmount();
    this.#inner = null;
    this.#container.remove();
    this.#shadow.append(this.#slot);
    mounted.delete(this.#host);
  }
}

/**
 * Mounts the app into `element` (in its shadow root). `config`, all optional:
 * - region:   lock to one region id, e.g. 'shanxi-linfen' (the region step is skipped)
 * - lang:     'zh-CN' | 'en'
 * - elder:    elder mode when the person has not chosen
 * - endpoint: where applications are submitted (default: this origin's /api/v1/applications)
 * - receiver: the official name of who receives them (shown before sending; without it
 *             the app asks a /api/v1/ endpoint, else says the receiver is not named)
 * - packBase: where regions/ and calendar/ are fetched (default: this origin)
 * - lazy:     fetch the flow's module only when the person starts (default true)
 * - brand:    false hides the app's name in its header; logo: an image URL before it
 * - theme:    { primary: '#…', 'primary-dark': '#…', 'on-primary': '#…', text, bg, surface, … }
 * Resolves with a handle: ready, state, update(), unmount(). Rejects with a
 * MantetongError (and fires `mtt:error` { code, message } on the element)
 * when something it needs cannot be loaded. Events on `element`: mtt:ready
 * (after this resolves), mtt:step, mtt:language, mtt:elder, mtt:result,
 * mtt:submitted, mtt:error (detail: plain data, never personal).
 */
export async function mount(element, config = {}) {
  if (!(element instanceof Element)) throw new TypeError('mantetong: mount(element, config) needs an element');
  mounted.get(element)?.unmount();
  const given = config && typeof config === 'object' && !Array.isArray(config) ? config : {};
  if (given !== config && config != null) console.warn(`mantetong: config: expected an object, got ${JSON.stringify(config)}; ignored`);
  const cfg = validate(given);
  try {
    let shadow;
    try {
      shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    } catch {
      throw new MantetongError('element', `mount(): <${element.localName}> cannot hold a shadow root; use a <div> or <section>`);
    }
    // The element's own content shows through the slot until the app is ready.
    let slot = shadow.querySelector('slot');
    if (!slot) {
      slot = document.createElement('slot');
      shadow.append(slot);
    }
    const defaults = { packBase: BASE.href, endpoint: new URL('api/v1/applications', BASE).href };
    const [bindings] = await Promise.all([start(), styles(shadow), check(cfg)]);
    const container = document.createElement('div');
    container.className = 'mtt-host';
    shadow.append(container);
    let inner;
    try {
      // appBase: the app's own files (the photo reader), always this loader's.
      inner = bindings.mount(container, { ...defaults, ...cfg, appBase: BASE.href });
    } catch (e) {
      container.remove();
      const tt = /Trusted ?(HTML|Types|Script)/i.test(String(e?.message ?? e));
      throw new MantetongError(tt ? 'trusted-types' : 'mount', tt
        ? `the app wrote HTML as a string, which this page's Trusted Types policy forbids (the widget should not: please report it); embed the app with an iframe meanwhile (${e.message})`
        : `the app could not start (${e?.message ?? e})`);
    }
    slot.remove();
    const handle = new Handle(inner, element, container, slot);
    mounted.set(element, handle);
    // After mount() resolves, so a listener added right after `await mount()` hears it.
    setTimeout(() => {
      if (mounted.get(element) === handle) fire(element, 'mtt:ready', handle.ready);
    });
    return handle;
  } catch (e) {
    const err = e instanceof MantetongError ? e : new MantetongError('mount', String(e?.message ?? e));
    fire(element, 'mtt:error', { code: err.code, message: err.message });
    throw err;
  }
}

const LIVE = ['lang', 'elder', 'endpoint', 'receiver', ...THEME.map((t) => `theme-${t}`)];
const FIXED = ['region', 'pack-base', 'lazy', 'brand', 'logo'];
const bool = (v) => (v === '' || v === 'true' ? true : v === 'false' ? false : v);

/** `<mantetong-app>` attributes → mount config (`names`: only these). */
function configFrom(el, names) {
  const config = {};
  for (const { name, value } of el.attributes) {
    if (names && !names.includes(name)) continue;
    if (name.startsWith('theme-')) (config.theme ??= {})[name.slice(6)] = value;
    else if (name === 'pack-base') config.packBase = value;
    else if (['elder', 'lazy', 'brand'].includes(name)) config[name] = bool(value);
    else if (['region', 'lang', 'endpoint', 'receiver', 'logo'].includes(name)) config[name] = value;
  }
  return config;
}

class MantetongApp extends HTMLElement {
  static observedAttributes = [...LIVE, ...FIXED];
  /** The handle once mounted (null before, and after an error). */
  app = null;
  /** Resolves with the handle (rejects with the MantetongError). */
  mounted = null;
  mounting = false;
  #changed = new Set();

  connectedCallback() {
    if (this.app || this.mounting) return;
    this.#changed.clear();
    this.mounting = true;
    this.mounted = mount(this, configFrom(this)).then((app) => {
      this.app = app;
      // Attributes changed while it was starting.
      if (this.#changed.size) app.update(configFrom(this, [...this.#changed]));
      return app;
    }).finally(() => {
      this.mounting = false;
    });
    this.mounted.catch(() => {}); // reported as mtt:error
  }

  disconnectedCallback() {
    this.app?.unmount();
    this.app = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (FIXED.includes(name)) {
      if (this.app || this.mounting) console.warn(`mantetong: ${name} cannot change after start; remove the element and add it again`);
      return;
    }
    if (this.app) {
      const change = configFrom(this, [name]);
      if (value === null && name.startsWith('theme-')) return; // removing a colour keeps it until remount
      this.app.update(change);
    } else if (this.mounting) this.#changed.add(name);
  }
}

if (!customElements.get('mantetong-app')) customElements.define('mantetong-app', MantetongApp);
