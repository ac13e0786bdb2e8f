// i18n for every page. Static text is marked up in HTML:
//   data-i18n="key"                 -> textContent
//   data-i18n-params='{"name":"…"}' -> optional {name} values for data-i18n
//   data-i18n-placeholder / -aria-label / -title="key" -> that attribute
// Scripts use t(key, params), or setText() so the text follows language changes.
// A `i18n:change` event is dispatched on document after every switch.

const STORAGE_KEY = 'aglis.lang';
const FALLBACK = 'id';
const SUPPORTED = ['id', 'en'];
const LOCALES = { id: 'id-ID', en: 'en-GB' };
const ATTRS = ['placeholder', 'aria-label', 'title'];

const dicts = {};        // lang -> loaded dictionary (the base one plus every page dictionary in use)
const extras = [];       // page dictionaries in use, e.g. 'console' for i18n/console.<lang>.json
const loading = {};      // lang -> in-flight promise
const based = new Set(); // langs whose base dictionary is loaded
const warned = new Set();
let lang = FALLBACK;
let initPromise = null;

function storedLang() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return SUPPORTED.includes(value) ? value : null;
  } catch {
    return null; // storage can be blocked (private mode, strict settings)
  }
}

function load(code) {
  if (based.has(code)) return Promise.resolve(dicts[code]);
  loading[code] ??= fetch(new URL(`./i18n/${code}.json`, import.meta.url), { credentials: 'same-origin' })
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then((dict) => {
      based.add(code);
      return (dicts[code] = Object.assign(dict, dicts[code] ?? {}));
    })
    .catch((e) => {
      console.warn(`i18n: could not load "${code}" dictionary`, e);
      return {};
    })
    .finally(() => delete loading[code]);
  return loading[code];
}

function loadExtra(name, code) {
  return fetch(new URL(`./i18n/${name}.${code}.json`, import.meta.url), { credentials: 'same-origin' })
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then((dict) => Object.assign((dicts[code] ??= {}), dict))
    .catch((e) => console.warn(`i18n: could not load "${name}.${code}"`, e));
}

/**
 * Adds a page's own dictionary (i18n/<name>.<lang>.json) to the base one, so each area of the app keeps
 * its texts in its own files. Safe to call more than once; the page is translated again when it loads.
 */
export async function useDictionary(name) {
  await initI18n();
  if (extras.includes(name)) return;
  extras.push(name);
  await Promise.all([...new Set([FALLBACK, lang])].map((code) => loadExtra(name, code)));
  translate();
}

export function currentLang() {
  return lang;
}

export function locale() {
  return LOCALES[lang];
}

export function hasKey(key) {
  return key in (dicts[lang] ?? {}) || key in (dicts[FALLBACK] ?? {});
}

export function t(key, params) {
  let text = dicts[lang]?.[key] ?? dicts[FALLBACK]?.[key];
  if (typeof text !== 'string') {
    if (!warned.has(key)) {
      warned.add(key);
      console.warn(`i18n: missing key "${key}"`);
    }
    text = key;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name) =>
    Object.hasOwn(params, name) && params[name] != null ? String(params[name]) : match);
}

function paramsOf(el) {
  const raw = el.getAttribute('data-i18n-params');
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function within(root, selector) {
  const found = [...root.querySelectorAll(selector)];
  if (root.matches?.(selector)) found.unshift(root);
  return found;
}

/** Translate every marked element under root (default: the whole document). */
export function translate(root = document) {
  for (const el of within(root, '[data-i18n]')) {
    el.textContent = t(el.getAttribute('data-i18n'), paramsOf(el));
  }
  for (const attr of ATTRS) {
    for (const el of within(root, `[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
    }
  }
}

/** Set translated text on el and remember key/params so a language switch re-renders it. */
export function setText(el, key, params) {
  el.setAttribute('data-i18n', key);
  if (params) el.setAttribute('data-i18n-params', JSON.stringify(params));
  else el.removeAttribute('data-i18n-params');
  el.textContent = t(key, params);
}

function buildSwitch(host) {
  const group = document.createElement('div');
  group.className = 'lang-switch';
  group.setAttribute('role', 'group');
  group.setAttribute('data-i18n-aria-label', 'lang.switch');
  for (const code of SUPPORTED) {
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.lang = code;
    btn.dataset.lang = code;
    btn.append(code.toUpperCase());
    // Visible "ID"/"EN" stays part of the accessible name; the language's own
    // name is added for screen readers.
    const full = document.createElement('span');
    full.className = 'visually-hidden';
    full.setAttribute('data-i18n', `lang.${code}.name`);
    btn.append(' ', full);
    btn.addEventListener('click', () => setLang(code));
    group.append(btn);
  }
  host.replaceChildren(group);
}

function syncSwitches() {
  for (const host of document.querySelectorAll('[data-lang-switch]')) {
    if (!host.querySelector('.lang-switch')) buildSwitch(host);
    for (const btn of host.querySelectorAll('button[data-lang]')) {
      btn.setAttribute('aria-pressed', String(btn.dataset.lang === lang));
    }
  }
}

function apply() {
  document.documentElement.lang = lang;
  syncSwitches();
  translate();
}

export async function setLang(code) {
  if (!SUPPORTED.includes(code)) return;
  await load(code);
  await Promise.all(extras.map((name) => loadExtra(name, code)));
  lang = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // not persisted; still switch for this page view
  }
  apply();
  document.dispatchEvent(new CustomEvent('i18n:change', { detail: { lang } }));
}

/** Load dictionaries and translate the page. Safe to call more than once. */
export function initI18n() {
  initPromise ??= (async () => {
    const wanted = storedLang() ?? FALLBACK;
    // Indonesian is always loaded: it is the fallback for missing keys.
    await Promise.all([load(FALLBACK), load(wanted)]);
    lang = wanted;
    apply();
    return lang;
  })();
  return initPromise;
}
