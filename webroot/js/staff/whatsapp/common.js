// What the WhatsApp area's tabs share: the tab list and who sees what, badges, phone numbers, errors as people read
// them, "load more" paging, a confirmation dialog, and the template and CSV logic the send and template tabs both use.
import { h, fmt, label, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';

/** The tabs, in order. `roles` null: everyone who may open the page. */
export const TABS = [
  { id: 'queue', key: 'wa.tab.queue' },
  { id: 'send', key: 'wa.tab.send' },
  { id: 'batches', key: 'wa.tab.batches' },
  { id: 'devices', key: 'wa.tab.devices' },
  { id: 'messages', key: 'wa.tab.messages' },
  { id: 'templates', key: 'wa.tab.templates' },
  { id: 'inbox', key: 'wa.tab.inbox' },
  { id: 'analytics', key: 'wa.tab.analytics' },
];

/** What each role may do here, as the API's Access checks decide it (hidden, not just refused). */
export const may = {
  pauseDevices: (can) => can('admin', 'supervisor', 'noc'),
  editTemplates: (can) => can('admin', 'supervisor'),
  requeue: (can) => can('admin', 'supervisor', 'cs', 'noc'),
  sendBatches: (can) => can('admin', 'supervisor', 'cs', 'noc'),
  /** GET /wa/devices; cs read the devices from the stream's snapshot instead. */
  listDevices: (can) => can('admin', 'supervisor', 'noc'),
  openCustomers: (can) => can('admin', 'supervisor'),
};

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
export const STATUSES = ['queued', 'scheduled', 'sending', 'sent', 'delivered', 'read', 'failed', 'dead', 'cancelled', 'unknown'];
export const REQUEUEABLE = new Set(['failed', 'dead', 'unknown']);
export const CANCELLABLE = new Set(['queued', 'scheduled', 'unknown']);

export function statusBadge(status) {
  return h('span', { class: `badge status status-${status}`, text: label('console.status', status) });
}

export function priorityLabel(priority) {
  return h('span', { class: `prio prio-${priority}`, text: label('console.priority', priority) });
}

/** "6281234567890" → "+62 812-3456-7890"; anything that is not an Indonesian number is shown as it is. */
export function phoneText(digits) {
  if (!digits || !/^62\d{8,13}$/.test(digits)) return digits ?? '—';
  const rest = digits.slice(2);
  const groups = [rest.slice(0, 3), rest.slice(3, 7), rest.slice(7)].filter(Boolean);
  return `+62 ${groups.join('-')}`;
}

/** Normalises as the hub does for the common forms (08…, +62…, 62…, 8…): digits "62…", or null when it cannot be one. */
export function normalisePhone(raw) {
  if (raw == null) return null;
  let digits = String(raw).trim().replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith('8')) digits = `62${digits}`;
  return /^628\d{7,12}$/.test(digits) ? digits : null;
}

/** An ApiError as a sentence for the person who caused it. */
export function errorText(err) {
  if (!err) return t('wa.error.generic');
  if (err.status === 0) return t('wa.error.network');
  if (err.status === 401) return t('wa.error.signedOut');
  if (err.status === 403) return t('wa.error.forbidden');
  if (err.status === 429) return t('wa.error.throttled', { seconds: err.retryAfter ?? 30 });
  if (err.status === 503) return t('wa.error.unavailable');
  if (err.status >= 500) return t('wa.error.server');
  return err.message || t('wa.error.generic');
}

/** An error state with the reason and a retry button. */
export function errorState(err, retry) {
  const block = stateBlock('error', 'wa.error.load', null,
    retry ? h('button', { class: 'btn btn-secondary btn-small', type: 'button', i18n: 'common.retry', on: { click: retry } }) : null);
  block.insertBefore(h('p', { class: 'state-detail', text: errorText(err) }), block.lastChild);
  return block;
}

