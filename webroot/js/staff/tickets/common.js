// What the tickets, installations and customer pages share: the vocabularies of docs/tickets.md (statuses,
// priorities, categories, SLA states, installation stages) as badges, who may do what, the SLA clock as people read
// it ("2 j 14 mnt lagi", red once breached), one ticker that keeps every clock on the page counting down, the
// customer picker of the new-ticket and new-installation forms, staff to assign, and image uploads.
import { h, fmt, stateBlock } from '../../dom.js';
import { currentLang, hasKey, locale, t } from '../../i18n.js';
import { api, ApiError } from '../../api.js';
import { apiMessage } from '../admin/form.js';
import { phone } from '../admin/common.js';

export const STATUSES = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed'];
/** The statuses a queue means by "open" (everything not yet resolved). */
export const ACTIVE = ['open', 'in_progress', 'waiting_customer'];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
export const CATEGORIES = ['gangguan', 'lambat', 'tagihan', 'pemasangan', 'lainnya'];
export const SLA_STATES = ['ok', 'warning', 'breached'];
export const SOURCES = ['portal', 'whatsapp', 'staff'];
export const STAGES = ['scheduled', 'survey', 'cabling', 'device_installed', 'activated'];
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** Who may do what, as the API's access checks decide it (hidden in the page, not only refused). */
export const may = {
  createTicket: (can) => can('admin', 'supervisor', 'cs', 'noc'),
  editTicket: (can) => can('admin', 'supervisor', 'cs', 'noc'),
  bulk: (can) => can('admin', 'supervisor', 'cs'),
  editCanned: (can) => can('admin', 'supervisor'),
  editHolidays: (can) => can('admin', 'supervisor'),
  summary: (can) => can('admin', 'supervisor', 'cs', 'noc'),
  liveTickets: (can) => can('admin', 'supervisor', 'cs', 'noc'),
  createInstallation: (can) => can('admin', 'supervisor', 'cs'),
  editInstallation: (can) => can('admin', 'supervisor', 'cs'),
  openCustomer: (can) => can('admin', 'supervisor', 'cs', 'noc'),
};

const STATUS_TONE = { open: 'warn', in_progress: 'info', waiting_customer: 'neutral', resolved: 'up', closed: 'neutral' };
const PRIORITY_TONE = { urgent: 'down', high: 'warn', normal: 'neutral', low: 'neutral' };
const SLA_TONE = { ok: 'up', warning: 'warn', breached: 'down' };

export function statusBadge(status) {
  return h('span', { class: `badge tk-status tk-status-${status} badge-${STATUS_TONE[status] ?? 'neutral'}`, ...named('tickets.status', status) });
}

export function priorityBadge(priority) {
  return h('span', { class: `badge tk-prio tk-prio-${priority} badge-${PRIORITY_TONE[priority] ?? 'neutral'}`, ...named('tickets.priority', priority) });
}

export function categoryLabel(category) {
  return h('span', { class: 'tk-category', ...named('tickets.category', category) });
}

export function stageBadge(stage) {
  return h('span', { class: `badge inst-stage inst-stage-${stage} ${stage === 'activated' ? 'badge-up' : 'badge-info'}`, ...named('inst.stage', stage) });
}

/** The translated name of a vocabulary's value (following language switches), or the value itself when unknown. */
function named(prefix, value) {
  return hasKey(`${prefix}.${value}`) ? { i18n: `${prefix}.${value}` } : { text: value ?? '—' };
}

/** A staff member as shown: "Rudi (rudi.cs)", or "Belum ditugaskan". */
export function assigneeText(assignee) {
  if (!assignee) return t('tickets.unassigned');
  return assignee.name && assignee.username ? `${assignee.name}` : (assignee.name ?? assignee.username);
}

export function customerLink(customer, can) {
  if (!customer) return h('span', { class: 'muted', text: '—' });
  const content = [h('span', { class: 'primary-name', text: customer.name ?? '—' }), h('span', { class: 'mono muted small', text: customer.customerNo ?? '' })];
  return may.openCustomer(can) && customer.id != null
    ? h('a', { class: 'customer-link', href: `#/customers/${customer.id}` }, content)
    : h('span', { class: 'customer-link' }, content);
}

