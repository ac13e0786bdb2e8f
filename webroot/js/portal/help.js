// Bantuan: search the help articles (as the customer types, after a pause; the hub ranks them: full text, then
// similar titles for typos, then any of the words), or browse them by category (#/help?category=tagihan). A search
// that finds nothing offers to report the problem instead. The query stays in the address (#/help?q=…, replaced,
// not pushed), so "back" from an article returns to the same results. API: docs/kb.md "Help pages".
import { h, fill } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import { stateCard, retryButton, skeleton, viewHead } from './common.js';

const DEBOUNCE_MS = 350;
const MIN_CHARS = 2;
const MAX_CHARS = 200; // the hub's limit for q

export function articleLink(article) {
  return h('li', { class: 'kb-row', 'data-testid': 'kb-article', dataset: { slug: article.slug } },
    h('a', { href: `#/help/${encodeURIComponent(article.slug)}`, class: 'kb-link' },
      h('span', { class: 'kb-title', text: article.title }),
      article.summary ? h('span', { class: 'kb-summary muted', text: article.summary }) : null,
      article.category?.name ? h('span', { class: 'kb-cat', text: article.category.name }) : null));
}

/** "Laporkan masalah": the way out when help does not help. */
export function reportLink(extra = {}) {
  return h('a', { class: 'btn btn-accent', href: '#/tickets/new', i18n: 'portal.help.report', 'data-testid': 'help-report', ...extra });
}

