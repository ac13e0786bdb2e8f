// The ticket queue: filters in the URL (status, priority, category, assignee incl. "me"/"none", SLA state, search,
// a customer), saved views (the staff member's own, GET/POST/DELETE /tickets/views), a summary strip (by SLA,
// unassigned, mine) that filters on a click, each row's SLA time left counting down (amber on warning, red once
// breached), bulk assign and bulk close (checkboxes, "x", the palette), and live from ui.tickets: a frame's ticket is
// inserted, replaced, or dropped when it no longer matches the filters, and the summary is fetched again.
// Technicians see their own tickets (the API filters) and no stream: their list refreshes every minute.
import { fill, h, fmt, stateBlock } from '../../dom.js';
import { setText, t } from '../../i18n.js';
import { confirmDialog, openDialog } from '../admin/dialog.js';
import { toolbar } from '../admin/list.js';
import { pageHead, rememberList } from '../admin/common.js';
import {
  ACTIVE, CATEGORIES, PRIORITIES, SLA_STATES, STATUSES, assigneeText, categoryLabel, customerLink, debounce,
  errorBlock, errorText, fillAssignees, may, nextOf, priorityBadge, queryString, slaClock, staffDirectory, startTicker, statusBadge,
} from './common.js';

const PAGE_SIZE = 50;
const FRESH_MS = 2_500;
const POLL_MS = 60_000;
/** Views everyone has, before their own saved ones. */
const PRESETS = [
  { id: 'open', key: 'tickets.view.open', filters: {} },
  { id: 'mine', key: 'tickets.view.mine', filters: { assignee: 'me' } },
  { id: 'unassigned', key: 'tickets.view.unassigned', filters: { assignee: 'none' } },
  { id: 'breached', key: 'tickets.view.breached', filters: { sla: 'breached' } },
];
const FILTER_NAMES = ['q', 'status', 'priority', 'category', 'assignee', 'sla'];