/** A polite message that stays until replaced: success or failure of what the person just did. */
export function notice(host, kind, text, ...extra) {
  host.replaceChildren(h('div', { class: `alert ${kind === 'error' ? 'alert-error' : kind === 'ok' ? 'alert-success' : 'alert-info'}`,
    role: kind === 'error' ? 'alert' : 'status' }, h('span', { text }), ...extra));
}

/**
 * A list that loads page by page: `fetchPage(cursor)` answers {items, nextCursor}; `renderItems(items, append)` shows
 * them. Returns { reload(), el } where el is the "load more" footer.
 */
export function pager(fetchPage, renderItems, { onError, onFirst } = {}) {
  let cursor = null;
  let token = 0;
  const more = h('button', { class: 'btn btn-secondary', type: 'button', i18n: 'wa.list.more', hidden: true });
  const el = h('div', { class: 'list-foot' }, more);
  async function load(first) {
    const mine = ++token;
    more.disabled = true;
    more.setAttribute('aria-busy', 'true');
    try {
      const page = await fetchPage(first ? null : cursor);
      if (mine !== token) return;
      cursor = page.nextCursor;
      renderItems(page.items, !first);
      if (first) onFirst?.(page.items);
      more.hidden = !cursor;
    } catch (err) {
      if (mine === token) onError?.(err, first);
    } finally {
      if (mine === token) {
        more.disabled = false;
        more.removeAttribute('aria-busy');
      }
    }
  }
  more.addEventListener('click', () => load(false));
  return { el, reload: () => load(true) };
}

/** Asks before something that cannot be undone; resolves true when confirmed. */
export function confirmAction({ title, body, confirm, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'wa-confirm', 'aria-labelledby': 'wa-confirm-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'wa-confirm-title', text: title }),
        body ? h('p', { text: body }) : null,
        h('div', { class: 'dialog-actions' },
          h('button', { class: 'btn btn-secondary', value: 'no', i18n: 'wa.action.back' }),
          h('button', { class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, value: 'yes', text: confirm }))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    // A destructive action starts on "back": Enter alone must not cancel messages.
    dialog.querySelector(danger ? 'button[value="no"]' : 'button[value="yes"]').focus();
  });
}

