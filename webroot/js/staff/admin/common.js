// What the administration pages (customers, staff, tokens, audit) share besides lists and forms: page
// headings, fact lists, phone numbers as people write them, the way back to a filtered list, and a record's
// history from the audit trail.
import { h, fmt, label, stateBlock } from '../../dom.js';
import { api } from '../../api.js';
import { apiMessage } from './form.js';

/** "6281230049644" → "0812-3004-9644", the way Indonesians write a mobile number. */
export function phone(digits) {
  if (!digits) return null;
  const local = digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
  return [local.slice(0, 4), local.slice(4, 8), local.slice(8)].filter(Boolean).join('-');
}

export function pageHead(titleKey, leadKey, ...actions) {
  return h('header', { class: 'page-head' },
    h('h1', { class: 'page-title', i18n: titleKey }),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null,
    leadKey ? h('p', { class: 'page-lead muted', i18n: leadKey }) : null);
}

/** The title of a detail page with the way back to the list as the reader left it (its filters). */
export function detailHead(page, backKey, title, ...actions) {
  return h('header', { class: 'page-head detail-head' },
    h('a', { class: 'back-link', href: listHref(page) }, h('span', { 'aria-hidden': 'true', text: '← ' }), h('span', { i18n: backKey })),
    h('h1', { class: 'page-title' }, title),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

/** A definition list of [labelKey, value] rows; a null value shows as "—". */
export function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(Boolean).map(([key, value]) =>
    h('div', {}, h('dt', { i18n: key }), h('dd', {}, value == null || value === '' ? '—' : value))));
}

export function card(titleKey, ...content) {
  return h('section', { class: 'card admin-card' }, titleKey ? h('h2', { i18n: titleKey }) : null, content);
}

export function badge(kind, text, i18nKey) {
  return h('span', { class: `badge badge-${kind}`, text: i18nKey ? null : text, i18n: i18nKey ?? null });
}

let pending = null;

/** A confirmation to show on the next page ("Tersimpan"), e.g. after a form sends the reader to the record. */
export function flash(key, params) {
  pending = { key, params };
}

/** The pending confirmation as an alert (once), or null. */
export function takeFlash() {
  const shown = pending;
  pending = null;
  return shown ? h('p', { class: 'alert alert-success flash', role: 'status', i18n: [shown.key, shown.params] }) : null;
}

const LIST_KEY = (page) => `aglis.admin.list.${page}`;

/** Remembers the list's URL (its filters) so a detail page's "back" returns to it. */
export function rememberList(page) {
  try { sessionStorage.setItem(LIST_KEY(page), location.hash); } catch { /* storage may be blocked */ }
}

export function listHref(page) {
  try {
    const saved = sessionStorage.getItem(LIST_KEY(page));
    if (saved?.startsWith(`#/${page}`)) return saved;
  } catch { /* storage may be blocked */ }
  return `#/${page}`;
}

/**
 * Loads a record of `page` for a detail page, showing loading and a designed error in `root`: a way back to the
 * list when the record does not exist, a retry otherwise.
 */
export async function loadRecord(root, page, path, render) {
  root.replaceChildren(stateBlock('loading', 'common.loading'));
  try {
    const record = await api.get(path);
    root.replaceChildren();
    render(record);
  } catch (err) {
    const { key, params } = apiMessage(err);
    root.replaceChildren(stateBlock('error', key, params, err?.status === 404
      ? h('a', { class: 'btn btn-secondary', href: listHref(page), i18n: 'admin.backToList' })
      : h('button', { type: 'button', class: 'btn btn-primary', i18n: 'common.retry', on: { click: () => loadRecord(root, page, path, render) } })));
  }
}

const ROLES = ['admin', 'supervisor', 'cs', 'noc', 'technician'];

/** A staff role's name, following language switches. */
export function roleName(role) {
  return ROLES.includes(role) ? h('span', { i18n: `role.${role}` }) : role;
}

export function actionLabel(action) {
  return label('admin.action', action);
}

/** An audit entry's detail as short "field: value" chips (a password change is only ever "changed"). */
export function auditDetail(detail) {
  const entries = Object.entries(detail ?? {});
  if (!entries.length) return null;
  return h('ul', { class: 'chips' }, entries.map(([k, v]) => h('li', { class: 'chip' },
    h('span', { class: 'muted', text: label('admin.detailField', k) }), ' ',
    h('span', { class: 'mono', text: v == null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v) }))));
}

/** Where an audit entry's target lives in the console, when it has a page. */
export function targetHref(kind, id) {
  if (!id) return null;
  if (kind === 'customer') return `#/customers/${encodeURIComponent(id)}`;
  if (kind === 'staff') return `#/staff/${encodeURIComponent(id)}`;
  if (kind === 'token') return `#/tokens/${encodeURIComponent(id)}`;
  return null;
}

/**
 * The last changes to one record, from the audit trail (admins only: the trail is theirs), with a link to
 * the whole history on the audit page.
 */
export function historyCard(kind, id) {
  const body = h('div', {}, stateBlock('loading', 'common.loading'));
  const section = card('admin.history.title', body,
    h('p', { class: 'card-foot' }, h('a', { href: `#/audit?targetKind=${encodeURIComponent(kind)}&targetId=${encodeURIComponent(id)}`, i18n: 'admin.history.all' })));
  api.get(`/api/v1/audit?targetKind=${encodeURIComponent(kind)}&targetId=${encodeURIComponent(id)}&limit=8`)
    .then(({ items }) => body.replaceChildren(items.length ? h('ol', { class: 'timeline' }, items.map((e) => h('li', {},
      h('time', { datetime: e.at, text: fmt.dateTime(e.at) }),
      h('span', {}, h('strong', { text: actionLabel(e.action) }), ' · ', h('span', { class: 'muted', text: e.actorName ?? '—' })),
      auditDetail(e.detail))))
      : stateBlock('empty', 'admin.history.none')))
    .catch((err) => {
      const { key, params } = apiMessage(err);
      body.replaceChildren(stateBlock('error', key, params));
    });
  return section;
}