export async function render(root, ctx, page) {
  const { me, can } = ctx;
  const canBulk = may.bulk(can);
  const seesSummary = may.summary(can);
  const live = may.liveTickets(can);
  let customerId = ctx.params.get('customerId') ?? '';
  let items = [];
  let next = null;
  let generation = 0;
  let loaded = false;
  const rows = new Map(); // id → { ticket, tr }
  const selected = new Set();

  rememberList('tickets');
  const setParams = (changes) => { ctx.setParams(changes); rememberList('tickets'); };

  // ---- filters --------------------------------------------------------------------------------------------------
  const bar = toolbar({
    params: ctx.params,
    search: { name: 'q', labelKey: 'tickets.filter.search', placeholderKey: 'tickets.filter.searchHint' },
    filters: [
      { name: 'status', labelKey: 'tickets.field.status', type: 'select',
        options: [['', 'tickets.filter.active'], ['all', 'tickets.filter.allStatuses'], ...STATUSES.map((s) => [s, `tickets.status.${s}`])] },
      { name: 'priority', labelKey: 'tickets.field.priority', type: 'select',
        options: [['', 'tickets.filter.any'], ...PRIORITIES.map((p) => [p, `tickets.priority.${p}`])] },
      { name: 'category', labelKey: 'tickets.field.category', type: 'select',
        options: [['', 'tickets.filter.any'], ...CATEGORIES.map((c) => [c, `tickets.category.${c}`])] },
      { name: 'assignee', labelKey: 'tickets.field.assignee', type: 'select',
        options: [['', 'tickets.filter.anyone'], ['me', 'tickets.assignee.me'], ['none', 'tickets.unassigned']] },
      { name: 'sla', labelKey: 'tickets.field.sla', type: 'select',
        options: [['', 'tickets.filter.any'], ...SLA_STATES.map((s) => [s, `tickets.slaState.${s}`])] },
    ],
    onChange(values) {
      setParams(values);
      paintFilterToggle();
      paintViews();
      paintStrip();
      reload();
    },
  });
  const assigneeSelect = bar.el.querySelector('#filter-assignee');
  // On a phone the filters fold away behind one button (the search stays), so the queue itself is in view.
  const filterToggle = h('button', { type: 'button', class: 'btn btn-secondary btn-small tk-filter-toggle', 'aria-expanded': 'false',
    on: { click: () => { const open = bar.el.classList.toggle('show-filters'); filterToggle.setAttribute('aria-expanded', String(open)); } } });
  const paintFilterToggle = () => {
    const n = FILTER_NAMES.filter((k) => k !== 'q' && bar.values()[k]).length;
    setText(filterToggle, n ? 'tickets.filter.toggleCount' : 'tickets.filter.toggle', { n: fmt.number(n) });
  };
  bar.el.querySelector('.toolbar-search').after(filterToggle);
  if (!can('technician')) {
    // Anyone in the directory (every role may be given a ticket), by name; a username in the URL that is no longer
    // there (disabled since) stays selectable as it is.
    const wanted = ctx.params.get('assignee') ?? '';
    const paintAssigneeFilter = (staff) => {
      const value = assigneeSelect.value || wanted;
      assigneeSelect.querySelectorAll('option[data-person]').forEach((o) => o.remove());
      const people = staff.filter((x) => x.username !== me.username).sort((a, b) => (a.name ?? a.username).localeCompare(b.name ?? b.username));
      for (const s of people) assigneeSelect.append(h('option', { value: s.username, 'data-person': '', text: `${s.name ?? s.username} · ${t(`role.${s.role}`)}` }));
      if (value && ![...assigneeSelect.options].some((o) => o.value === value)) assigneeSelect.append(h('option', { value, 'data-person': '', text: value }));
      assigneeSelect.value = value;
    };
    paintAssigneeFilter([]);
    staffDirectory().then(paintAssigneeFilter, () => {
      // The filter still offers anyone, me and nobody; the bulk bar and the ticket page say what failed.
    });
  } else {
    // A technician's list holds only their own tickets: the assignee filter says nothing.
    assigneeSelect.closest('.field').hidden = true;
  }

  const filters = () => ({ ...bar.values(), customerId });
  const apiFilters = (f = filters()) => {
    const out = { ...f };
    if (!out.status) out.status = ACTIVE.join(',');
    else if (out.status === 'all') delete out.status;
    return out;
  };

  const customerChip = h('div', { class: 'chips filter-chips' });
  const paintCustomerChip = (customer) => {
    if (!customerId) { customerChip.replaceChildren(); return; }
    customerChip.replaceChildren(h('span', { class: 'chip chip-filter' },
      h('span', { i18n: ['tickets.filter.customer', { customer: customer ? `${customer.name} · ${customer.customerNo}` : `#${customerId}` }] }),
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': t('tickets.filter.customerClear'), text: '×',
        on: { click: () => { customerId = ''; setParams({ customerId: null }); paintCustomerChip(null); reload(); } } })));
  };
  if (customerId) {
    paintCustomerChip(null);
    ctx.api.get(`/api/v1/customers/${encodeURIComponent(customerId)}`).then(paintCustomerChip).catch(() => {});
  }

  // ---- saved views ----------------------------------------------------------------------------------------------
  const views = h('div', { class: 'tk-views', role: 'group', 'data-i18n-aria-label': 'tickets.view.label', 'aria-label': t('tickets.view.label') });
  let saved = [];
  const sameFilters = (a) => {
    const now = bar.values();
    return FILTER_NAMES.every((k) => (a[k] ?? '') === (now[k] ?? ''));
  };
  const applyView = (viewFilters) => {
    for (const name of FILTER_NAMES) bar.set(name, viewFilters[name] ?? '');
  };
  // A saved view keeps the API's own query parameters (docs/tickets.md), the page's '' ("all open") and 'all' (any
  // status) put in its terms: no status is any status.
  const toApiView = (f) => {
    const out = Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== '' && FILTER_NAMES.includes(k)));
    if (!f.status) out.status = ACTIVE.join(',');
    else if (f.status === 'all') delete out.status;
    return out;
  };
  const fromApiView = (f = {}) => {
    const out = { ...f };
    if (!f.status) out.status = 'all';
    else if (f.status === ACTIVE.join(',')) out.status = '';
    return out;
  };
  function paintViews() {
    fill(views,
      h('span', { class: 'tk-views-label muted', i18n: 'tickets.view.label' }),
      PRESETS.filter((v) => !(can('technician') && v.filters.assignee)).map((v) => h('button', { type: 'button', class: 'chip chip-button',
        'aria-pressed': String(sameFilters(v.filters)), 'data-view': v.id, i18n: v.key, on: { click: () => applyView(v.filters) } })),
      saved.map((v) => h('span', { class: 'chip tk-saved-view', 'data-saved-view': String(v.id) },
        h('button', { type: 'button', class: 'chip-button-plain', 'aria-pressed': String(sameFilters(fromApiView(v.filters))), text: v.name,
          on: { click: () => applyView(fromApiView(v.filters)) } }),
        h('button', { type: 'button', class: 'chip-remove', 'aria-label': t('tickets.view.delete', { name: v.name }), text: '×',
          on: { click: () => deleteView(v) } }))),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'save-view', i18n: 'tickets.view.save', on: { click: saveView } }));
  }
  async function loadViews() {
    try {
      const answer = await ctx.api.get('/api/v1/tickets/views');
      saved = Array.isArray(answer) ? answer : (answer?.items ?? []);
    } catch {
      saved = [];
    }
    paintViews();
  }
  async function saveView() {
    const f = toApiView(bar.values());
    const name = await openDialog((close) => {
      const input = h('input', { id: 'tk-view-name', name: 'name', required: true, maxlength: 60, autocomplete: 'off', autofocus: true });
      const error = h('p', { class: 'field-error', hidden: true });
      return h('form', { class: 'dialog-body', on: { submit: (e) => {
        e.preventDefault();
        if (!input.value.trim()) { error.hidden = false; setText(error, 'admin.error.required'); input.focus(); return; }
        close(input.value.trim());
      } } },
      h('h2', { i18n: 'tickets.view.saveTitle' }),
      h('p', { class: 'muted', i18n: 'tickets.view.saveBody' }),
      h('div', { class: 'field' }, h('label', { for: 'tk-view-name', i18n: 'tickets.view.name' }), input, error),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close(null) } }),
        h('button', { type: 'submit', class: 'btn btn-primary', i18n: 'tickets.view.saveConfirm' })));
    });
    if (!name) return;
    try {
      await ctx.api.post('/api/v1/tickets/views', { name, filters: f });
      await loadViews();
      notice('ok', 'tickets.view.saved', { name });
    } catch (err) {
      notice('error', 'tickets.view.saveFailed', { message: errorText(err) });
    }
  }
  async function deleteView(v) {
    if (!(await confirmDialog({ titleKey: 'tickets.view.deleteTitle', confirmKey: 'tickets.view.deleteConfirm', params: { name: v.name }, danger: true }))) return;
    try {
      await ctx.api.del(`/api/v1/tickets/views/${encodeURIComponent(v.id)}`);
      saved = saved.filter((x) => x.id !== v.id);
      paintViews();
    } catch (err) {
      notice('error', 'tickets.view.deleteFailed', { message: errorText(err) });
    }
  }

  // ---- summary strip --------------------------------------------------------------------------------------------
  const strip = h('div', { class: 'tk-strip', hidden: !seesSummary, 'data-testid': 'ticket-summary' });
  let summary = null;
  const STRIP = [
    { id: 'breached', key: 'tickets.strip.breached', tone: 'down', value: (s) => s.bySla?.breached, filters: { sla: 'breached' } },
    { id: 'warning', key: 'tickets.strip.warning', tone: 'warn', value: (s) => s.bySla?.warning, filters: { sla: 'warning' } },
    { id: 'ok', key: 'tickets.strip.ok', tone: 'up', value: (s) => s.bySla?.ok, filters: { sla: 'ok' } },
    { id: 'unassigned', key: 'tickets.strip.unassigned', tone: 'neutral', value: (s) => s.unassigned, filters: { assignee: 'none' } },
    { id: 'mine', key: 'tickets.strip.mine', tone: 'primary', value: (s) => s.mine, filters: { assignee: 'me' } },
  ];
  function paintStrip() {
    if (!seesSummary) return;
    strip.replaceChildren(...STRIP.map((s) => {
      const n = summary ? s.value(summary) : null;
      return h('button', { type: 'button', class: 'tk-strip-item', 'data-tone': s.tone, 'data-strip': s.id,
        'aria-pressed': String(sameFilters(s.filters)), disabled: !summary,
        on: { click: () => applyView(sameFilters(s.filters) ? {} : s.filters) } },
      h('span', { class: 'tk-strip-n', text: n == null ? '–' : fmt.number(n) }),
      h('span', { class: 'tk-strip-label', i18n: s.key }));
    }));
  }
  const refreshSummary = debounce(async () => {
    try {
      summary = await ctx.api.get('/api/v1/tickets/summary');
    } catch {
      // the strip keeps its last counts; the next frame tries again
    }
    paintStrip();
  }, 500);

  // ---- the table ------------------------------------------------------------------------------------------------
  const notices = h('div', { class: 'tk-notice', 'aria-live': 'polite' });
  const notice = (kind, key, params, ...extra) => notices.replaceChildren(h('div', {
    class: `alert alert-${kind === 'error' ? 'error' : kind === 'ok' ? 'success' : 'info'}`, role: kind === 'error' ? 'alert' : 'status' },
  h('p', { i18n: [key, params] }), ...extra,
  h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'admin.close', on: { click: () => notices.replaceChildren() } })));

  const bulk = h('div', { class: 'bulk-bar', hidden: true, role: 'region', 'data-i18n-aria-label': 'admin.bulk.region', 'data-testid': 'bulk-bar' });
  const selectAll = canBulk ? h('input', { type: 'checkbox', 'data-i18n-aria-label': 'admin.bulk.selectAll', 'aria-label': t('admin.bulk.selectAll'),
    on: { change: () => { items.forEach((tk) => (selectAll.checked ? selected.add(tk.id) : selected.delete(tk.id))); paintSelection(); } } }) : null;
  const body = h('tbody');
  const counts = h('p', { class: 'tk-counts muted' });
  const table = h('div', { class: 'table-wrap', hidden: true }, h('table', { class: 'data-table stackable tk-table', 'data-testid': 'ticket-queue' },
    h('thead', {}, h('tr', {},
      canBulk ? h('th', { scope: 'col', class: 'cell-select' }, selectAll) : null,
      h('th', { scope: 'col', i18n: 'tickets.col.ticket' }),
      h('th', { scope: 'col', i18n: 'tickets.col.customer' }),
      h('th', { scope: 'col', i18n: 'tickets.col.priority' }),
      h('th', { scope: 'col', i18n: 'tickets.col.status' }),
      h('th', { scope: 'col', i18n: 'tickets.col.assignee' }),
      h('th', { scope: 'col', i18n: 'tickets.col.sla' }))),
    body));
  const state = h('div', { class: 'list-state' }, stateBlock('loading', 'common.loading'));
  const more = h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.list.more', on: { click: () => fetchMore() } });
  const moreError = h('span', { class: 'list-more-error', role: 'alert' });
  const foot = h('div', { class: 'list-foot', hidden: true }, counts, more, moreError);

  const cell = (labelKey, className, ...content) => h('td', { class: className },
    h('span', { class: 'cell-label', i18n: labelKey, 'aria-hidden': 'true' }), h('span', { class: 'cell-value' }, ...content));

  function row(tk) {
    const check = canBulk ? h('input', { type: 'checkbox', 'data-select': '', checked: selected.has(tk.id),
      'aria-label': t('tickets.select', { number: tk.number }),
      on: { change: () => { if (check.checked) selected.add(tk.id); else selected.delete(tk.id); paintSelection(); } } }) : null;
    const clock = tk.sla ? slaClock(tk) : h('span', { class: 'muted', text: '—' });
    return h('tr', { 'data-row': '', 'data-testid': 'ticket-row', dataset: { id: String(tk.id), number: tk.number, status: tk.status,
      sla: tk.sla?.state ?? '' }, class: selected.has(tk.id) ? 'is-selected' : null },
    canBulk ? h('td', { class: 'cell-select' }, check) : null,
    h('td', { class: 'cell-primary tk-cell-ticket' },
      h('a', { href: `#/tickets/${tk.id}`, 'data-open': '', 'data-testid': 'ticket-open' },
        h('span', { class: 'mono muted tk-number', text: tk.number }),
        h('span', { class: 'primary-name tk-subject', text: tk.subject })),
      h('span', { class: 'tk-meta muted small' }, categoryLabel(tk.category), ' · ', h('span', { i18n: `tickets.source.${tk.source}` }), ' · ',
        h('span', { 'data-relative': tk.updatedAt, title: `${t('tickets.col.updated')} ${fmt.dateTime(tk.updatedAt)}`, text: fmt.relative(tk.updatedAt) }))),
    cell('tickets.col.customer', 'tk-cell-customer', customerLink(tk.customer, can)),
    cell('tickets.col.priority', 'nowrap', priorityBadge(tk.priority)),
    cell('tickets.col.status', 'nowrap', statusBadge(tk.status)),
    cell('tickets.col.assignee', 'tk-cell-assignee', tk.assignee
      ? h('span', { text: assigneeText(tk.assignee), title: tk.assignee.username })
      : h('span', { class: 'muted', i18n: 'tickets.unassigned' })),
    cell('tickets.col.sla', 'nowrap tk-cell-sla', clock));
  }

  function paint(changed = []) {
    const focused = document.activeElement;
    const nodes = items.map((tk) => {
      const known = rows.get(tk.id);
      if (known && known.ticket === tk && !known.stale) return known.tr;
      const tr = row(tk);
      if (known?.tr.classList.contains('row-current')) tr.classList.add('row-current');
      if (known && known.tr.contains(focused)) { tr.tabIndex = -1; queueMicrotask(() => tr.focus({ preventScroll: true })); }
      if (changed.includes(tk.id)) { tr.classList.add('is-fresh'); setTimeout(() => tr.classList.remove('is-fresh'), FRESH_MS); }
      rows.set(tk.id, { ticket: tk, tr });
      return tr;
    });
    for (const id of [...rows.keys()]) if (!items.some((tk) => tk.id === id)) rows.delete(id);
    for (const id of [...selected]) if (!rows.has(id)) selected.delete(id);
    const same = nodes.length === body.children.length && nodes.every((n, i) => body.children[i] === n);
    if (!same) body.replaceChildren(...nodes);
    table.hidden = !items.length;
    foot.hidden = !items.length;
    more.hidden = !next;
    setText(counts, next ? 'admin.list.shown' : 'admin.list.shownAll', { n: fmt.number(items.length) });
    paintSelection();
    if (!loaded) return;
    if (items.length) state.replaceChildren();
    else if (bar.isFiltered() || customerId) {
      state.replaceChildren(stateBlock('empty', 'tickets.queue.noMatch', null,
        h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.filter.reset', on: { click: () => bar.reset() } })));
    } else {
      state.replaceChildren(stateBlock('empty', can('technician') ? 'tickets.queue.noneMine' : 'tickets.queue.none', null,
        may.createTicket(can) ? h('a', { class: 'btn btn-secondary', href: '#/tickets/new', i18n: 'tickets.action.new' }) : null));
    }
  }

  function paintSelection() {
    if (!canBulk) return;
    for (const [id, { tr }] of rows) {
      tr.classList.toggle('is-selected', selected.has(id));
      const box = tr.querySelector('[data-select]');
      if (box) box.checked = selected.has(id);
    }
    selectAll.checked = items.length > 0 && items.every((tk) => selected.has(tk.id));
    selectAll.indeterminate = !selectAll.checked && items.some((tk) => selected.has(tk.id));
    if (!selected.size) { bulk.hidden = true; return; }
    bulk.hidden = false;
    if (!bulk.firstChild) buildBulk();
    setText(bulk.querySelector('[data-bulk-count]'), 'admin.bulk.selected', { n: fmt.number(selected.size) });
  }

  function buildBulk() {
    const select = h('select', { id: 'tk-bulk-assignee', 'data-testid': 'bulk-assignee' });
    fillAssignees(select, me, { current: me.username,
      onError: (err) => notice('error', 'tickets.assignee.directoryFailed', { message: errorText(err) }) });
    fill(bulk,
      h('strong', { 'data-bulk-count': '' }),
      h('label', { for: 'tk-bulk-assignee', class: 'visually-hidden', i18n: 'tickets.bulk.assignTo' }),
      select,
      h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-bulk': 'assign', 'data-testid': 'bulk-assign', i18n: 'tickets.bulk.assign',
        on: { click: () => bulkAssign(select.value || null) } }),
      h('button', { type: 'button', class: 'btn btn-danger-outline btn-small', 'data-bulk': 'close', 'data-testid': 'bulk-close', i18n: 'tickets.bulk.close',
        on: { click: () => bulkClose() } }),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'admin.bulk.clear', on: { click: () => { selected.clear(); paintSelection(); } } }),
      h('span', { class: 'muted small bulk-keys hide-narrow', i18n: 'tickets.bulk.keys' }));
  }

  async function bulkAct(path, body, doneKey) {
    const ids = [...selected];
    if (!ids.length) return;
    bulk.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    notice('info', 'tickets.bulk.working');
    try {
      const answer = await ctx.api.post(path, { ids, ...body });
      const updated = answer?.updated ?? [];
      const skipped = answer?.skipped ?? [];
      updated.forEach((id) => selected.delete(id));
      const numberOf = (id) => rows.get(id)?.ticket.number ?? `#${id}`;
      notice(skipped.length ? 'info' : 'ok', skipped.length ? `${doneKey}Partly` : doneKey,
        { n: fmt.number(updated.length), skipped: fmt.number(skipped.length) },
        skipped.length ? h('p', { class: 'small' }, h('span', { i18n: 'tickets.bulk.skippedList' }), ' ',
          h('span', { class: 'mono', text: skipped.map(numberOf).join(', ') })) : null);
      // The stream brings the changed tickets; a technician's or a stream-less page reads them again.
      if (!live || !streamReady) reload();
    } catch (err) {
      notice('error', 'tickets.bulk.failed', { message: errorText(err) });
    } finally {
      bulk.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      paintSelection();
    }
  }
  const bulkAssign = (assignee) => bulkAct('/api/v1/tickets/bulk/assign', { assignee }, 'tickets.bulk.assigned');
  async function bulkClose() {
    const n = selected.size;
    if (!n || !(await confirmDialog({ titleKey: 'tickets.bulk.closeTitle', bodyKey: 'tickets.bulk.closeBody', confirmKey: 'tickets.bulk.closeConfirm',
      params: { n: fmt.number(n) }, danger: true }))) return;
    await bulkAct('/api/v1/tickets/bulk/close', {}, 'tickets.bulk.closed');
  }

  // ---- loading ---------------------------------------------------------------------------------------------------
  async function reload() {
    const mine = ++generation;
    if (!items.length) { state.replaceChildren(stateBlock('loading', 'common.loading')); table.hidden = true; }
    else table.classList.add('is-refreshing');
    try {
      const answer = await ctx.api.get(`/api/v1/tickets?${queryString({ ...apiFilters(), limit: PAGE_SIZE })}`);
      if (mine !== generation) return;
      items = answer.items ?? [];
      next = nextOf(answer);
      loaded = true;
      paint();
    } catch (err) {
      if (mine !== generation) return;
      items = [];
      loaded = false;
      paint();
      state.replaceChildren(errorBlock(err, reload, 'tickets.queue.unavailable'));
    } finally {
      if (mine === generation) table.classList.remove('is-refreshing');
    }
  }

  async function fetchMore() {
    const mine = generation;
    moreError.replaceChildren();
    more.disabled = true;
    try {
      const answer = await ctx.api.get(`/api/v1/tickets?${queryString({ ...apiFilters(), limit: PAGE_SIZE, cursor: next })}`);
      if (mine !== generation) return;
      const known = new Set(items.map((tk) => tk.id));
      items = items.concat((answer.items ?? []).filter((tk) => !known.has(tk.id)));
      next = nextOf(answer);
      paint();
    } catch (err) {
      setText(moreError, 'tickets.error.more', { message: errorText(err) });
    } finally {
      more.disabled = false;
    }
  }

  // ---- live ------------------------------------------------------------------------------------------------------
  /** Whether a ticket belongs in this list, as the API's filters would decide it. */
  function matches(tk) {
    const f = apiFilters();
    if (f.status && !f.status.split(',').includes(tk.status)) return false;
    if (f.priority && tk.priority !== f.priority) return false;
    if (f.category && tk.category !== f.category) return false;
    if (f.assignee === 'none' && tk.assignee) return false;
    if (f.assignee === 'me' && tk.assignee?.username !== me.username) return false;
    if (f.assignee && f.assignee !== 'me' && f.assignee !== 'none' && tk.assignee?.username !== f.assignee) return false;
    if (f.sla && tk.sla?.state !== f.sla) return false;
    if (f.customerId && String(tk.customer?.id) !== String(f.customerId)) return false;
    if (f.q) {
      const text = [tk.number, tk.subject, tk.customer?.name, tk.customer?.customerNo, tk.customer?.phone].filter(Boolean).join(' ').toLowerCase();
      if (!f.q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => text.includes(w))) return false;
    }
    return true;
  }

  const newestFirst = (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id;

  function applyChanges(changes) {
    const changed = [];
    for (const change of changes) {
      const tk = change.ticket;
      if (!tk) continue;
      const at = items.findIndex((x) => x.id === tk.id);
      if (matches(tk)) {
        if (at >= 0) items[at] = tk;
        else {
          // A ticket older than the last one loaded belongs to a page not fetched yet.
          const last = items[items.length - 1];
          if (next && last && newestFirst(tk, last) > 0) continue;
          items.push(tk);
        }
        changed.push(tk.id);
      } else if (at >= 0) {
        items.splice(at, 1);
      }
    }
    items.sort(newestFirst);
    paint(changed);
  }

  let streamReady = false;
  const stops = [];
  if (live) {
    stops.push(ctx.bus.watch('ui.tickets', {
      snapshot(frame) {
        streamReady = true;
        // The stream's summary is everyone's: "mine" stays this person's own count until /summary answers again.
        if (frame.data?.summary) summary = { ...frame.data.summary, mine: frame.data.summary.mine ?? summary?.mine };
        paintStrip();
        refreshSummary();
        // A snapshot after a reconnect: what changed meanwhile is read again.
        if (loaded) reload();
      },
      frame(frame) {
        applyChanges(frame.data?.changes ?? []);
        refreshSummary();
      },
      denied() {
        streamReady = false;
        if (seesSummary) refreshSummary();
      },
    }));
  } else {
    const poll = setInterval(reload, POLL_MS);
    stops.push(() => clearInterval(poll));
  }
  if (seesSummary) refreshSummary();

  // ---- the page --------------------------------------------------------------------------------------------------
  const head = pageHead('tickets.title', 'tickets.lead',
    h('a', { class: 'btn btn-ghost', href: '#/tickets/canned', i18n: 'tickets.canned.title' }),
    h('a', { class: 'btn btn-ghost', href: '#/tickets/sla', 'data-testid': 'ticket-sla-link', i18n: 'tickets.slaPage.link' }),
    may.createTicket(can) ? h('a', { class: 'btn btn-primary', href: `#/tickets/new${customerId ? `?customerId=${encodeURIComponent(customerId)}` : ''}`,
      'data-testid': 'ticket-new', i18n: 'tickets.action.new' }) : null);
  root.append(head, strip, views, bar.el, customerChip, notices, bulk, table, state, foot);
  paintStrip();
  paintViews();
  paintFilterToggle();
  loadViews();
  const stopTicker = startTicker(root);
  const relabel = () => { rows.forEach((entry) => { entry.stale = true; }); paint(); paintViews(); paintStrip(); };
  document.addEventListener('i18n:change', relabel);

  page.actions([
    canBulk && { id: 'tickets.select.all', get label() { return t('tickets.action.selectAll'); },
      run: () => { selectAll.checked = true; selectAll.dispatchEvent(new Event('change')); } },
    canBulk && { id: 'tickets.assign.me', get label() { return t('tickets.action.assignSelectedToMe'); }, run: () => bulkAssign(me.username) },
    canBulk && { id: 'tickets.assign.none', get label() { return t('tickets.action.unassignSelected'); }, run: () => bulkAssign(null) },
    canBulk && { id: 'tickets.assign.pick', get label() { return t('tickets.action.assignSelected'); },
      run: () => { if (!bulk.hidden) bulk.querySelector('select')?.focus(); } },
    canBulk && { id: 'tickets.close.selected', get label() { return t('tickets.action.closeSelected'); }, run: () => bulkClose() },
    { id: 'tickets.save.view', get label() { return t('tickets.view.save'); }, run: saveView },
    ...PRESETS.map((v) => ({ id: `tickets.view.${v.id}`, get label() { return `${t('tickets.title')}: ${t(v.key)}`; }, run: () => applyView(v.filters) })),
  ].filter(Boolean));

  await reload();
  return () => {
    stops.forEach((stop) => stop());
    refreshSummary.cancel();
    stopTicker();
    bar.stop();
    document.removeEventListener('i18n:change', relabel);
  };
}