/** A dialog asking for one line of text (a pause reason); resolves the text, '' when left empty, null when dismissed. */
export function askText({ title, fieldLabel, hint, confirm }) {
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', id: 'wa-ask-input', maxlength: 200, autocomplete: 'off' });
    const dialog = h('dialog', { class: 'wa-confirm', 'aria-labelledby': 'wa-ask-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'wa-ask-title', text: title }),
        h('div', { class: 'field' }, h('label', { for: 'wa-ask-input', text: fieldLabel }), input,
          hint ? h('p', { class: 'field-hint', text: hint }) : null),
        h('div', { class: 'dialog-actions' },
          h('button', { class: 'btn btn-secondary', value: 'no', i18n: 'wa.action.back' }),
          h('button', { class: 'btn btn-primary', value: 'yes', text: confirm }))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes' ? input.value.trim() : null);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

// Templates: the same placeholder rule as the hub's Templates.java.
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*}}/g;

export function placeholders(body) {
  return [...new Set([...(body ?? '').matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** {text, missing}: the body with every placeholder filled; a missing value leaves the placeholder and is named. */
export function renderTemplate(body, params) {
  const missing = [];
  const text = (body ?? '').replace(PLACEHOLDER, (whole, name) => {
    const value = params?.[name];
    if (value == null || value === '') {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return String(value);
  });
  return { text, missing };
}

/** Sample values for a template's placeholders, so a preview reads like a real message. */
export function sampleValue(name) {
  const samples = {
    nama: 'Siti Rahmawati', name: 'Siti Rahmawati', bulan: 'Desember', month: 'December', jumlah: '350.000', amount: '350.000',
    tanggal: '10 Desember', tempo: '10 Desember', date: '10 December', jam: '09.00', area: 'Sleman', paket: 'Rumah 30 Mbps',
    nomor: 'AGL-000123', no: 'AGL-000123', tiket: '#1042', teknisi: 'Budi',
  };
  return samples[name.toLowerCase()] ?? name.toUpperCase();
}

/**
 * Parses CSV as spreadsheets write it: comma or semicolon (Indonesian Excel) separated, quoted fields with "" inside,
 * CRLF or LF. Answers the rows as arrays of strings; blank lines are left out.
 */
export function parseCsv(text) {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';'
    : firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : ',';
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows.map((r) => r.map((f) => f.trim()));
}

/** Column names that mean "the recipient's number". */
export const PHONE_COLUMNS = ['to', 'nomor', 'no_hp', 'nohp', 'hp', 'phone', 'telepon', 'wa', 'whatsapp', 'number'];

/** A link inside the console (navigates by hash, so the page's filters stay shareable). */
export function link(href, text, props = {}) {
  return h('a', { href, ...props }, text);
}

/** "12 dari 40" style counters with the numbers formatted. */
export function ofTotal(part, whole) {
  return t('wa.ofTotal', { part: fmt.number(part), whole: fmt.number(whole) });
}

/** The date (YYYY-MM-DD) in Jakarta, `daysAgo` days before today. */
export function jakartaDate(daysAgo = 0) {
  const now = new Date(Date.now() - daysAgo * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The day after a YYYY-MM-DD date. */
export function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

/** Calls `fn` at most once per `ms`, with the latest call's arguments merged by the caller (trailing call kept). */
export function throttle(fn, ms) {
  let timer = null;
  let last = 0;
  const run = () => { timer = null; last = Date.now(); fn(); };
  const call = () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(run, wait);
  };
  call.cancel = () => { clearTimeout(timer); timer = null; };
  return call;
}

/** Keeps one id per message in `ids` for selection; answers the counts by status of what is selected. */
export function countByStatus(messages) {
  const counts = {};
  for (const m of messages) counts[m.status] = (counts[m.status] ?? 0) + 1;
  return counts;
}

/** A random key for idempotent sends (crypto.randomUUID needs a secure context; a LAN address over http is not one). */
export function randomKey(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Every template (a few pages of 200 at most), for pickers. */
export async function loadTemplates(api) {
  const all = [];
  let cursor = null;
  for (let pageNo = 0; pageNo < 5; pageNo++) {
    const page = await api.get(`/api/v1/templates?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

/** Marks the field an API error names (aria-invalid, its message below it); answers true when one was found. */
export function showFieldError(form, err) {
  const field = err?.body?.error?.field;
  if (!field) return false;
  const input = form.querySelector(`[data-field="${field.split('.')[0]}"]`);
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  const hint = form.querySelector(`[data-error-for="${field.split('.')[0]}"]`);
  if (hint) {
    hint.textContent = err.message;
    hint.hidden = false;
  }
  input.focus();
  return true;
}

/** Clears what showFieldError marked. */
export function clearFieldErrors(form) {
  form.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('[data-error-for]').forEach((el) => { el.hidden = true; el.textContent = ''; });
}

/** A labelled form field: label, control, optional hint and a slot for its error. */
export function field(id, labelKey, control, { hint, name } = {}) {
  control.id = id;
  if (name) control.dataset.field = name;
  return h('div', { class: 'field' },
    h('label', { for: id, i18n: labelKey }),
    control,
    hint ? h('p', { class: 'field-hint', ...(typeof hint === 'string' ? { i18n: hint } : {}) }, typeof hint === 'string' ? null : hint) : null,
    name ? h('p', { class: 'field-error', 'data-error-for': name, role: 'alert', hidden: true }) : null);
}

/**
 * A bar segment `percent` wide. The width is set through the CSSOM: the hub's Content-Security-Policy allows no inline
 * style attributes.
 */
export function seg(className, percent) {
  const el = h('span', { class: className });
  el.style.width = `${Math.max(0, Math.min(100, percent || 0))}%`;
  return el;
}

/** Runs `work` with `button` disabled and marked busy, so a second click cannot send the same thing twice. */
export async function whileBusy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
