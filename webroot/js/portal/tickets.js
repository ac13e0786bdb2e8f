// Laporan saya: the customer's reports, in progress or finished (#/tickets?show=done), newest first, live.
import { h, fill } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { isOpen, keepFresh, stateCard, retryButton, skeleton, viewHead } from './common.js';
import { ticketRow, updateCount } from './home.js';

export default {
  title: 'portal.title.tickets',

  async render(view, ctx) {
    const show = ctx.params.get('show') === 'done' ? 'done' : 'open';
    const body = h('div', { class: 'list-body', 'aria-busy': 'true' }, skeleton(3));
    const more = h('button', { type: 'button', class: 'btn btn-secondary btn-block', hidden: true, i18n: 'portal.tickets.loadMore', 'data-testid': 'tickets-more' });
    const tab = (name, key) => h('a', {
      href: name === 'open' ? '#/tickets' : '#/tickets?show=done',
      class: 'segment', 'aria-current': show === name ? 'page' : null, 'data-testid': `tickets-show-${name}`,
    }, h('span', { i18n: key }), h('span', { class: 'segment-count', dataset: { count: name } }));

    view.append(
      viewHead('portal.title.tickets'),
      h('a', { class: 'btn btn-accent btn-block', href: '#/tickets/new', 'data-testid': 'tickets-new', i18n: 'portal.tickets.new' }),
      h('nav', { class: 'segments', 'aria-label': t('portal.tickets.filter'), 'data-i18n-aria-label': 'portal.tickets.filter' },
        tab('open', 'portal.tickets.open'), tab('done', 'portal.tickets.done')),
      body,
      more);

    let items = [];
    let next = null;
    let stopped = false;

    function paint() {
      const open = items.filter(isOpen);
      const shown = show === 'open' ? open : items.filter((x) => !isOpen(x));
      updateCount(open.length);
      const counts = { open: open.length, done: items.length - open.length };
      for (const el of view.querySelectorAll('[data-count]')) el.textContent = next ? '' : `(${counts[el.dataset.count]})`;
      fill(body, shown.length
        ? h('ul', { class: 'ticket-list', 'data-testid': 'tickets-list' }, shown.map(ticketRow))
        : stateCard('empty', show === 'open' ? 'portal.tickets.emptyOpen' : 'portal.tickets.emptyDone'));
      body.setAttribute('aria-busy', 'false');
      more.hidden = !next;
    }

    /** cursor: the next page; 'refresh': the first page again, keeping what was paged in beyond it. */
    async function load(cursor = null) {
      try {
        const refresh = cursor === 'refresh';
        const query = cursor && !refresh ? `?cursor=${encodeURIComponent(cursor)}` : '';
        const answer = await ctx.api.get(`/api/v1/portal/tickets${query}`);
        if (stopped) return;
        const page = answer.items ?? [];
        const ids = new Set(page.map((x) => x.id));
        if (refresh && items.length > page.length) {
          items = [...page, ...items.slice(page.length).filter((x) => !ids.has(x.id))];
        } else if (cursor && !refresh) {
          items = [...items.filter((x) => !ids.has(x.id)), ...page];
          next = answer.next ?? null;
        } else {
          items = page;
          next = answer.next ?? null;
        }
        paint();
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        if (cursor) return; // the list already shown stays; "Muat lebih banyak" can be tapped again
        fill(body, stateCard('error', 'portal.tickets.failed', null, retryButton(() => { fill(body, skeleton(3)); load(); })));
        body.setAttribute('aria-busy', 'false');
      }
    }

    more.addEventListener('click', async () => {
      more.disabled = true;
      await load(next);
      more.disabled = false;
    });

    load();
    // A change to any report: the first page again (what was paged in beyond it stays).
    const stop = keepFresh(['ticket'], () => load('refresh'));
    return () => {
      stopped = true;
      stop();
    };
  },
};
