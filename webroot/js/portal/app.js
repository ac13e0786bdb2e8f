// The customer portal: one page, hash routes, phone first.
//
//   #/                  home (dashboard)            ./home.js
//   #/tickets[?show=done] the customer's reports    ./tickets.js
//   #/tickets/new[?category=…] report a problem     ./new-ticket.js
//   #/tickets/<id>      one report and its thread   ./ticket.js
//   #/bills[?show=open|paid] current bill, history, PDFs ./bills.js
//   #/help[?q=…|?category=…] help: search, categories ./help.js
//   #/help/<slug>       one help article, "helpful?" ./article.js
//   #/installation      installation timeline       ./installation.js   (no tab: reached from Beranda's card)
//   #/speedtest         speed test, result vs plan, history ./speedtest.js (no tab: reached from Beranda's card)
//   #/account           details, notices, sign out  ./account.js
//
// A view module exports { title: 'i18n key', async render(container, ctx) → stop function | undefined }.
// ctx: me, path (segments after the first), params (URLSearchParams), api, live, navigate(hash), portal
// (shared facts: installations, refreshed by installation frames).
//
// Five tabs (Beranda, Tagihan, Laporan, Bantuan, Akun) is what fits at 390 px: a sixth, "Pemasangan", would
// squeeze every label below a readable size, so an installation is reached from Beranda's card and its route
// lights the Beranda tab.
import { startShell } from '../shell.js';
import { api, ApiError } from '../api.js';
import { t, useDictionary } from '../i18n.js';
import { h } from '../dom.js';
import { live, startLive, stateCard, retryButton } from './common.js';

const ROUTES = {
  home: { module: './home.js', tab: 'home' },
  tickets: { module: './tickets.js', tab: 'tickets' },
  newTicket: { module: './new-ticket.js', tab: 'tickets' },
  ticket: { module: './ticket.js', tab: 'tickets' },
  bills: { module: './bills.js', tab: 'bills' },
  help: { module: './help.js', tab: 'help' },
  article: { module: './article.js', tab: 'help' },
  installation: { module: './installation.js', tab: 'home' },
  speedtest: { module: './speedtest.js', tab: 'home' },
  account: { module: './account.js', tab: 'account' },
};

function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart, query = ''] = raw.split('?');
  const segments = pathPart.split('/').filter(Boolean).map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
  const params = new URLSearchParams(query);
  const [first, second] = segments;
  let name = null;
  if (!first) name = 'home';
  else if (first === 'tickets' && !second) name = 'tickets';
  else if (first === 'tickets' && second === 'new') name = 'newTicket';
  else if (first === 'tickets' && /^\d+$/.test(second) && segments.length === 2) name = 'ticket';
  else if (first === 'bills' && !second) name = 'bills';
  else if (first === 'help' && !second) name = 'help';
  else if (first === 'help' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(second) && segments.length === 2) name = 'article';
  else if (first === 'installation' && !second) name = 'installation';
  else if (first === 'speedtest' && !second) name = 'speedtest';
  else if (first === 'account' && !second) name = 'account';
  return { name, path: segments.slice(1), params };
}

/** Facts more than one view needs, fetched once and kept current. */
const portal = {
  installations: null, // null until known; [] when the customer has none (or the API is not there)
  loading: null,
  /** Concurrent callers (a live frame seen by the shell and a view at once) share one request. */
  loadInstallations() {
    this.loading ??= this.fetchInstallations().finally(() => { this.loading = null; });
    return this.loading;
  },
  async fetchInstallations() {
    try {
      const answer = await api.get('/api/v1/portal/installations');
      this.installations = Array.isArray(answer) ? answer : (answer?.items ?? []);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw err;
      this.installations ??= [];
    }
    return this.installations;
  },
};

async function start(me) {
  // The speed test's texts are loaded up front too: Beranda shows its card, and its page title is set before it renders.
  await Promise.all([useDictionary('portal'), useDictionary('speedtest')]);
  const view = document.querySelector('[data-view]');
  const main = document.querySelector('main');
  let current = { token: 0, stop: null, titleKey: 'portal.title.home' };
  let firstRender = true;

  const refreshTitle = () => { document.title = `${t(current.titleKey)} · ${t('portal.tagline')} AGLIS`; };
  document.addEventListener('i18n:change', refreshTitle);

  startLive(me);
  portal.loadInstallations().catch(() => {});
  live.on('installation', () => portal.loadInstallations().catch(() => {}));

  async function show() {
    const { name, path, params } = route();
    const token = ++current.token;
    current.stop?.();
    current.stop = null;
    const tab = name ? ROUTES[name].tab : null;
    for (const link of document.querySelectorAll('.portal-tabs a[data-tab]')) {
      if (link.dataset.tab === tab) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const container = h('div', { class: `view view-${name ?? 'missing'}` });
    view.replaceChildren(container);
    if (!name) {
      current.titleKey = 'portal.title.notFound';
      refreshTitle();
      container.append(h('h1', { class: 'view-title', tabindex: '-1', 'data-view-title': true, i18n: 'portal.title.notFound' }),
        stateCard('missing', 'portal.notFound.text', null, h('a', { class: 'btn btn-accent', href: '#/', i18n: 'portal.back.home' })));
      focusTitle();
      return;
    }
    try {
      const page = (await import(ROUTES[name].module)).default;
      if (token !== current.token) return;
      current.titleKey = page.title;
      refreshTitle();
      const ctx = { me, path, params, api, live, portal, navigate: (hash) => { location.hash = hash; } };
      const stop = await page.render(container, ctx);
      if (token !== current.token) stop?.();
      else current.stop = stop ?? null;
    } catch (err) {
      console.error(err);
      if (token !== current.token) return;
      container.replaceChildren(stateCard('error', 'portal.viewFailed', null, retryButton(show)));
    }
    if (token === current.token) focusTitle();
  }

  // On a route change (not the first load) focus moves to the new view's heading, so a screen reader
  // announces where the person landed and Tab continues from there; the page starts at the top.
  function focusTitle() {
    if (firstRender) {
      firstRender = false;
      return;
    }
    const title = view.querySelector('[data-view-title]') ?? main;
    title.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  // The skip link's #main would be read as a route: it moves focus to the content instead.
  document.querySelector('.skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    (view.querySelector('[data-view-title]') ?? main).focus();
  });

  window.addEventListener('hashchange', show);
  await show();
}

const me = await startShell({ kind: 'customer', loginUrl: '/portal/login.html' });
if (me) await start(me);
