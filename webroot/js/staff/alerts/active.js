// Aktif: the open alerts, live from ui.alerts (the console's store), grouped by severity and newest first within one.
// Each row: severity, rule, summary, labels, state, since (WIB), who acknowledged it, silenced/inhibited marks, code.
// Acknowledge, resolve and silence one alert from its row, or several from the bulk bar (checkboxes, "x"); the
// hub's bulk answer {"done","failed"} marks each row that failed with the reason. ?severity= and ?q= narrow the list.
import { fill, h, fmt, stateBlock } from '../../dom.js';
import { setText, t } from '../../i18n.js';
import { confirmDialog } from '../admin/dialog.js';
import { rememberList } from '../admin/common.js';
import {
  SEVERITIES, actOn, alertError, bySeverityThenTime, failureText, labelChips, matchersFor, may, severityBadge, sinceOf, stateBadge,
} from './common.js';
import { openSilenceDialog } from './silence-form.js';

const FRESH_MS = 2_500;
const AGEING_MS = 30_000;

export async function render(root, ctx, page) {
  const { store } = page;
  const canResolve = may.resolve(ctx.can);
  const canSilence = may.silence(ctx.can);
  const rows = new Map(); // id → { alert, tr }
  const selected = new Set();
  const failures = new Map(); // id → the reason its last action failed
  let severity = SEVERITIES.includes(ctx.params.get('severity')) ? ctx.params.get('severity') : '';
  let query = ctx.params.get('q') ?? '';

  /** Filters go in the URL, and an alert's page leads back to the list as it was left. */
  const setParams = (changes) => {
    ctx.setParams(changes);
    rememberList('alerts');
  };
  rememberList('alerts');

  // ---- filters: severity chips and a search box ("/") ---------------------------------------------------------
  const chips = h('div', { class: 'chips severity-chips', role: 'group', 'data-i18n-aria-label': 'alerts.active.severityFilter' });
  const search = h('input', { type: 'search', id: 'alerts-q', 'data-search': '', value: query, autocomplete: 'off', maxlength: 100,
    'data-i18n-placeholder': 'alerts.active.searchHint', placeholder: t('alerts.active.searchHint'),
    on: { input: () => { query = search.value.trim(); setParams({ q: query || null }); paint(); },
      keydown: (e) => { if (e.key === 'Escape') search.blur(); } } });
  const toolbar = h('div', { class: 'toolbar alerts-toolbar' }, chips,
    h('div', { class: 'field toolbar-search' }, h('label', { for: 'alerts-q', class: 'visually-hidden', i18n: 'alerts.active.search' }), search));

  // ---- the table ------------------------------------------------------------------------------------------------
  // Not a live region: it changes with every alert, and the title and the rows already say what matters.
  const summary = h('p', { class: 'alerts-counts muted' });
  const result = h('div', { class: 'bulk-summary', 'aria-live': 'polite' });
  const bulk = h('div', { class: 'bulk-bar', hidden: true, role: 'region', 'data-i18n-aria-label': 'admin.bulk.region' });
  const selectAll = h('input', { type: 'checkbox', 'data-i18n-aria-label': 'admin.bulk.selectAll', 'aria-label': t('admin.bulk.selectAll'),
    on: { change: () => { visible().forEach((a) => (selectAll.checked ? selected.add(a.id) : selected.delete(a.id))); paintSelection(); } } });
  const body = h('tbody');
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data-table stackable alerts-table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'cell-select' }, selectAll),
      h('th', { scope: 'col', i18n: 'alerts.col.severity' }),
      h('th', { scope: 'col', i18n: 'alerts.col.alert' }),
      h('th', { scope: 'col', i18n: 'alerts.col.state' }),
      h('th', { scope: 'col', i18n: 'alerts.col.since' }),
      h('th', { scope: 'col', i18n: 'alerts.col.acked' }),
      h('th', { scope: 'col', i18n: 'alerts.col.code' }),
      h('th', { scope: 'col', class: 'cell-actions' }, h('span', { class: 'visually-hidden', i18n: 'admin.list.actions' })))),
    body));
  const state = h('div', { class: 'list-state' });
  root.append(toolbar, summary, result, bulk, table, state);

  /** The open alerts this view shows (filters applied), in order. */
  function visible() {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return store.list()
      .filter((a) => !severity || a.severity === severity)
      .filter((a) => words.every((w) => searchText(a).includes(w)))
      .sort(bySeverityThenTime);
  }

  function searchText(a) {
    return [a.ruleName, a.ruleKey, a.summary, a.code, a.state, t(`alerts.state.${a.state}`), ...Object.entries(a.labels ?? {}).flat()]
      .filter(Boolean).join(' ').toLowerCase();
  }

  function row(alert) {
    const acked = alert.ackedAt != null;
    const failure = failures.get(alert.id);
    const check = h('input', { type: 'checkbox', 'data-select': '', checked: selected.has(alert.id),
      'aria-label': t('alerts.active.select', { code: alert.code }),
      on: { change: () => { if (check.checked) selected.add(alert.id); else selected.delete(alert.id); paintSelection(); } } });
    const cell = (labelKey, className, ...content) => h('td', { class: className },
      labelKey ? h('span', { class: 'cell-label', i18n: labelKey, 'aria-hidden': 'true' }) : null,
      h('span', { class: 'cell-value' }, ...content));
    return h('tr', { 'data-row': '', dataset: { id: String(alert.id), severity: alert.severity, state: alert.state },
      class: [selected.has(alert.id) ? 'is-selected' : '', failure ? 'has-failure' : ''].filter(Boolean).join(' ') || null },
    h('td', { class: 'cell-select' }, check),
    cell(null, 'cell-severity', severityBadge(alert.severity)),
    h('td', { class: 'cell-primary' },
      h('a', { href: `#/alerts/history/${alert.id}`, 'data-open': '', class: 'alert-rule' },
        h('span', { class: 'primary-name', text: alert.ruleName ?? alert.ruleKey })),
      h('p', { class: 'alert-summary', text: alert.summary ?? '' }),
      labelChips(alert.labels),
      failure ? h('p', { class: 'row-error', role: 'alert', text: failure }) : null),
    cell('alerts.col.state', 'cell-state', stateBadge(alert.state),
      alert.silenced ? h('span', { class: 'badge badge-neutral mark-silenced', i18n: 'alerts.mark.silenced', title: t('alerts.mark.silencedHint') }) : null,
      alert.inhibited ? h('span', { class: 'badge badge-neutral mark-inhibited', i18n: 'alerts.mark.inhibited', title: t('alerts.mark.inhibitedHint') }) : null),
    cell('alerts.col.since', 'cell-since nowrap',
      h('time', { datetime: sinceOf(alert), text: fmt.dateTime(sinceOf(alert)) }),
      h('span', { class: 'muted small', 'data-relative': sinceOf(alert), text: fmt.relative(sinceOf(alert)) })),
    cell('alerts.col.acked', 'cell-acked', acked
      ? h('span', { class: 'acked-by' }, h('strong', { text: alert.ackedBy ?? '—' }), h('time', { class: 'muted small', datetime: alert.ackedAt, text: fmt.time(alert.ackedAt) }))
      : h('span', { class: 'muted', i18n: 'alerts.active.notAcked' })),
    cell('alerts.col.code', 'cell-code mono', alert.code ?? '—'),
    h('td', { class: 'cell-actions' }, h('div', { class: 'row-actions' },
      acked ? null : h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-action': 'ack', i18n: 'alerts.action.ack',
        on: { click: () => act('ack', [alert.id]) } }),
      canResolve ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-action': 'resolve', i18n: 'alerts.action.resolve',
        on: { click: () => act('resolve', [alert.id]) } }) : null,
      canSilence ? h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-action': 'silence', i18n: 'alerts.action.silence',
        on: { click: () => silence([alert]) } }) : null)));
  }

  function groupRow(sev, n) {
    return h('tr', { class: `group-row group-${sev}` }, h('th', { colspan: 8, scope: 'rowgroup' },
      severityBadge(sev), ' ', h('span', { class: 'muted', text: fmt.number(n) })));
  }

  /**
   * Shows the list as the store has it now. Rows are rebuilt only for alerts that changed (the store gives a changed
   * alert a new object), and the keyboard's place (j/k) and focus stay where they were.
   */
  function paint(changed = []) {
    if (store.denied) {
      table.hidden = true;
      state.replaceChildren(stateBlock('error', 'console.page.forbidden'));
      return;
    }
    if (!store.ready) {
      table.hidden = true;
      state.replaceChildren(stateBlock('loading', 'common.loading'));
      return;
    }
    const shown = visible();
    const ids = new Set(store.list().map((a) => a.id));
    for (const id of [...selected]) if (!ids.has(id)) selected.delete(id);
    for (const id of [...failures.keys()]) if (!ids.has(id)) failures.delete(id);
    const focused = document.activeElement;
    const nodes = [];
    for (const sev of SEVERITIES) {
      const group = shown.filter((a) => a.severity === sev);
      if (!group.length) continue;
      nodes.push(groupRow(sev, group.length));
      for (const alert of group) {
        const known = rows.get(alert.id);
        if (known && known.alert === alert && !known.stale) {
          nodes.push(known.tr);
          continue;
        }
        const tr = row(alert);
        if (known?.tr.classList.contains('row-current')) tr.classList.add('row-current');
        if (changed.includes(alert.id)) flash(tr);
        rows.set(alert.id, { alert, tr });
        nodes.push(tr);
        if (known && known.tr.contains(focused)) {
          tr.tabIndex = -1;
          tr.focus({ preventScroll: true });
        }
      }
    }
    for (const id of [...rows.keys()]) if (!shown.some((a) => a.id === id)) rows.delete(id);
    const same = nodes.length === body.children.length && nodes.every((node, i) => body.children[i] === node);
    if (!same) {
      body.replaceChildren(...nodes);
      if (focused && focused !== document.body && body.contains(focused)) focused.focus({ preventScroll: true });
    }
    table.hidden = !shown.length;
    paintCounts();
    paintSelection();
    if (shown.length) state.replaceChildren();
    else if (store.list().length) {
      state.replaceChildren(stateBlock('empty', 'alerts.active.noMatch', null,
        h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.filter.reset', on: { click: resetFilters } })));
    } else {
      state.replaceChildren(stateBlock('empty', 'alerts.active.none', null,
        h('a', { class: 'btn btn-secondary', href: '#/alerts/history', i18n: 'alerts.active.toHistory' })));
    }
  }

  function flash(tr) {
    tr.classList.add('is-fresh');
    setTimeout(() => tr.classList.remove('is-fresh'), FRESH_MS);
  }

  function paintCounts() {
    const open = store.list();
    const count = (s) => open.filter((a) => a.state === s).length;
    setText(summary, 'alerts.active.counts', { firing: fmt.number(count('firing')), pending: fmt.number(count('pending')),
      nodata: fmt.number(count('nodata')) });
    chips.replaceChildren(...['', ...SEVERITIES].map((sev) => {
      const n = open.filter((a) => !sev || a.severity === sev).length;
      return h('button', { type: 'button', class: 'chip chip-button', 'aria-pressed': String(sev === severity),
        on: { click: () => { severity = sev; setParams({ severity: sev || null }); paint(); } } },
      h('span', { i18n: sev ? `alerts.severity.${sev}` : 'alerts.active.all' }), ' ', h('span', { class: 'chip-count', text: fmt.number(n) }));
    }));
  }

  function resetFilters() {
    severity = '';
    query = '';
    search.value = '';
    setParams({ severity: null, q: null });
    paint();
  }

  /** The selection (checkboxes, the bulk bar) without rebuilding rows. */
  function paintSelection() {
    const shown = visible();
    for (const [id, { tr }] of rows) {
      tr.classList.toggle('is-selected', selected.has(id));
      const box = tr.querySelector('[data-select]');
      if (box) box.checked = selected.has(id);
    }
    selectAll.checked = shown.length > 0 && shown.every((a) => selected.has(a.id));
    selectAll.indeterminate = !selectAll.checked && shown.some((a) => selected.has(a.id));
    if (!selected.size) {
      bulk.hidden = true;
      return;
    }
    const chosen = [...selected].map((id) => store.get(id)).filter(Boolean);
    const unacked = chosen.filter((a) => !a.ackedAt);
    bulk.hidden = false;
    fill(bulk,
      h('strong', { i18n: ['admin.bulk.selected', { n: fmt.number(chosen.length) }] }),
      h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-bulk': 'ack', disabled: !unacked.length,
        i18n: ['alerts.bulk.ack', { n: fmt.number(unacked.length) }], on: { click: () => act('ack', unacked.map((a) => a.id)) } }),
      canResolve ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-bulk': 'resolve',
        i18n: ['alerts.bulk.resolve', { n: fmt.number(chosen.length) }], on: { click: () => act('resolve', chosen.map((a) => a.id)) } }) : null,
      canSilence ? h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-bulk': 'silence', i18n: 'alerts.bulk.silence',
        on: { click: () => silence(chosen) } }) : null,
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'admin.bulk.clear', on: { click: () => { selected.clear(); paintSelection(); } } }));
  }

  // ---- actions ---------------------------------------------------------------------------------------------------
  /** Acknowledges or resolves `ids` in one request; each that failed keeps its reason on its row. */
  async function act(action, ids) {
    if (!ids.length) return;
    if (action === 'resolve' && !(await confirmDialog({ titleKey: 'alerts.resolve.title', bodyKey: 'alerts.resolve.body',
      confirmKey: 'alerts.resolve.confirm', params: { n: fmt.number(ids.length) } }))) return;
    ids.forEach((id) => failures.delete(id));
    root.querySelectorAll('[data-action], [data-bulk]').forEach((b) => { b.disabled = true; });
    result.replaceChildren(h('p', { class: 'alert alert-info', i18n: 'alerts.bulk.working' }));
    try {
      const answer = await actOn(ctx.api, action, ids);
      const at = new Date().toISOString();
      for (const id of answer.done) {
        selected.delete(id);
        store.patch(id, action === 'ack' ? { ackedAt: at, ackedBy: ctx.me.username } : { state: 'resolved', resolvedAt: at });
      }
      for (const { id, error } of answer.failed) failures.set(id, failureText(error));
      const done = fmt.number(answer.done.length);
      result.replaceChildren(h('div', { class: `alert ${answer.failed.length ? 'alert-error' : 'alert-success'}`, role: 'status' },
        h('p', { i18n: [`alerts.bulk.${action}${answer.failed.length ? 'Partly' : 'Done'}`, { n: done, failed: fmt.number(answer.failed.length) }] }),
        answer.failed.length ? h('ul', {}, answer.failed.map(({ id, error }) => h('li', {},
          h('span', { class: 'mono', text: store.get(id)?.code ?? String(id) }), ': ', failureText(error)))) : null,
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'admin.close', on: { click: () => result.replaceChildren() } })));
    } catch (err) {
      const { key, params } = alertError(err);
      result.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: [key, params] }));
    } finally {
      // Rows the answer did not touch get their buttons back (the patched ones were rebuilt already).
      rows.forEach((entry) => { entry.stale = true; });
      paint();
    }
  }

  async function silence(alerts) {
    const saved = await openSilenceDialog(ctx, store, matchersFor(alerts));
    if (saved) {
      result.replaceChildren(h('p', { class: 'alert alert-success', role: 'status' },
        h('span', { i18n: ['alerts.silence.saved', { end: fmt.dateTime(saved.endsAt) }] }), ' ',
        h('a', { href: '#/alerts/silences', i18n: 'alerts.silence.toList' })));
    }
  }

  // ---- live ------------------------------------------------------------------------------------------------------
  const unsubscribe = store.subscribe((event) => paint(event.kind === 'changes' ? event.changed : []));
  const ageing = setInterval(() => root.querySelectorAll('[data-relative]').forEach((el) => { el.textContent = fmt.relative(el.dataset.relative); }), AGEING_MS);
  const relabel = () => { rows.forEach((entry) => { entry.stale = true; }); paint(); };
  document.addEventListener('i18n:change', relabel);

  page.actions([
    { id: 'alerts.select.all', get label() { return t('alerts.action.selectAll'); }, run: () => { selectAll.checked = true; selectAll.dispatchEvent(new Event('change')); } },
    { id: 'alerts.ack.selected', get label() { return t('alerts.action.ackSelected'); },
      run: () => act('ack', [...selected].filter((id) => !store.get(id)?.ackedAt)) },
  ]);
  paint();
  return () => {
    unsubscribe();
    clearInterval(ageing);
    document.removeEventListener('i18n:change', relabel);
  };
}
