// The audit log (admins): who did what, when, from where. Filter by action (an area like "staff" takes in
// every staff action), by actor, by target (from a record's "whole history" link) and by WIB days; click an
// actor or an action in a row to narrow to it.
//   #/audit?action=&actor=&from=YYYY-MM-DD&to=YYYY-MM-DD&targetKind=&targetId=
import { h, fmt, label } from '../../dom.js';
import { api } from '../../api.js';
import { pagedList, toolbar, query, showListPage } from '../admin/list.js';
import { pageHead, rememberList, actionLabel, auditDetail, targetHref } from '../admin/common.js';

const AREAS = ['auth', 'customer', 'staff', 'token'];
const ACTIONS = ['auth.login', 'auth.login.failed', 'auth.logout', 'customer.created', 'customer.updated', 'staff.created',
  'staff.updated', 'staff.disabled', 'token.created', 'token.used', 'token.revoked'];

export default {
  title: 'console.nav.audit',
  dictionary: 'admin',
  async render(root, ctx) {
    ctx.actions([]);
    let target = { targetKind: ctx.params.get('targetKind') ?? '', targetId: ctx.params.get('targetId') ?? '' };
    const targetChip = h('div', { class: 'filter-chips' });
    const bar = toolbar({
      params: ctx.params,
      search: { name: 'actor', labelKey: 'admin.audit.actor', placeholderKey: 'admin.audit.actorHint' },
      filters: [
        { name: 'action', labelKey: 'admin.audit.action', type: 'text', attrs: { list: 'audit-actions', placeholder: 'staff, auth.login…', spellcheck: 'false' } },
        { name: 'from', labelKey: 'admin.audit.from', type: 'date' },
        { name: 'to', labelKey: 'admin.audit.to', type: 'date' },
      ],
      onChange(filters) { ctx.setParams(filters); rememberList('audit'); list.reload(); },
    });
    const showTarget = () => targetChip.replaceChildren(...(!(target.targetKind || target.targetId) ? [] : [h('span', { class: 'chip chip-filter' },
      h('span', { i18n: ['admin.audit.onlyTarget', { kind: label('admin.targetKind', target.targetKind || '?'), id: target.targetId || '—' }] }),
      h('button', { type: 'button', class: 'chip-remove', 'data-i18n-aria-label': 'admin.audit.removeTarget', text: '×', on: { click: () => {
        target = { targetKind: '', targetId: '' };
        ctx.setParams({ targetKind: null, targetId: null });
        showTarget();
        list.reload();
      } } }))]));

    const list = pagedList({
      load: (cursor) => api.get(query('/api/v1/audit', { ...apiFilters(bar.values()), ...target }, cursor)),
      columns: [
        { labelKey: 'admin.audit.what', primary: true, cell: (e) => h('span', { class: 'audit-what' },
          h('button', { type: 'button', class: `link-button audit-action action-${e.action.split('.')[0]}${e.action.endsWith('.failed') ? ' is-failure' : ''}`,
            title: e.action, text: actionLabel(e.action), on: { click: () => bar.set('action', e.action) } }),
          h('time', { datetime: e.at, class: 'muted', text: fmt.dateTime(e.at) })) },
        { labelKey: 'admin.audit.actor', cell: (e) => e.actorName
          ? h('button', { type: 'button', class: 'link-button mono', text: e.actorName, title: label('admin.actorKind', e.actorKind),
            on: { click: () => bar.set('actor', e.actorName) } })
          : h('span', { class: 'muted', text: label('admin.actorKind', e.actorKind) }) },
        { labelKey: 'admin.audit.target', cell: (e) => {
          if (!e.targetKind) return null;
          const text = `${label('admin.targetKind', e.targetKind)} #${e.targetId ?? '—'}`;
          const href = targetHref(e.targetKind, e.targetId);
          return href ? h('a', { href, 'data-open': '', text }) : text;
        } },
        { labelKey: 'admin.audit.detail', class: 'cell-detail', cell: (e) => auditDetail(e.detail) },
        { labelKey: 'admin.audit.ip', class: 'mono nowrap optional', cell: (e) => e.ip },
      ],
      empty: { key: 'admin.audit.empty' },
      filtered: () => bar.isFiltered() || Boolean(target.targetKind || target.targetId),
      onResetFilters: () => { target = { targetKind: '', targetId: '' }; ctx.setParams({ targetKind: null, targetId: null }); showTarget(); bar.reset(); },
    });

    const stop = showListPage(root, 'audit', { bar, list },
      pageHead('admin.audit.title', 'admin.audit.lead',
        h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.audit.refresh', on: { click: () => list.reload() } })),
      h('datalist', { id: 'audit-actions' },
        AREAS.map((a) => h('option', { value: a, label: label('admin.actionArea', a) })),
        ACTIONS.map((a) => h('option', { value: a, label: actionLabel(a) }))),
      bar.el, targetChip, list.el);
    showTarget();
    return stop;
  },
};

/** Days picked in WIB become the API's instants: from the start of `from` to the end of `to` (both inclusive). */
function apiFilters({ actor, action, from, to }) {
  let [first, last] = [from, to];
  if (first && last && first > last) [first, last] = [last, first];
  return {
    actor,
    action,
    from: first ? `${first}T00:00:00+07:00` : '',
    to: last ? `${nextDay(last)}T00:00:00+07:00` : '',
  };
}

function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
