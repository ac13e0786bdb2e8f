// The list of an administration page: a filter toolbar kept in the URL, a table with cursor paging
// ("Muat lebih banyak"), j/k rows ([data-row], [data-open], [data-select]), bulk actions done item by item
// with a summary, and designed loading, empty, filtered-empty and error states. On a phone the table becomes
// stacked cards (each cell carries its column's label).
import { h, fmt, stateBlock } from '../../dom.js';
import { setText } from '../../i18n.js';
import { confirmDialog } from './dialog.js';
import { apiMessage } from './form.js';
import { rememberList } from './common.js';

const DEBOUNCE_MS = 300;

/**
 * The search box ([data-search], so "/" focuses it) and filters, read from and written to the URL.
 * filters: [{ name, labelKey, type: 'select'|'date'|'text', options: [[value, key]], attrs }].
 * onChange(values) runs (debounced for typing) with every filter's current value ('' when unset).
 */
export function toolbar({ params, search, filters = [], onChange }) {
  const inputs = new Map();
  let timer = 0;
  const changed = (now) => {
    clearTimeout(timer);
    timer = setTimeout(() => { resetButton.hidden = !isFiltered(); onChange(current()); }, now ? 0 : DEBOUNCE_MS);
  };
  const current = () => Object.fromEntries([...inputs].map(([name, input]) => [name, input.value.trim()]));
  const isFiltered = () => [...inputs.values()].some((input) => input.value.trim() !== '');

  const parts = [];
  if (search) {
    const input = h('input', { type: 'search', id: `filter-${search.name}`, name: search.name, value: params.get(search.name) ?? '',
      'data-search': '', 'data-i18n-placeholder': search.placeholderKey, autocomplete: 'off', maxlength: 100,
      on: { input: () => changed(false), keydown: (e) => {
        if (e.key === 'Enter') { e.preventDefault(); changed(true); }
        if (e.key === 'Escape') input.blur();
      } } });
    inputs.set(search.name, input);
    parts.push(h('div', { class: 'field toolbar-search' },
      h('label', { for: input.id, i18n: search.labelKey }), input));
  }
  for (const f of filters) {
    const id = `filter-${f.name}`;
    const value = params.get(f.name) ?? '';
    const input = f.type === 'select'
      ? h('select', { id, name: f.name, on: { change: () => changed(true) } },
        f.options.map(([v, key]) => h('option', { value: v, i18n: key, selected: v === value })))
      : h('input', { id, name: f.name, type: f.type ?? 'text', value, autocomplete: 'off', ...(f.attrs ?? {}),
        on: { change: () => changed(true), input: f.type === 'date' ? null : () => changed(false) } });
    inputs.set(f.name, input);
    parts.push(h('div', { class: 'field' }, h('label', { for: id, i18n: f.labelKey }), input));
  }
  const resetButton = h('button', { type: 'button', class: 'btn btn-ghost btn-small toolbar-reset', i18n: 'admin.filter.reset', hidden: true,
    on: { click: () => { for (const input of inputs.values()) input.value = ''; changed(true); } } });
  resetButton.hidden = !isFiltered();
  const el = h('form', { class: 'toolbar admin-toolbar', role: 'search', on: { submit: (e) => { e.preventDefault(); changed(true); } } },
    parts, resetButton);
  return {
    el,
    values: current,
    isFiltered,
    reset: () => resetButton.click(),
    set(name, value) { inputs.get(name).value = value ?? ''; changed(true); },
    focusSearch() { const input = inputs.get(search?.name); input?.focus(); input?.select(); },
    stop: () => clearTimeout(timer),
  };
}

/**
 * columns: [{ labelKey, class, primary, cell(item) → node|text, blank (shown for no value; '—') }]; the primary
 * column holds the [data-open] link. load(cursor) → { items, nextCursor }. Optional: selectable(item) (rows that may be selected),
 * nameOf(item) (for the checkbox's label and the bulk summary), bulk: [{ labelKey, confirm: {titleKey,
 * bodyKey, confirmKey, danger}, applies(item), run(item) }], empty: { key, action }, filtered() (true when a
 * filter is set), onResetFilters().
 */
