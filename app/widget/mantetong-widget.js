// mantetong widget loader: embeds the app in a portal's page.
//
//   <script type="module" src="https://APP-ORIGIN/mantetong-widget.js"></script>
//   <mantetong-app region="cn-shandong-rizhao" lang="zh-CN" elder="true"
//                  theme-primary="#7a1f1f"></mantetong-app>
// or
//   import { mount } from 'https://APP-ORIGIN/mantetong-widget.js';
//   const app = await mount(element, { region, lang, elder, endpoint, packBase, theme: { primary: '#7a1f1f' } });
//   element.addEventListener('mtt:result', (e) => console.log(e.detail));
//   app.unmount();
//
// It defines nothing global but the <mantetong-app> element (only if no one
// else did); the app's own bindings stay inside this module. The app's
// files, rule packs and the default endpoint come from this file's origin,
// which must list the portal with --allow-origin (CORS).
// Template: app/widget/mantetong-widget.js; the build (app/widget/build.mjs)
// writes dist/mantetong-widget.js with the hashed file names filled in.

const BASE = new URL('./', import.meta.url);
const FILES = { js: '__MTT_JS__', wasm: '__MTT_WASM__', css: '__MTT_CSS__' };

let started;
function start() {
  started ??= import(new URL(FILES.js, BASE).href).then(async (bindings) => {
    await bindings.default({ module_or_path: new URL(FILES.wasm, BASE) });
    return bindings;
  });
  return started;
}

/** The app's stylesheet in the host document, once; resolves when loaded. */
function styles(doc) {
  const href = new URL(FILES.css, BASE).href;
  let link = [...doc.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href);
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset.mantetong = '';
    doc.head.append(link);
  }
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}

/**
 * Mounts the app into `element`. `config` (all optional):
 * - region:   lock to one region id (the region step is skipped)
 * - lang:     'zh-CN' | 'en'
 * - elder:    elder mode when the person has not chosen
 * - endpoint: where applications are submitted (default: this origin's /api/v1/applications)
 * - receiver: the official name of who receives them (shown before sending; without it
 *             the app asks a /api/v1/ endpoint, else says the receiver is not named)
 * - packBase: where regions/ and calendar/ are fetched (default: this origin)
 * - theme:    { primary: '#…', 'primary-dark': '#…', 'on-primary': '#…', text, bg, surface, … }
 * Returns a handle with unmount(). Events on `element`: mtt:ready, mtt:step,
 * mtt:result, mtt:submitted (detail: plain data, never personal).
 */
export async function mount(element, config = {}) {
  if (!(element instanceof Element)) throw new TypeError('mantetong: mount(element, config) needs an element');
  const [bindings] = await Promise.all([start(), styles(element.ownerDocument)]);
  const defaults = { packBase: BASE.href, endpoint: new URL('api/v1/applications', BASE).href };
  return bindings.mount(element, { ...defaults, ...config });
}

/** `<mantetong-app>` attributes → mount config. */
function configFrom(el) {
  const config = { theme: {} };
  for (const { name, value } of el.attributes) {
    if (name.startsWith('theme-')) config.theme[name.slice(6)] = value;
    else if (name === 'elder') config.elder = value !== 'false';
    else if (name === 'pack-base') config.packBase = value;
    else if (['region', 'lang', 'endpoint', 'receiver'].includes(name)) config[name] = value;
  }
  return config;
}

class MantetongApp extends HTMLElement {
  #app = null;
  #mounting = null;

  connectedCallback() {
    if (this.#app || this.#mounting) return;
    this.#mounting = mount(this, configFrom(this))
      .then((app) => {
        this.#app = app;
      })
      .catch((e) => {
        this.dispatchEvent(new CustomEvent('mtt:error', { bubbles: true, detail: { message: String(e) } }));
      })
      .finally(() => {
        this.#mounting = null;
      });
  }

  disconnectedCallback() {
    this.#app?.unmount();
    this.#app = null;
  }
}

if (!customElements.get('mantetong-app')) customElements.define('mantetong-app', MantetongApp);
