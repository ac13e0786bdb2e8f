// One help article (#/help/<slug>): its body, "Apakah artikel ini membantu?" (one vote per customer, which can be
// changed; myVote comes with the article), and the way to report a problem when it did not help.
//
// The body is the hub's `bodyHtml`: rendered from Markdown and sanitised with the OWASP sanitizer when the article
// was saved (docs/kb.md "Rendering and what it lets through": no script, no event attributes, no style, links only
// http(s)/mailto/hub paths, images only from the hub). It is the ONE place the portal inserts HTML, and only from
// that field; every other text goes in as text.
import { h, fill, fmt } from '../dom.js';
import { ApiError } from '../api.js';
import { errorMessage, showMessage, clearMessage } from '../ui.js';
import { stateCard, retryButton, skeleton, viewHead, announce } from './common.js';
import { reportLink } from './help.js';

function voteBox(ctx, article) {
  let myVote = typeof article.myVote === 'boolean' ? article.myVote : null;
  const region = h('div', { 'aria-live': 'polite', 'aria-atomic': 'true', class: 'vote-status' });
  const button = (helpful, key) => h('button', {
    type: 'button', class: 'btn btn-secondary vote-btn', 'aria-pressed': String(myVote === helpful),
    value: String(helpful), 'data-testid': `kb-vote-${helpful ? 'yes' : 'no'}`,
  }, h('span', { 'aria-hidden': 'true', class: 'vote-icon', text: helpful ? '👍' : '👎' }), h('span', { i18n: key }));
  const yes = button(true, 'portal.article.yes');
  const no = button(false, 'portal.article.no');

  function thanks() {
    if (myVote === null) return fill(region);
    return fill(region,
      h('p', { class: 'saved', 'data-testid': 'kb-vote-thanks', i18n: 'portal.article.thanks' }),
      myVote === false ? h('p', { class: 'vote-sorry' }, h('span', { i18n: 'portal.article.sorry' }), ' ',
        h('a', { href: '#/tickets/new', i18n: 'portal.help.report', 'data-testid': 'kb-vote-report' })) : null);
  }

  async function vote(helpful) {
    yes.disabled = no.disabled = true;
    clearMessage(region);
    try {
      const answer = await ctx.api.post(`/api/v1/portal/kb/articles/${encodeURIComponent(article.slug)}/vote`, { helpful });
      myVote = typeof answer?.myVote === 'boolean' ? answer.myVote : helpful;
      yes.setAttribute('aria-pressed', String(myVote === true));
      no.setAttribute('aria-pressed', String(myVote === false));
      thanks();
      announce('portal.article.thanks');
    } catch (err) {
      showMessage(region, errorMessage(err));
    } finally {
      yes.disabled = no.disabled = false;
    }
  }

  yes.addEventListener('click', () => vote(true));
  no.addEventListener('click', () => vote(false));
  thanks();
  return h('section', { class: 'card vote-card', 'aria-labelledby': 'kb-vote-title', 'data-testid': 'kb-vote' },
    h('h2', { id: 'kb-vote-title', i18n: 'portal.article.helpful' }),
    h('div', { class: 'vote-actions', role: 'group', 'aria-labelledby': 'kb-vote-title' }, yes, no),
    region);
}

export default {
  title: 'portal.title.article',

  async render(view, ctx) {
    const slug = ctx.path[0];
    const body = h('div', { class: 'article-slot' }, skeleton(4));
    const back = { href: '#/help', key: 'portal.help.back' };
    view.append(viewHead('portal.title.article', { back }), body);
    let stopped = false;

    async function load() {
      try {
        const article = await ctx.api.get(`/api/v1/portal/kb/articles/${encodeURIComponent(slug)}`);
        if (stopped) return;
        const content = h('div', { class: 'kb-body', 'data-testid': 'kb-body' });
        content.innerHTML = typeof article.bodyHtml === 'string' ? article.bodyHtml : ''; // sanitised by the hub: see above
        // Links that leave the portal open in a new tab, so the customer does not lose their place.
        for (const a of content.querySelectorAll('a[href^="http"]')) {
          a.target = '_blank';
          a.rel = 'nofollow noopener noreferrer';
        }
        const title = view.querySelector('[data-view-title]');
        title.textContent = article.title;
        title.removeAttribute('data-i18n');
        document.title = `${article.title} · AGLIS`;
        fill(body,
          h('article', { class: 'card kb-article', 'aria-labelledby': 'kb-article-title' },
            h('p', { class: 'kb-meta muted' },
              article.category?.name ? h('a', { href: `#/help?category=${encodeURIComponent(article.category.slug)}`, text: article.category.name }) : null,
              article.category?.name ? ' · ' : null,
              h('span', { i18n: 'portal.article.updated' }), ' ',
              h('time', { datetime: article.updatedAt, text: fmt.dateTime(article.updatedAt) })),
            h('span', { id: 'kb-article-title', class: 'visually-hidden', text: article.title }),
            content),
          voteBox(ctx, article),
          h('section', { class: 'card report-card', 'aria-labelledby': 'kb-still' },
            h('h2', { id: 'kb-still', i18n: 'portal.help.stillTitle' }),
            h('p', { class: 'muted', i18n: 'portal.help.stillText' }),
            reportLink({ class: 'btn btn-accent btn-block' })));
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        fill(body, err instanceof ApiError && err.status === 404
          ? stateCard('missing', 'portal.article.notFound', null, h('a', { class: 'btn btn-secondary', href: '#/help', i18n: 'portal.help.back' }))
          : stateCard('error', 'portal.article.failed', null, retryButton(() => { fill(body, skeleton(4)); load(); })));
      }
    }

    await load();
    return () => { stopped = true; };
  },
};
