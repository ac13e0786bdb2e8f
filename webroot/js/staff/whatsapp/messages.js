// Pesan: message search (phone, status, batch, template, time range; all in the URL), the dead-letter and unknown
// lists with requeue and cancel, one by one or in bulk (checkboxes, "x", a sticky bar with counts), and each message's
// timeline at #/whatsapp/messages/<id>. Rows follow ui.wa: a status change of a message shown updates its row.
import { h, fmt, label, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import {
  CANCELLABLE, REQUEUEABLE, STATUSES, confirmAction, countByStatus, errorState, errorText, jakartaDate, loadTemplates, may,
  nextDay, normalisePhone, notice, pager, phoneText, priorityLabel, statusBadge,
} from './common.js';
import { renderDetail } from './message.js';

const PRESETS = [
  { id: 'all', status: null },
  { id: 'dead', status: 'failed,dead' },
  { id: 'unknown', status: 'unknown' },
  { id: 'waiting', status: 'queued,scheduled' },
];
const FILTERS = ['to', 'status', 'batchId', 'template', 'since', 'until'];

export async function render(root, ctx, page) {
  if (ctx.path[1]) return renderDetail(root, ctx, page, ctx.path[1]);

  const params = ctx.params;
  const canRequeue = may.requeue(ctx.can);
  const selected = new Map(); // id → message
  const rows = new Map(); // id → { message, tr }

  // Filters
  const to = h('input', { type: 'search', inputmode: 'tel', 'data-search': '', value: params.get('to') ?? '', placeholder: '0812…', autocomplete: 'off' });
  const status = h('select', {},
    h('option', { value: '', i18n: 'wa.messages.anyStatus' }),
    PRESETS.slice(1).map((p) => h('option', { value: p.status, i18n: `wa.messages.preset.${p.id}` })),
    STATUSES.map((s) => h('option', { value: s, text: label('console.status', s) })));
  const current = params.get('status') ?? '';
  if (current && ![...status.options].some((o) => o.value === current)) {
    status.append(h('option', { value: current, text: current.split(',').map((s) => label('console.status', s)).join(', ') }));
  }
  status.value = current;
  const batch = h('input', { type: 'text', value: params.get('batchId') ?? '', placeholder: 'uuid', autocomplete: 'off', spellcheck: false });
  const template = h('input', { type: 'text', value: params.get('template') ?? '', list: 'wa-template-names', autocomplete: 'off' });
  const templateNames = h('datalist', { id: 'wa-template-names' });
  const since = h('input', { type: 'date', value: params.get('since') ?? '' });
  const until = h('input', { type: 'date', value: params.get('until') ?? '' });
  const filterError = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const advanced = ['template', 'since', 'until', 'batchId'].some((f) => params.get(f));
  const more = h('div', { class: 'more-filters-body', id: 'wa-more-filters', hidden: !advanced },
    labelled('wa-f-template', 'wa.field.template', template), templateNames,
    labelled('wa-f-since', 'wa.field.since', since),
    labelled('wa-f-until', 'wa.field.until', until),
    labelled('wa-f-batch', 'wa.field.batch', batch));
  const moreToggle = h('button', { class: 'btn btn-ghost more-toggle', type: 'button', 'aria-controls': 'wa-more-filters',
    'aria-expanded': String(advanced), i18n: 'wa.messages.moreFilters',
    on: { click: () => { more.hidden = !more.hidden; moreToggle.setAttribute('aria-expanded', String(!more.hidden)); } } });
  const filterForm = h('form', { class: 'toolbar filters', role: 'search' },
    labelled('wa-f-to', 'wa.field.phone', to),
    labelled('wa-f-status', 'wa.field.status', status),
    more,
    h('div', { class: 'toolbar-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', i18n: 'wa.messages.search' }),
      moreToggle,
      h('button', { class: 'btn btn-ghost', type: 'button', i18n: 'wa.messages.clear', on: { click: clearFilters } })),
    filterError);
  const presetBar = h('div', { class: 'chips', role: 'group', 'aria-label': t('wa.messages.presets') },
    PRESETS.map((p) => h('a', { class: 'chip', href: `#/whatsapp/messages${p.status ? `?status=${p.status}` : ''}`,
      'aria-current': (p.status ?? '') === current && !FILTERS.some((f) => f !== 'status' && params.get(f)) ? 'true' : null,
      i18n: `wa.messages.preset.${p.id}` })));

  // The list and its bulk bar
  const result = h('div', { 'aria-live': 'polite' });
  const bulk = h('div', { class: 'bulk-bar', hidden: true, role: 'region', 'aria-label': t('wa.messages.bulk') });
  const body = h('tbody', {});
  const all = h('input', { type: 'checkbox', 'aria-label': t('wa.messages.selectAll') });
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data-table messages-table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'c-check' }, all),
      h('th', { scope: 'col', i18n: 'wa.messages.col.time' }),
      h('th', { scope: 'col', i18n: 'wa.messages.col.to' }),
      h('th', { scope: 'col', i18n: 'wa.messages.col.message' }),
      h('th', { scope: 'col', i18n: 'wa.messages.col.status' }),
      h('th', { scope: 'col', class: 'hide-narrow', i18n: 'wa.messages.col.device' }),
      h('th', { scope: 'col', class: 'num hide-narrow', i18n: 'wa.messages.col.attempts' }))),
    body));
  const listBox = h('div', {}, stateBlock('loading', 'common.loading'));
  const changed = h('div', { class: 'newer', hidden: true });
  root.append(presetBar, filterForm, changed, result, bulk, listBox);

  function filterQuery() {
    const q = new URLSearchParams();
    for (const f of FILTERS) {
      const v = params.get(f);
      if (!v) continue;
      if (f === 'until') q.set('until', nextDay(v)); // the page's "until" is the last day shown
      else q.set(f, v);
    }
    return q;
  }

  const paging = pager(
    (cursor) => {
      const q = filterQuery();
      q.set('limit', '50');
      if (cursor) q.set('cursor', cursor);
      return ctx.api.get(`/api/v1/messages?${q}`);
    },
    (items, append) => {
      if (!append) {
        body.replaceChildren();
        rows.clear();
        selected.clear();
      }
      items.forEach((m) => {
        const tr = row(m);
        rows.set(m.id, { message: m, tr });
        body.append(tr);
      });
      listBox.replaceChildren(rows.size ? table : emptyState());
      showBulk();
    },
    {
      onError: (err, first) => {
        if (first) listBox.replaceChildren(errorState(err, () => paging.reload()));
        else notice(result, 'error', errorText(err));
      },
    });
  paging.el.classList.add('with-bulk');
  root.append(paging.el);

  function emptyState() {
    const others = FILTERS.some((f) => f !== 'status' && params.get(f));
    const preset = { 'failed,dead': 'wa.messages.noDead', unknown: 'wa.messages.noUnknown' }[params.get('status')];
    return stateBlock('empty', preset && !others ? preset : FILTERS.some((f) => params.get(f)) ? 'wa.messages.noMatch' : 'wa.messages.none');
  }

  function row(m) {
    const check = h('input', { type: 'checkbox', 'data-select': '', 'aria-label': t('wa.messages.select', { to: phoneText(m.to) }),
      checked: selected.has(m.id), on: { change: () => { if (check.checked) selected.set(m.id, rows.get(m.id)?.message ?? m); else selected.delete(m.id); showBulk(); } } });
    const detailHref = `#/whatsapp/messages/${m.id}${location.hash.includes('?') ? `?${location.hash.split('?')[1]}` : ''}`;
    return h('tr', { 'data-row': '', dataset: { id: m.id }, class: selected.has(m.id) ? 'is-selected' : '' },
      h('td', { class: 'c-check' }, check),
      h('td', { class: 'nowrap c-time' }, h('time', { datetime: m.createdAt, text: fmt.dateTime(m.createdAt) })),
      h('td', { class: 'nowrap c-to' }, h('a', { href: detailHref, 'data-open': '', class: 'mono', text: phoneText(m.to) })),
      h('td', { class: 'message-cell' },
        m.template ? h('span', { class: 'badge badge-neutral', text: m.template }) : null, ' ',
        h('span', { class: 'snippet', text: m.text?.length > 120 ? `${m.text.slice(0, 120)}…` : m.text }),
        m.lastError && !['sent', 'delivered', 'read'].includes(m.status) ? h('span', { class: 'row-error', text: m.lastError }) : null),
      h('td', { class: 'c-status' }, statusBadge(m.status), m.priority !== 'normal' ? h('div', {}, priorityLabel(m.priority)) : null),
      h('td', { class: 'mono small hide-narrow', text: m.device ?? '—' }),
      h('td', { class: 'num hide-narrow', text: fmt.number(m.attempts) }));
  }

  function showBulk() {
    all.checked = rows.size > 0 && selected.size === rows.size;
    all.indeterminate = selected.size > 0 && selected.size < rows.size;
    for (const [id, { tr }] of rows) tr.classList.toggle('is-selected', selected.has(id));
    if (!selected.size) {
      bulk.hidden = true;
      return;
    }
    const list = [...selected.values()];
    const counts = countByStatus(list);
    const requeueable = list.filter((m) => REQUEUEABLE.has(m.status));
    const cancellable = list.filter((m) => CANCELLABLE.has(m.status));
    bulk.hidden = false;
    bulk.replaceChildren(
      h('strong', { i18n: ['wa.messages.selected', { n: fmt.number(selected.size) }] }),
      h('span', { class: 'bulk-counts muted' }, Object.entries(counts).map(([s, n]) => `${fmt.number(n)} ${label('console.status', s).toLowerCase()}`).join(' · ')),
      h('span', { class: 'bulk-actions' },
        canRequeue ? h('button', { class: 'btn btn-primary btn-small', type: 'button', disabled: !requeueable.length,
          i18n: ['wa.messages.requeueN', { n: fmt.number(requeueable.length) }], on: { click: () => bulkAction('requeue', requeueable) } }) : null,
        h('button', { class: 'btn btn-danger btn-small', type: 'button', disabled: !cancellable.length,
          i18n: ['wa.messages.cancelN', { n: fmt.number(cancellable.length) }], on: { click: () => bulkAction('cancel', cancellable) } }),
        h('button', { class: 'btn btn-ghost btn-small', type: 'button', i18n: 'wa.messages.unselect', on: { click: () => { selected.clear(); refreshChecks(); } } })));
  }

  function refreshChecks() {
    for (const [id, { tr }] of rows) tr.querySelector('[data-select]').checked = selected.has(id);
    showBulk();
  }

  async function bulkAction(kind, list) {
    const skipped = selected.size - list.length;
    const confirmed = await confirmAction({
      title: t(`wa.messages.${kind}Title`, { n: fmt.number(list.length) }),
      body: skipped ? t(`wa.messages.${kind}Skipped`, { n: fmt.number(skipped) }) : t(`wa.messages.${kind}Body`),
      confirm: t(`wa.messages.${kind}Confirm`),
      danger: kind === 'cancel',
    });
    if (!confirmed) return;
    bulk.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const answer = await ctx.api.post(`/api/v1/messages/${kind}`, { ids: list.map((m) => m.id) });
      const refused = answer.results.filter((r) => !r.ok);
      for (const r of answer.results) {
        if (r.ok) {
          update(r.id, { status: r.status });
          selected.delete(r.id);
        }
      }
      const done = answer.results.length - refused.length;
      notice(result, refused.length ? 'info' : 'ok', t(`wa.messages.${kind}Done`, { n: fmt.number(done) })
        + (refused.length ? ` ${t('wa.messages.refused', { n: fmt.number(refused.length) })}` : ''),
      refused.length ? h('ul', { class: 'refusals' }, refused.slice(0, 10).map((r) => h('li', {},
        h('a', { class: 'mono', href: `#/whatsapp/messages/${r.id}`, text: phoneText(rows.get(r.id)?.message.to ?? r.id) }), `: ${r.error.message}`))) : null);
      refreshChecks();
    } catch (err) {
      notice(result, 'error', errorText(err));
      showBulk();
    }
  }

  function update(id, changes) {
    const known = rows.get(id);
    if (!known) return;
    const message = { ...known.message, ...changes };
    const tr = row(message);
    // The keyboard's place (j/k) stays on the row while its message moves.
    const current = known.tr.classList.contains('row-current');
    const focused = document.activeElement === known.tr;
    if (current) tr.classList.add('row-current');
    known.tr.replaceWith(tr);
    if (focused) {
      tr.tabIndex = -1;
      tr.focus({ preventScroll: true });
    }
    rows.set(id, { message, tr });
    if (selected.has(id)) selected.set(id, message);
  }

  function clearFilters() {
    ctx.navigate('#/whatsapp/messages');
  }

  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    filterError.hidden = true;
    const phone = to.value.trim();
    if (phone && !normalisePhone(phone)) {
      filterError.textContent = t('wa.send.toInvalid');
      filterError.hidden = false;
      to.setAttribute('aria-invalid', 'true');
      return;
    }
    if (since.value && until.value && since.value > until.value) {
      filterError.textContent = t('wa.messages.badRange');
      filterError.hidden = false;
      return;
    }
    to.removeAttribute('aria-invalid');
    ctx.setParams({ to: phone ? normalisePhone(phone) : null, status: status.value || null, batchId: batch.value.trim() || null,
      template: template.value.trim() || null, since: since.value || null, until: until.value || null });
    presetBar.querySelectorAll('.chip').forEach((c) => c.removeAttribute('aria-current'));
    changed.hidden = true;
    paging.reload();
  });
  all.addEventListener('change', () => {
    if (all.checked) for (const [id, { message }] of rows) selected.set(id, message);
    else selected.clear();
    refreshChecks();
  });
  if (params.get('to')) to.value = phoneText(params.get('to'));

  // Live: rows shown follow their messages; messages not shown that may match are announced, not inserted.
  let unseen = 0;
  const wanted = () => (params.get('status') ? params.get('status').split(',') : null);
  const stop = ctx.bus.watch('ui.wa', {
    frame(frame) {
      for (const item of frame.data.feed ?? []) {
        if (item.kind !== 'message') continue;
        if (rows.has(item.id)) {
          update(item.id, { status: item.status, attempts: item.attempts, lastError: item.lastError, device: item.device });
          showBulk();
        } else if ((!wanted() || wanted().includes(item.status)) && (!params.get('to') || params.get('to') === item.to)
          && (!params.get('batchId') || params.get('batchId') === item.batchId) && !params.get('until')) {
          unseen++;
        }
      }
      if (unseen) {
        changed.hidden = false;
        changed.replaceChildren(h('button', { class: 'btn btn-secondary btn-small', type: 'button',
          i18n: ['wa.messages.newer', { n: fmt.number(unseen) }], on: { click: () => { unseen = 0; changed.hidden = true; paging.reload(); } } }));
      }
    },
  });

  page.actions([
    canRequeue && { id: 'wa.requeue.selected', label: t('wa.messages.action.requeueSelected'),
      run: () => bulkAction('requeue', [...selected.values()].filter((m) => REQUEUEABLE.has(m.status))) },
    { id: 'wa.cancel.selected', label: t('wa.messages.action.cancelSelected'),
      run: () => bulkAction('cancel', [...selected.values()].filter((m) => CANCELLABLE.has(m.status))) },
    { id: 'wa.select.all', label: t('wa.messages.action.selectAll'), run: () => { all.checked = true; all.dispatchEvent(new Event('change')); } },
    { id: 'wa.list.dead', label: t('wa.messages.action.dead'), run: () => ctx.navigate('#/whatsapp/messages?status=failed,dead') },
    { id: 'wa.list.unknown', label: t('wa.messages.action.unknown'), run: () => ctx.navigate('#/whatsapp/messages?status=unknown') },
    { id: 'wa.list.today', label: t('wa.messages.action.today'), run: () => ctx.navigate(`#/whatsapp/messages?since=${jakartaDate()}`) },
  ].filter(Boolean));

  loadTemplates(ctx.api).then((list) => templateNames.replaceChildren(...list.map((x) => h('option', { value: x.name })))).catch(() => {});
  await paging.reload();
  return stop;
}

function labelled(id, key, control) {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, i18n: key }), control);
}
