// The installation board: one column per stage (scheduled → activated), cards with the customer, address, plan,
// schedule and technician; live from ui.installations (a frame's installations move to their stage's column). On a
// phone the columns give way to a stage filter and one list. Technicians see theirs (the API filters).
import { h, fmt, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { pageHead, rememberList } from '../admin/common.js';
import { STAGES, debounce, errorBlock, may, queryString, stylesheet } from '../tickets/common.js';

const OPEN_STAGES = STAGES.filter((s) => s !== 'activated');
const ACTIVATED_SHOWN = 20;
const FRESH_MS = 2_500;

export async function render(root, ctx, page) {
  await stylesheet('/css/tickets.css');
  const { me, can } = ctx;
  const byId = new Map();
  let stage = STAGES.includes(ctx.params.get('stage')) ? ctx.params.get('stage') : 'scheduled';
  let mine = ctx.params.get('technician') === 'me';
  let loaded = false;
  const fresh = new Set();
  rememberList('installations');

  const search = h('input', { type: 'search', id: 'inst-q', 'data-search': '', value: ctx.params.get('q') ?? '', autocomplete: 'off', maxlength: 100,
    'data-i18n-placeholder': 'inst.searchHint', placeholder: t('inst.searchHint') });
  const mineBox = h('input', { type: 'checkbox', id: 'inst-mine', checked: mine });
  const toolbar = h('form', { class: 'toolbar admin-toolbar', role: 'search', on: { submit: (e) => { e.preventDefault(); reload(); } } },
    h('div', { class: 'field toolbar-search' }, h('label', { for: 'inst-q', i18n: 'inst.search' }), search),
    can('technician') ? null : h('label', { class: 'tk-internal-toggle inst-mine', for: 'inst-mine' }, mineBox, h('span', { i18n: 'inst.onlyMine' })));
  const typed = debounce(() => { ctx.setParams({ q: search.value.trim() || null }); rememberList('installations'); reload(); }, 350);
  search.addEventListener('input', typed);
  mineBox.addEventListener('change', () => { mine = mineBox.checked; ctx.setParams({ technician: mine ? 'me' : null }); rememberList('installations'); reload(); });

  const stageBar = h('div', { class: 'inst-stage-bar chips', role: 'group', 'data-i18n-aria-label': 'inst.stageFilter', 'aria-label': t('inst.stageFilter') });
  const board = h('div', { class: 'inst-board', 'data-testid': 'installation-board' });
  const state = h('div', { class: 'list-state' }, stateBlock('loading', 'common.loading'));
  const columns = new Map(STAGES.map((s) => {
    const list = h('ol', { class: 'inst-cards' });
    const count = h('span', { class: 'inst-col-count' });
    const col = h('section', { class: 'inst-col', dataset: { stage: s }, 'aria-labelledby': `inst-col-${s}` },
      h('h2', { id: `inst-col-${s}` }, h('span', { i18n: `inst.stage.${s}` }), count), list);
    return [s, { col, list, count }];
  }));
  board.append(...[...columns.values()].map((c) => c.col));

  root.append(
    pageHead('inst.title', 'inst.lead',
      may.createInstallation(can) ? h('a', { class: 'btn btn-primary', href: '#/installations/new', 'data-testid': 'installation-new', i18n: 'inst.action.new' }) : null),
    toolbar, stageBar, state, board);

  function visible(s) {
    return [...byId.values()].filter((i) => i.stage === s).sort((a, b) => s === 'activated'
      ? Date.parse(b.activatedAt ?? b.updatedAt) - Date.parse(a.activatedAt ?? a.updatedAt)
      : Date.parse(a.scheduledAt ?? a.createdAt) - Date.parse(b.scheduledAt ?? b.createdAt));
  }

  function card(i) {
    const overdue = i.stage === 'scheduled' && i.scheduledAt && Date.parse(i.scheduledAt) < Date.now();
    return h('li', { 'data-row': '', 'data-testid': 'installation-card', class: `inst-card${fresh.has(i.id) ? ' is-fresh' : ''}`, dataset: { id: String(i.id), stage: i.stage } },
      h('a', { href: `#/installations/${i.id}`, 'data-open': '' },
        h('span', { class: 'inst-card-top' }, h('strong', { text: i.customer?.name ?? '—' }), h('span', { class: 'mono muted small', text: i.number })),
        i.address ? h('span', { class: 'small inst-address', text: i.address }) : null,
        i.plan ? h('span', { class: 'small muted', text: i.plan }) : null,
        h('span', { class: `small inst-when${overdue ? ' is-late' : ''}` },
          i.stage === 'activated' ? h('span', { i18n: ['inst.activatedOn', { when: fmt.dateTime(i.activatedAt ?? i.updatedAt) }] })
            : h('span', { text: fmt.dateTime(i.scheduledAt) }),
          overdue ? h('span', { class: 'badge badge-down', i18n: 'inst.late' }) : null),
        h('span', { class: 'small inst-tech' }, 
          i.technician ? h('span', { text: i.technician.name ?? i.technician.username }) : h('span', { class: 'muted', i18n: 'inst.noTechnician' }))));
  }

  function paint() {
    if (!loaded) return;
    state.replaceChildren();
    board.hidden = false;
    for (const [s, c] of columns) {
      const list = visible(s);
      c.count.textContent = ` ${fmt.number(list.length)}`;
      c.list.replaceChildren(...(list.length ? list.map(card) : [h('li', { class: 'inst-empty muted small', i18n: `inst.emptyStage.${s}` })]));
      c.col.classList.toggle('is-shown', s === stage);
    }
    stageBar.replaceChildren(...STAGES.map((s) => h('button', { type: 'button', class: 'chip chip-button', 'aria-pressed': String(s === stage), dataset: { stage: s },
      on: { click: () => { stage = s; ctx.setParams({ stage: s }); rememberList('installations'); paint(); } } },
    h('span', { i18n: `inst.stage.${s}` }), ' ', h('span', { class: 'chip-count', text: fmt.number(visible(s).length) }))));
    if (!byId.size && !search.value.trim() && !mine) {
      state.replaceChildren(stateBlock('empty', can('technician') ? 'inst.noneMine' : 'inst.none', null,
        may.createInstallation(can) ? h('a', { class: 'btn btn-secondary', href: '#/installations/new', i18n: 'inst.action.new' }) : null));
    } else if (!byId.size) {
      state.replaceChildren(stateBlock('empty', 'inst.noMatch'));
    }
  }

  const filters = (stages, limit) => queryString({ stage: stages.join(','), q: search.value.trim(), technician: mine ? me.username : '', limit });
  let generation = 0;
  async function reload() {
    const my = ++generation;
    if (!loaded) { board.hidden = true; state.replaceChildren(stateBlock('loading', 'common.loading')); }
    try {
      const [open, done] = await Promise.all([
        ctx.api.get(`/api/v1/installations?${filters(OPEN_STAGES, 200)}`),
        ctx.api.get(`/api/v1/installations?${filters(['activated'], ACTIVATED_SHOWN)}`),
      ]);
      if (my !== generation) return;
      byId.clear();
      for (const i of [...(open.items ?? []), ...(done.items ?? [])]) byId.set(i.id, i);
      loaded = true;
      paint();
    } catch (err) {
      if (my !== generation) return;
      loaded = false;
      board.hidden = true;
      state.replaceChildren(errorBlock(err, reload, 'inst.unavailable'));
    }
  }

  function matches(i) {
    if (mine && i.technician?.username !== me.username) return false;
    const q = search.value.trim().toLowerCase();
    if (q) {
      const text = [i.number, i.customer?.name, i.customer?.customerNo, i.address, i.plan].filter(Boolean).join(' ').toLowerCase();
      if (!q.split(/\s+/).every((w) => text.includes(w))) return false;
    }
    return true;
  }

  // The desk watches ui.installations; technicians (refused the stream) see their board refreshed every minute.
  let poll = 0;
  const stopStream = ctx.bus.watch('ui.installations', {
    denied() { clearInterval(poll); poll = setInterval(reload, 60_000); },
    snapshot() { if (loaded) reload(); },
    frame(frame) {
      for (const i of frame.data?.changes ?? []) {
        if (!i?.id) continue;
        if (matches(i)) { byId.set(i.id, i); fresh.add(i.id); setTimeout(() => fresh.delete(i.id), FRESH_MS); } else byId.delete(i.id);
      }
      paint();
    },
  });
  const relabel = () => paint();
  document.addEventListener('i18n:change', relabel);
  page.actions(STAGES.map((s) => ({ id: `inst.stage.${s}`, get label() { return `${t('inst.title')}: ${t(`inst.stage.${s}`)}`; },
    run: () => { stage = s; paint(); columns.get(s).col.scrollIntoView({ block: 'nearest', inline: 'start' }); } })));
  await reload();
  const stop = () => { stopStream(); clearInterval(poll); };
  return () => { stop(); typed.cancel(); document.removeEventListener('i18n:change', relabel); };
}