export default {
  title: 'portal.title.help',

  async render(view, ctx) {
    const category = ctx.params.get('category');
    const input = h('input', {
      type: 'search', id: 'help-q', name: 'q', autocomplete: 'off', enterkeyhint: 'search', maxlength: MAX_CHARS,
      placeholder: t('portal.help.placeholder'), 'data-i18n-placeholder': 'portal.help.placeholder',
      'aria-describedby': 'help-q-hint', 'aria-controls': 'help-results', 'data-testid': 'help-search',
      value: ctx.params.get('q') ?? '',
    });
    const form = h('form', { class: 'card help-search', role: 'search', novalidate: true },
      h('label', { for: 'help-q', class: 'help-search-label', i18n: 'portal.help.searchLabel' }),
      h('div', { class: 'help-search-row' },
        input,
        h('button', { type: 'submit', class: 'btn btn-accent', i18n: 'portal.help.search', 'data-testid': 'help-search-submit' })),
      h('p', { id: 'help-q-hint', class: 'muted help-hint', i18n: 'portal.help.searchHint' }));
    const results = h('section', { id: 'help-results', class: 'help-results', 'aria-live': 'polite', 'aria-busy': 'false', hidden: true, 'data-testid': 'help-results' });
    const browse = h('section', { class: 'help-browse', 'aria-labelledby': 'help-browse-title' });

    view.append(viewHead('portal.title.help', { lead: 'portal.help.lead' }), form, results, browse);

    let stopped = false;
    let seq = 0;
    let timer = null;

    function keepInAddress(q) {
      const hash = q ? `#/help?q=${encodeURIComponent(q)}` : (category ? `#/help?category=${encodeURIComponent(category)}` : '#/help');
      if (location.hash !== hash) history.replaceState(history.state, '', hash);
    }

    async function search(q) {
      const mine = ++seq;
      clearTimeout(timer);
      keepInAddress(q.length >= MIN_CHARS ? q : '');
      if (q.length < MIN_CHARS) {
        results.hidden = true;
        results.replaceChildren();
        browse.hidden = false;
        return;
      }
      browse.hidden = true;
      results.hidden = false;
      results.setAttribute('aria-busy', 'true');
      if (!results.querySelector('.kb-list')) fill(results, skeleton(3));
      try {
        const answer = await ctx.api.get(`/api/v1/portal/kb/search?q=${encodeURIComponent(q)}`);
        if (stopped || mine !== seq) return;
        const items = answer.items ?? [];
        const near = answer.match === 'similar' || answer.match === 'partial';
        fill(results,
          items.length
            ? [
              h('h2', { class: 'help-results-title', 'data-testid': 'help-results-count', i18n: [near ? 'portal.help.near' : 'portal.help.found', { n: items.length, q }] }),
              h('ol', { class: 'kb-list', 'data-testid': 'help-result-list' }, items.map(articleLink)),
            ]
            : stateCard('missing', 'portal.help.noMatch', { q }, h('div', { class: 'p-state-actions' },
              h('p', { i18n: 'portal.help.noMatchHint' }), reportLink())));
      } catch (err) {
        if (stopped || mine !== seq || (err instanceof ApiError && err.status === 401)) return;
        const key = err instanceof ApiError && err.status === 429 ? 'portal.help.tooMany' : 'portal.help.searchFailed';
        fill(results, stateCard('error', key, null, retryButton(() => search(q))));
      } finally {
        if (mine === seq) results.setAttribute('aria-busy', 'false');
      }
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      timer = setTimeout(() => search(q), q.length < MIN_CHARS ? 0 : DEBOUNCE_MS);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      search(input.value.trim());
    });

    async function loadBrowse() {
      fill(browse, skeleton(3));
      try {
        if (category) {
          const [cats, answer] = await Promise.all([
            ctx.api.get('/api/v1/portal/kb/categories').catch(() => ({ items: [] })),
            ctx.api.get(`/api/v1/portal/kb/articles?category=${encodeURIComponent(category)}`),
          ]);
          if (stopped) return;
          const items = answer.items ?? [];
          const name = (cats.items ?? []).find((c) => c.slug === category)?.name ?? items[0]?.category?.name ?? category;
          fill(browse,
            h('a', { class: 'back-link', href: '#/help' }, h('span', { 'aria-hidden': 'true', text: '‹ ' }), h('span', { i18n: 'portal.help.allTopics' })),
            h('h2', { id: 'help-browse-title', text: name }),
            items.length
              ? h('ul', { class: 'kb-list', 'data-testid': 'kb-category-articles' }, items.map(articleLink))
              : stateCard('missing', 'portal.help.emptyCategory', null, h('a', { class: 'btn btn-secondary', href: '#/help', i18n: 'portal.help.allTopics' })));
          return;
        }
        const answer = await ctx.api.get('/api/v1/portal/kb/categories');
        if (stopped) return;
        const cats = (answer.items ?? []).filter((c) => c.articles > 0);
        const title = h('h2', { id: 'help-browse-title', i18n: 'portal.help.topics' });
        fill(browse, title, cats.length
          ? h('ul', { class: 'kb-cats', 'data-testid': 'kb-categories' }, cats.map((c) => h('li', {},
            h('a', { class: 'kb-cat-link', href: `#/help?category=${encodeURIComponent(c.slug)}`, dataset: { category: c.slug } },
              h('span', { class: 'kb-cat-name', text: c.name }),
              h('span', { class: 'muted kb-cat-count', i18n: ['portal.help.articles', { n: c.articles }] })))))
          : stateCard('missing', 'portal.help.noArticles', null, reportLink()));
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        fill(browse, h('h2', { id: 'help-browse-title', class: 'visually-hidden', i18n: 'portal.help.topics' }),
          stateCard('error', 'portal.help.failed', null, retryButton(loadBrowse)));
      }
    }

    // "Masih butuh bantuan?" under everything: the report form is one tap away whatever the search says.
    view.append(h('section', { class: 'card report-card', 'aria-labelledby': 'help-still' },
      h('h2', { id: 'help-still', i18n: 'portal.help.stillTitle' }),
      h('p', { class: 'muted', i18n: 'portal.help.stillText' }),
      reportLink({ class: 'btn btn-secondary btn-block', 'data-testid': 'help-report-bottom' })));

    loadBrowse();
    if (input.value.trim()) search(input.value.trim());
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  },
};