export { phone };

// ---- the SLA clock ---------------------------------------------------------------------------------------------

/** "2 j 14 mnt" / "2 hr 14 min": the two largest units of a duration, in the reader's language. */
export function duration(seconds) {
  if (seconds == null || Number.isNaN(seconds)) return '—';
  const units = [['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]];
  let rest = Math.max(0, Math.round(Math.abs(seconds)));
  const parts = [];
  for (const [unit, size] of units) {
    if (rest >= size || (unit === 'second' && !parts.length)) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      // "4 hari 9 jam" reads better than Intl's short Indonesian "4 hr 9 j"; English keeps "4 days 9 hr".
      parts.push(new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: currentLang() === 'id' ? 'long' : 'short' }).format(n));
    }
    if (parts.length === 2 || (parts.length === 1 && (unit === 'day' || unit === 'hour') && rest < 60)) break;
  }
  return parts.join(' ');
}

/** "4 jam" / "1 hari 0 jam": a target in minutes. */
export function minutes(n) {
  return n == null ? '—' : duration(n * 60);
}

/**
 * Where a ticket's clock stands now: { state, left (seconds, negative once due), paused, met }. The hub's state, made
 * worse here when the due time passes between two updates (a row turns red on time, not on the next frame).
 */
export function clockOf(sla, now = Date.now()) {
  if (!sla) return { state: null, left: null, paused: false, met: true };
  if (sla.paused) return { state: sla.state, left: null, paused: true, met: false };
  const due = sla.dueAt ? Date.parse(sla.dueAt) : null;
  if (due == null) return { state: sla.state, left: null, paused: false, met: true };
  const left = Math.round((due - now) / 1000);
  return { state: left < 0 ? 'breached' : sla.state, left, paused: false, met: false };
}

/** One target (response or resolution) the same way. */
export function targetClock(target, paused, now = Date.now()) {
  if (!target) return { state: null, left: null };
  if (target.metAt) return { state: target.state, left: null, met: true };
  if (paused || !target.dueAt) return { state: target.state, left: null, paused: true };
  const left = Math.round((Date.parse(target.dueAt) - now) / 1000);
  return { state: left < 0 ? 'breached' : target.state, left };
}

/** The text of a clock: "2 j 14 mnt lagi", "lewat 12 mnt", "dijeda", "terpenuhi". */
export function clockText(clock) {
  if (clock.paused) return t('tickets.sla.paused');
  if (clock.met || clock.left == null) return t('tickets.sla.met');
  return clock.left < 0 ? t('tickets.sla.overdue', { time: duration(-clock.left) }) : t('tickets.sla.left', { time: duration(clock.left) });
}

/** A live SLA cell: the ticker keeps it current. */
export function slaClock(ticket) {
  const el = h('span', { class: 'sla-clock', 'data-sla-clock': '' });
  el.slaOf = () => clockOf(ticket.sla);
  paintClock(el);
  return el;
}

export function targetClockEl(target, paused) {
  const el = h('span', { class: 'sla-clock', 'data-sla-clock': '' });
  el.slaOf = () => targetClock(target, paused);
  paintClock(el);
  return el;
}

function paintClock(el) {
  const clock = el.slaOf();
  el.dataset.state = clock.paused ? 'paused' : clock.met ? 'met' : (clock.state ?? 'none');
  const text = clockText(clock);
  if (el.textContent !== text) el.textContent = text;
}

/** Keeps every clock under root counting down (and the "n menit lalu" times ageing); returns the stop function. */
export function startTicker(root) {
  const tick = () => {
    root.querySelectorAll('[data-sla-clock]').forEach((el) => { if (el.slaOf) paintClock(el); });
    root.querySelectorAll('[data-relative]').forEach((el) => { el.textContent = fmt.relative(el.dataset.relative); });
  };
  const timer = setInterval(tick, 1000);
  document.addEventListener('i18n:change', tick);
  return () => { clearInterval(timer); document.removeEventListener('i18n:change', tick); };
}