export function pagedList({ columns, load, selectable = null, nameOf = (item) => String(item.id), bulk = [], empty, filtered, onResetFilters }) {
  const selection = new Map();
  const selecting = Boolean(selectable);
  let items = [];
  let next = null;
  let generation = 0;

  const summary = h('div', { class: 'bulk-summary', 'aria-live': 'polite' });
  const bulkCount = h('strong');
  const bulkButtons = bulk.map((action) => h('button', { type: 'button', class: `btn btn-small ${action.confirm?.danger ? 'btn-danger' : 'btn-secondary'}`,
    i18n: action.labelKey, on: { click: () => runBulk(action) } }));
  const bulkBar = h('div', { class: 'bulk-bar', hidden: true, role: 'region', 'data-i18n-aria-label': 'admin.bulk.region' },
    bulkCount, bulkButtons,
    h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'admin.bulk.clear', on: { click: () => { selection.clear(); paintSelection(); } } }));

  const selectAll = selecting ? h('input', { type: 'checkbox', 'data-i18n-aria-label': 'admin.bulk.selectAll',
    on: { change: () => {
      for (const item of items.filter(selectable)) selectAll.checked ? selection.set(item.id, item) : selection.delete(item.id);
      paintSelection();
    } } }) : null;
  const head = h('thead', {}, h('tr', {},
    selecting ? h('th', { class: 'cell-select', scope: 'col' }, selectAll) : null,
    columns.map((c) => h('th', { scope: 'col', class: c.class ?? null, i18n: c.labelKey }))));
  const body = h('tbody');
  const table = h('table', { class: 'data-table stackable' }, head, body);
  const wrap = h('div', { class: 'table-wrap', hidden: true }, table);
  const state = h('div', { class: 'list-state' });
  const count = h('span', { class: 'muted' });
  const more = h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.list.more', on: { click: () => fetchMore() } });
  const moreError = h('span', { class: 'list-more-error', role: 'alert' });
  const foot = h('div', { class: 'list-foot', hidden: true }, count, more, moreError);
  const el = h('div', { class: 'admin-list' }, summary, bulkBar, wrap, state, foot);

  function row(item) {
    const tr = h('tr', { 'data-row': '', dataset: { id: item.id } });
    if (selecting) {
      const box = selectable(item) ? h('input', { type: 'checkbox', 'data-select': '', checked: selection.has(item.id),
        'data-i18n-aria-label': 'admin.bulk.select', title: nameOf(item),
        on: { change: (e) => { e.target.checked ? selection.set(item.id, item) : selection.delete(item.id); paintSelection(); } } }) : null;
      tr.append(h('td', { class: 'cell-select' }, box));
    }
    for (const c of columns) {
      const content = c.cell(item);
      tr.append(h('td', { class: [c.class, c.primary ? 'cell-primary' : null].filter(Boolean).join(' ') || null },
        c.primary ? null : h('span', { class: 'cell-label', i18n: c.labelKey, 'aria-hidden': 'true' }),
        h('span', { class: 'cell-value' }, content == null || content === '' ? (c.blank ?? '—') : content)));
    }
    return tr;
  }

  /** Rebuilds the rows from the items, keeping the j/k position. */
  function paint() {
    const current = body.querySelector('.row-current')?.dataset.id;
    body.replaceChildren(...items.map(row));
    if (current) body.querySelector(`[data-id="${CSS.escape(current)}"]`)?.classList.add('row-current');
    wrap.hidden = items.length === 0;
    foot.hidden = items.length === 0;
    more.hidden = !next;
    setText(count, next ? 'admin.list.shown' : 'admin.list.shownAll', { n: fmt.number(items.length) });
    paintSelection();
  }

  /** Shows the selection (checkboxes, the bulk bar) without rebuilding rows, so focus and j/k stay put. */
  function paintSelection() {
    if (!selecting) return;
    for (const tr of body.querySelectorAll('[data-row]')) {
      const on = selection.has(Number(tr.dataset.id)) || selection.has(tr.dataset.id);
      tr.classList.toggle('is-selected', on);
      const box = tr.querySelector('[data-select]');
      if (box) box.checked = on;
    }
    const selectableItems = items.filter(selectable);
    selectAll.checked = selectableItems.length > 0 && selectableItems.every((i) => selection.has(i.id));
    selectAll.indeterminate = !selectAll.checked && selectableItems.some((i) => selection.has(i.id));
    selectAll.disabled = selectableItems.length === 0;
    bulkBar.hidden = selection.size === 0;
    setText(bulkCount, 'admin.bulk.selected', { n: fmt.number(selection.size) });
  }

  function showEmpty() {
    if (items.length) { state.replaceChildren(); return; }
    if (filtered?.()) {
      state.replaceChildren(stateBlock('empty', 'admin.list.noMatch', null,
        h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.filter.reset', on: { click: () => onResetFilters?.() } })));
    } else {
      state.replaceChildren(stateBlock('empty', empty.key, null, empty.action ?? null));
    }
  }

  async function reload() {
    const mine = ++generation;
    selection.clear();
    if (items.length) el.classList.add('is-refreshing');
    else { wrap.hidden = true; foot.hidden = true; state.replaceChildren(stateBlock('loading', 'common.loading')); }
    el.setAttribute('aria-busy', 'true');
    try {
      const page = await load(null);
      if (mine !== generation) return;
      items = page.items;
      next = page.nextCursor;
      paint();
      showEmpty();
    } catch (err) {
      if (mine !== generation) return;
      items = [];
      paint();
      const { key, params } = apiMessage(err);
      state.replaceChildren(stateBlock('error', key, params,
        h('button', { type: 'button', class: 'btn btn-primary', i18n: 'common.retry', on: { click: reload } })));
    } finally {
      if (mine === generation) { el.classList.remove('is-refreshing'); el.removeAttribute('aria-busy'); }
    }
  }

  async function fetchMore() {
    const mine = generation;
    moreError.replaceChildren();
    more.disabled = true;
    setText(more, 'common.loading');
    try {
      const page = await load(next);
      if (mine !== generation) return;
      const focusAt = items.length;
      items = items.concat(page.items);
      next = page.nextCursor;
      paint();
      // Keyboard users continue where the new rows start.
      body.querySelectorAll('[data-row]')[focusAt]?.querySelector('[data-open]')?.focus();
    } catch (err) {
      const { key, params } = apiMessage(err);
      setText(moreError, key, params);
    } finally {
      more.disabled = false;
      setText(more, 'admin.list.more');
    }
  }

  async function runBulk(action) {
    const chosen = [...selection.values()].filter((item) => !action.applies || action.applies(item));
    const skipped = selection.size - chosen.length;
    if (!chosen.length) {
      summary.replaceChildren(h('p', { class: 'alert alert-info', i18n: 'admin.bulk.nothingApplies' }));
      return;
    }
    const params = { n: fmt.number(chosen.length) };
    if (action.confirm && !(await confirmDialog({ ...action.confirm, params }))) return;
    bulkButtons.forEach((b) => { b.disabled = true; });
    const progress = h('p', { class: 'alert alert-info' });
    summary.replaceChildren(progress);
    const failed = [];
    let done = 0;
    // One request at a time: the API checks each item on its own, and a failure must not hide the others.
    for (const item of chosen) {
      setText(progress, 'admin.bulk.progress', { done: fmt.number(done), n: fmt.number(chosen.length) });
      try {
        await action.run(item);
      } catch (err) {
        failed.push({ item, err });
      }
      done++;
    }
    bulkButtons.forEach((b) => { b.disabled = false; });
    const ok = chosen.length - failed.length;
    summary.replaceChildren(h('div', { class: `alert ${failed.length ? 'alert-error' : 'alert-success'}` },
      h('p', { i18n: [failed.length ? 'admin.bulk.doneWithFailures' : 'admin.bulk.done',
        { ok: fmt.number(ok), failed: fmt.number(failed.length), skipped: fmt.number(skipped) }] }),
      skipped ? h('p', { i18n: ['admin.bulk.skipped', { n: fmt.number(skipped) }] }) : null,
      failed.length ? h('ul', {}, failed.map(({ item, err }) => {
        const { key, params: p } = apiMessage(err);
        return h('li', {}, h('strong', { text: nameOf(item) }), ': ', h('span', { i18n: [key, p] }));
      })) : null,
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'admin.close', on: { click: () => summary.replaceChildren() } })));
    await reload();
  }

  return {
    el,
    reload,
    /** Replaces one item (after a change from its row) without reloading the list. */
    replace(item) {
      items = items.map((i) => (i.id === item.id ? item : i));
      if (selection.has(item.id)) selection.set(item.id, item);
      paint();
    },
    /** Re-renders the rows, e.g. after a language switch (dates and numbers are formatted per language). */
    repaint: paint,
  };
}

/** Builds the query string of a list request from filter values, leaving out the empty ones. */
export function query(path, values, cursor, limit = 50) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && v != null) q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  q.set('limit', String(limit));
  return `${path}?${q}`;
}

/**
 * Shows a list page: its parts in root, the list loaded, its URL remembered for the detail pages' "back", the
 * rows formatted again on a language switch. Returns the page's stop function.
 */
export function showListPage(root, page, { bar, list }, ...parts) {
  root.append(...parts.filter(Boolean));
  rememberList(page);
  list.reload();
  const relabel = () => list.repaint();
  document.addEventListener('i18n:change', relabel);
  return () => { bar.stop(); document.removeEventListener('i18n:change', relabel); };
}
