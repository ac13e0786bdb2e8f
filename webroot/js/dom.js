// Building DOM without a framework, and showing numbers, money and times the way the reader expects
// (their language's digits; Rupiah as "Rp 350.000"; times in WIB, the business time zone).
import { locale, setText, t } from './i18n.js';

const ZONE = 'Asia/Jakarta';

/**
 * h('button', { class: 'btn', i18n: 'common.retry', on: { click } }, child…)
 * props: class, i18n (key or [key, params]: translated text that follows language switches), text,
 * on (event → handler), dataset, hidden, and any other attribute by name (false/null leave it out).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'i18n') Array.isArray(value) ? setText(el, value[0], value[1]) : setText(el, value);
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'on') Object.entries(value).forEach(([type, fn]) => el.addEventListener(type, fn));
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'hidden') el.hidden = true;
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces el's content with the given children, leaving out the absent ones (null would show as "null"). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

/** A loading, empty or error block, designed alike everywhere. kind: 'loading' | 'empty' | 'error'. */
export function stateBlock(kind, key, params, action) {
  return h('div', { class: `state state-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    kind === 'loading' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    h('p', { i18n: [key, params] }),
    action ?? null);
}

export const fmt = {
  number(n, digits = 0) {
    return n == null ? '—' : new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
  },
  percent(ratio, digits = 1) {
    return ratio == null || Number.isNaN(ratio) ? '—'
      : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(ratio);
  },
  rupiah(amount) {
    return amount == null ? '—' : `Rp ${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(amount)}`;
  },
  bytes(n) {
    if (n == null) return '—';
    const units = ['B', 'KB', 'MB', 'GB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return `${fmt.number(n, i ? 1 : 0)} ${units[i]}`;
  },
  /** "3 Des 2026 14.05 WIB" */
  dateTime(iso) {
    if (!iso) return '—';
    const text = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(new Date(iso));
    return `${text} WIB`;
  },
  /** "14.05.09 WIB" */
  time(iso) {
    if (!iso) return '—';
    const text = new Intl.DateTimeFormat(locale(), { timeStyle: 'medium', timeZone: ZONE }).format(new Date(iso));
    return `${text} WIB`;
  },
  /** "2 menit lalu" / "2 minutes ago" */
  relative(iso) {
    if (!iso) return '—';
    const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
    const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
    const abs = Math.abs(seconds);
    if (abs < 60) return rtf.format(seconds, 'second');
    if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
    if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
    return rtf.format(Math.round(seconds / 86400), 'day');
  },
};

/** A translated label for a status-like value with a fallback to the value itself. */
export function label(prefix, value) {
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}