export function slaBadge(state) {
  if (!state) return null;
  return h('span', { class: `badge sla-badge sla-${state} badge-${SLA_TONE[state] ?? 'neutral'}`, ...named('tickets.slaState', state) });
}

// ---- lists ------------------------------------------------------------------------------------------------------

/** A list answer's cursor: docs/tickets.md says "next", the hub's other lists say "nextCursor". */
export function nextOf(page) {
  return page?.next ?? page?.nextCursor ?? null;
}

export function queryString(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && v != null) q.set(k, v);
  return q.toString();
}

/** A designed error block with a retry (or, for a 404 of the whole feature, the honest "not there yet"). */
export function errorBlock(err, retry, notFoundKey = null) {
  if (notFoundKey && err instanceof ApiError && err.status === 404) {
    return stateBlock('empty', notFoundKey, null,
      retry ? h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'common.retry', on: { click: retry } }) : null);
  }
  const { key, params } = errorOf(err);
  return stateBlock('error', key, params,
    retry ? h('button', { type: 'button', class: 'btn btn-primary', i18n: 'common.retry', on: { click: retry } }) : null);
}

/** An error's message: this area's words for the codes it knows, else the administration pages'. */
export function errorOf(err) {
  if (err instanceof ApiError && hasKey(`tickets.error.${err.code}`)) return { key: `tickets.error.${err.code}` };
  return apiMessage(err);
}

export function errorText(err) {
  const { key, params } = errorOf(err);
  return t(key, params);
}

// ---- staff to assign --------------------------------------------------------------------------------------------

let staffCache = null;

/**
 * Everyone who can be given work, from the staff directory every staff role reads (GET /api/v1/staff/directory:
 * active staff, names and roles only): [{ id, username, name, role }]. One request per page load, shared by every
 * picker; a failure is not kept, so the next picker asks again. Rejects with the ApiError.
 */
export function staffDirectory() {
  staffCache ??= api.get('/api/v1/staff/directory')
    .then((answer) => (answer?.items ?? []).map((s) => ({ id: s.id, username: s.username, name: s.name, role: s.role })))
    .catch((err) => { staffCache = null; throw err; });
  return staffCache;
}

/**
 * Fills an assignee select from the directory: "Memuat…" while it loads, then nobody / me / the others; when the
 * directory cannot be read, the select keeps me and the current assignee and onError(err) runs (the caller shows
 * it). Returns the directory promise (resolves with the list, or null on failure).
 */
export function fillAssignees(select, me, { current = null, seen = [], allowNone = true, onError = () => {} } = {}) {
  const wasDisabled = select.disabled;
  assigneeOptions(select, [], me, { current, seen, allowNone });
  select.disabled = true;
  select.setAttribute('aria-busy', 'true');
  return staffDirectory().then((staff) => {
    assigneeOptions(select, staff, me, { current: select.value || current, seen, allowNone });
    return staff;
  }, (err) => { onError(err); return null; })
    .finally(() => { select.disabled = wasDisabled; select.removeAttribute('aria-busy'); });
}

/** Options of an assignee select: nobody, me, then the others known (by name). */
export function assigneeOptions(select, staff, me, { current = null, seen = [], allowNone = true } = {}) {
  const byUser = new Map();
  for (const s of [...staff, ...seen]) if (s?.username && !byUser.has(s.username)) byUser.set(s.username, s);
  byUser.delete(me.username);
  const others = [...byUser.values()].sort((a, b) => (a.name ?? a.username).localeCompare(b.name ?? b.username));
  select.replaceChildren(
    allowNone ? h('option', { value: '', i18n: 'tickets.unassigned' }) : null,
    h('option', { value: me.username, text: `${me.name ?? me.username} (${t('tickets.assignee.me')})` }),
    ...others.map((s) => h('option', { value: s.username, text: s.role ? `${s.name ?? s.username} · ${t(`role.${s.role}`)}` : (s.name ?? s.username) })));
  if (current && ![...select.options].some((o) => o.value === current)) select.append(h('option', { value: current, text: current }));
  select.value = current ?? '';
  return select;
}

// ---- the customer picker ----------------------------------------------------------------------------------------

/**
 * Finds a customer by number, name or phone (GET /api/v1/customers?q=) and keeps the one chosen. A hidden input
 * `name` carries its id for the form; onPick(customer) runs when one is chosen.
 */
export function customerPicker({ name = 'customerId', labelKey = 'tickets.field.customer', initial = null, onPick = () => {} }) {
  const id = `f-${name}`;
  const hidden = h('input', { type: 'hidden', name, value: initial?.id ?? '' });
  const input = h('input', { type: 'search', id, autocomplete: 'off', maxlength: 100, role: 'combobox', 'aria-expanded': 'false',
    'aria-controls': `${id}-list`, 'aria-autocomplete': 'list', 'aria-describedby': `${id}-hint ${id}-error`,
    'data-i18n-placeholder': 'tickets.picker.placeholder', placeholder: t('tickets.picker.placeholder'), 'data-testid': 'customer-search' });
  const list = h('ul', { class: 'picker-list', id: `${id}-list`, role: 'listbox', hidden: true });
  const chosen = h('div', { class: 'picker-chosen', hidden: true });
  const status = h('p', { class: 'field-hint', id: `${id}-hint`, 'aria-live': 'polite', i18n: 'tickets.picker.hint' });
  let timer = 0;
  let results = [];
  let at = 0;
  let generation = 0;

  const pick = (c) => {
    hidden.value = String(c.id);
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.hidden = true;
    status.hidden = true;
    chosen.hidden = false;
    chosen.replaceChildren(
      h('span', { class: 'picker-name' }, h('strong', { text: c.name }), ' ', h('span', { class: 'mono muted', text: c.customerNo })),
      c.phone ? h('span', { class: 'mono muted small', text: phone(c.phone) }) : null,
      c.address ? h('span', { class: 'muted small', text: c.address }) : null,
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'tickets.picker.change', on: { click: clear } }));
    onPick(c);
  };
  const clear = () => {
    hidden.value = '';
    chosen.hidden = true;
    input.hidden = false;
    status.hidden = false;
    input.focus();
    onPick(null);
  };
  const paint = () => {
    list.replaceChildren(...results.map((c, i) => h('li', { role: 'option', id: `${id}-opt-${i}`, 'aria-selected': String(i === at),
      class: i === at ? 'is-active' : '', on: { mousedown: (e) => { e.preventDefault(); pick(c); } } },
    h('strong', { text: c.name }), ' ', h('span', { class: 'mono muted', text: c.customerNo }),
    c.phone ? h('span', { class: 'mono muted small', text: ` · ${phone(c.phone)}` }) : null)));
    list.hidden = !results.length;
    input.setAttribute('aria-expanded', String(!list.hidden));
    input.setAttribute('aria-activedescendant', results.length ? `${id}-opt-${at}` : '');
  };
  const search = async () => {
    const q = input.value.trim();
    const mine = ++generation;
    if (q.length < 2) { results = []; paint(); status.setAttribute('data-i18n', 'tickets.picker.hint'); status.textContent = t('tickets.picker.hint'); return; }
    status.textContent = t('common.loading');
    try {
      const page = await api.get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=8`);
      if (mine !== generation) return;
      results = page.items;
      at = 0;
      paint();
      status.textContent = results.length ? t('tickets.picker.found', { n: fmt.number(results.length) }) : t('tickets.picker.none');
    } catch (err) {
      if (mine !== generation) return;
      results = [];
      paint();
      status.textContent = errorText(err);
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 250); });
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); }, 150));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && results.length) { e.preventDefault(); at = Math.min(results.length - 1, at + 1); paint(); }
    else if (e.key === 'ArrowUp' && results.length) { e.preventDefault(); at = Math.max(0, at - 1); paint(); }
    else if (e.key === 'Enter') { e.preventDefault(); if (results[at]) pick(results[at]); else search(); }
    else if (e.key === 'Escape') { list.hidden = true; }
  });
  const el = h('div', { class: 'field customer-picker', dataset: { field: name } },
    h('label', { for: id }, h('span', { i18n: labelKey }), h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' })),
    hidden, input, chosen, list,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    status);
  if (initial) pick(initial);
  return { el, input, value: () => hidden.value, focus: () => (input.hidden ? chosen.querySelector('button')?.focus() : input.focus()) };
}

// ---- images -----------------------------------------------------------------------------------------------------

/** Whether a chosen file may be uploaded: null when it may, else the i18n key of why not. */
export function imageProblem(file) {
  if (!file) return null;
  if (!IMAGE_TYPES.includes(file.type)) return 'tickets.upload.badType';
  if (file.size > IMAGE_MAX_BYTES) return 'tickets.upload.tooBig';
  return null;
}

/** A thumbnail that opens the full image in a new tab. */
export function thumbnail(src, alt) {
  return h('a', { class: 'thumb', href: src, target: '_blank', rel: 'noopener' },
    h('img', { src, alt: alt ?? '', loading: 'lazy', decoding: 'async' }));
}

/** The area's stylesheet, added once and awaited, so a page never shows unstyled. */
export function stylesheet(href) {
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = h('link', { rel: 'stylesheet', href });
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
    document.head.append(link);
  });
}

/** Debounces fn: many frames in a burst make one request. */
export function debounce(fn, ms = 400) {
  let timer = 0;
  const run = (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  run.cancel = () => clearTimeout(timer);
  return run;
}

// ---- technicians ------------------------------------------------------------------------------------------------

/**
 * The technician of an installation: a select of the active technicians from the staff directory (the current one
 * kept even when no longer active), with its loading, "no technicians yet" and error (with a retry) states in the
 * field's hint line. name: the form field's name.
 */
export function technicianField({ name = 'technician', labelKey = 'inst.field.technician', current = null, me, hintKey = null }) {
  const id = `f-${name}`;
  const wrap = h('div', { class: 'field', dataset: { field: name } });
  const select = h('select', { id, name, 'aria-describedby': `${id}-error ${id}-status`, 'data-testid': 'technician-select' });
  const status = h('p', { class: 'field-hint', id: `${id}-status`, 'aria-live': 'polite' });
  wrap.append(h('label', { for: id, i18n: labelKey }), select, h('p', { class: 'field-error', id: `${id}-error`, hidden: true }), status);
  if (hintKey) wrap.append(h('p', { class: 'field-hint', i18n: hintKey }));
  const paint = (techs) => {
    const chosen = select.value || current?.username || '';
    const byUser = new Map(techs.map((s) => [s.username, s]));
    if (current?.username && !byUser.has(current.username)) byUser.set(current.username, current);
    select.replaceChildren(h('option', { value: '', i18n: 'inst.noTechnician' }),
      ...[...byUser.values()].sort((a, b) => (a.name ?? a.username).localeCompare(b.name ?? b.username))
        .map((s) => h('option', { value: s.username, text: s.username === me?.username ? `${s.name ?? s.username} (${t('tickets.assignee.me')})` : (s.name ?? s.username) })));
    select.value = chosen;
  };
  const load = () => {
    paint([]);
    select.disabled = true;
    select.setAttribute('aria-busy', 'true');
    status.replaceChildren(h('span', { i18n: 'inst.technicians.loading' }));
    staffDirectory().then((staff) => {
      const techs = staff.filter((s) => s.role === 'technician');
      paint(techs);
      status.replaceChildren(techs.length ? '' : h('span', { i18n: 'inst.technicians.none' }));
    }, (err) => {
      status.replaceChildren(h('span', { class: 'tk-bad', i18n: ['inst.technicians.failed', { message: errorText(err) }] }), ' ',
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'common.retry', on: { click: load } }));
    }).finally(() => { select.disabled = false; select.removeAttribute('aria-busy'); });
  };
  load();
  return wrap;
}
