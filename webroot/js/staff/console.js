// The staff console: one page, client-side routes (#/page/sub?filters), so a view and its filters can be
// shared as a link. Pages live in ./pages/<name>.js and export:
//
//   export default {
//     title: 'console.nav.whatsapp',   // i18n key of the page's title
//     dictionary: 'whatsapp',           // optional: its texts in /js/i18n/whatsapp.<lang>.json
//     async render(view, ctx) { …; return () => { /* stop: unwatch streams, timers */ }; },
//   };
//
// ctx: me (the signed-in staff member), path (segments after the page), params (URLSearchParams of the
// hash), setParams({k: v}) (updates the URL without a reload; null removes), navigate('#/…'), bus, api,
// actions([{ id, label, run }]) (palette entries while the page is shown), can(...roles), guard(fn) (asked before the
// reader leaves the page for another route: fn returns true, false or a promise of either, e.g. unsaved changes).
//
// While alerts fire, the document title starts with "(n)" on every page, and (opt-in, from the alerts page's header)
// a critical alert that starts firing shows a browser notification with a short beep (../staff/alerts/notify.js).
// Admins, supervisors and CS see a toast when a ticket reaches its SLA warning or breach (./tickets/sla-toasts.js).
//
// Working fast: "/" search, "g" then a letter switches pages, j/k move through [data-row] rows, x selects
// the current row's [data-select] checkbox, Enter opens its [data-open], "?" lists the keys, Ctrl+K opens
// the command palette.
import { startShell } from '../shell.js';
import { api } from '../api.js';
import { bus } from '../bus.js';
import { setText, t, useDictionary, setLang, currentLang } from '../i18n.js';
import { fmt, h, stateBlock } from '../dom.js';
import { logout } from '../auth.js';
import { openAlerts } from './alerts/store.js';
import { announce, unlockSoundOnFirstGesture } from './alerts/notify.js';
import { ticketSummary } from './tickets/summary.js';
import { watchSlaToasts } from './tickets/sla-toasts.js';

const PAGES = {
  overview: { roles: null, key: 'o' },
  tickets: { roles: null, key: 'k' },
  installations: { roles: null, key: 'i' },
  whatsapp: { roles: ['admin', 'supervisor', 'cs', 'noc'], key: 'w' },
  customers: { roles: ['admin', 'supervisor', 'cs', 'noc'], key: 'c' },
  staff: { roles: ['admin', 'supervisor'], key: 's' },
  tokens: { roles: ['admin'], key: 't' },
  audit: { roles: ['admin'], key: 'a' },
  performance: { roles: ['admin', 'supervisor', 'noc'], key: 'p' },
  alerts: { roles: ['admin', 'supervisor', 'cs', 'noc'], key: 'l' },
  billing: { roles: ['admin', 'supervisor', 'cs'], key: 'b' },
  kb: { roles: null, key: 'h' },
};

/** Who may watch ui.alerts (the hub refuses it to the others). */
const ALERT_WATCHERS = ['admin', 'supervisor', 'cs', 'noc'];

function start(me) {
  const view = document.querySelector('[data-view]');
  const can = (...roles) => roles.includes(me.role);
  const allowed = (name) => !PAGES[name].roles || PAGES[name].roles.includes(me.role);
  let current = { stop: null, actions: [], token: 0, titleKey: 'console.pageTitle', guard: null, hash: null };

  wireLive();
  wireNavToggle();
  const title = wireTitle(() => current.titleKey, can(...ALERT_WATCHERS));
  // The open alerts are watched on every page: the title counts the firing ones, and a critical one that starts
  // firing is announced even while another page (or another tab) has the person's attention.
  if (can(...ALERT_WATCHERS)) {
    openAlerts().subscribe(({ newlyFiring }) => {
      title.refresh();
      announce(newlyFiring);
    });
    unlockSoundOnFirstGesture();
  }
  // Breached tickets are counted beside "Tiket" in the navigation, on every page.
  if (can('admin', 'supervisor', 'cs', 'noc')) {
    const navTickets = document.querySelector('[data-tickets-count]');
    const tickets = ticketSummary();
    const paintTickets = () => {
      const breached = tickets.summary?.bySla?.breached ?? 0;
      navTickets.hidden = !breached;
      navTickets.textContent = breached ? fmt.number(breached) : '';
      navTickets.title = breached ? t('console.tickets.navCount', { n: fmt.number(breached) }) : '';
    };
    tickets.subscribe(paintTickets);
    document.addEventListener('i18n:change', paintTickets);
  }
  // A ticket reaching its SLA warning or breach shows a toast (number, subject, a link) on every page, once per ticket
  // and event, for the people who answer for the queue.
  if (can('admin', 'supervisor', 'cs')) watchSlaToasts();
  // Keeps the socket open and the cluster's state known on every page. Technicians have no live stream (ui.tickets
  // and ui.installations carry every customer's details, which the bridge cannot filter per technician): their
  // pages refresh on a timer, and no indicator says "connecting" for ever.
  if (can('admin', 'supervisor', 'cs', 'noc')) bus.watch('ui.ops', {});
  else document.querySelector('[data-live]').hidden = true;

  function route() {
    const raw = location.hash.replace(/^#\/?/, '');
    const [pathPart, query = ''] = raw.split('?');
    const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
    const name = segments[0] && PAGES[segments[0]] ? segments[0] : 'overview';
    return { name, path: segments.slice(1), params: new URLSearchParams(query) };
  }

  async function show() {
    // A page with unsaved work is asked first; the address goes back while it asks, and forward again if it may.
    const target = location.hash;
    if (current.guard && current.hash != null && target !== current.hash) {
      const guard = current.guard;
      history.replaceState(null, '', current.hash);
      let leave = false;
      try { leave = await guard(); } catch { leave = true; }
      if (!leave || current.guard !== guard) return;
      history.replaceState(null, '', target);
    }
    current.guard = null;
    current.hash = location.hash;
    let { name, path, params } = route();
    const token = ++current.token;
    current.stop?.();
    current.stop = null;
    current.actions = [];
    for (const link of document.querySelectorAll('.console-nav a[data-page]')) {
      if (link.dataset.page === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    document.body.classList.remove('nav-open');
    if (!allowed(name)) {
      view.replaceChildren(stateBlock('error', 'console.page.forbidden'));
      return;
    }
    view.replaceChildren(stateBlock('loading', 'common.loading'));
    try {
      const page = (await import(`./pages/${name}.js`)).default;
      if (page.dictionary) await useDictionary(page.dictionary);
      if (token !== current.token) return;
      current.titleKey = page.title;
      title.refresh();
      const ctx = {
        me, path, params, bus, api, can,
        setParams(changes) {
          const next = new URLSearchParams(params);
          for (const [k, v] of Object.entries(changes)) {
            if (v == null || v === '') next.delete(k);
            else next.set(k, v);
          }
          params = next;
          ctx.params = next;
          const query = next.toString();
          history.replaceState(null, '', `#/${[name, ...path].map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`);
          current.hash = location.hash;
        },
        guard(fn) { if (token === current.token) current.guard = fn; },
        navigate(hash) { location.hash = hash; },
        actions(list) { current.actions = list; },
      };
      const container = h('div', { class: `page page-${name}` });
      view.replaceChildren(container);
      const stop = await page.render(container, ctx);
      if (token !== current.token) stop?.();
      else current.stop = stop ?? null;
    } catch (err) {
      console.error(err);
      if (token === current.token) {
        view.replaceChildren(stateBlock('error', 'console.page.failed', null,
          h('button', { class: 'btn btn-primary', type: 'button', i18n: 'common.retry', on: { click: show } })));
      }
    }
  }

  window.addEventListener('hashchange', show);
  show();
  wireKeys({ allowed, pageActions: () => current.actions, can });
  wirePalette({ allowed, pageActions: () => current.actions, can });
}

function wireLive() {
  const box = document.querySelector('[data-live]');
  const label = box.querySelector('[data-live-label]');
  const time = box.querySelector('[data-live-time]');
  const banner = document.querySelector('[data-signed-out]');
  const render = () => {
    box.dataset.status = bus.status;
    setText(label, `console.live.${bus.status}`);
    if (bus.lastUpdate) setText(time, 'console.live.updated', { time: fmt.time(bus.lastUpdate.toISOString()) });
    banner.hidden = bus.status !== 'signedOut';
  };
  document.addEventListener('bus:status', render);
  render();
}

/**
 * The document title: the page's name, prefixed with "(n)" while n alerts fire, so a background tab still shows
 * them (and the same n beside "Peringatan" in the navigation). Kept on language switches, which would otherwise put
 * the static <title>'s text back.
 */
function wireTitle(titleKey, watchingAlerts) {
  const navCount = document.querySelector('[data-alerts-count]');
  const refresh = () => {
    const key = titleKey();
    const name = key === 'console.pageTitle' ? t(key) : `${t(key)} · AGLIS Hub`;
    const firing = watchingAlerts && openAlerts().ready ? openAlerts().firing : 0;
    document.title = firing ? `(${firing}) ${name}` : name;
    if (navCount) {
      navCount.hidden = !firing;
      navCount.textContent = firing ? fmt.number(firing) : '';
      navCount.title = firing ? t('console.alerts.navCount', { n: fmt.number(firing) }) : '';
    }
  };
  document.addEventListener('i18n:change', refresh);
  return { refresh };
}

function wireNavToggle() {
  const button = document.querySelector('[data-nav-toggle]');
  button.addEventListener('click', () => {
    const open = document.body.classList.toggle('nav-open');
    button.setAttribute('aria-expanded', String(open));
  });
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function wireKeys({ allowed }) {
  let pendingG = 0;
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      openPalette();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || document.querySelector('dialog[open]')) return;
    const key = event.key;
    if (pendingG && Date.now() - pendingG < 1500) {
      pendingG = 0;
      const page = Object.entries(PAGES).find(([, p]) => p.key === key)?.[0];
      if (page && allowed(page)) {
        event.preventDefault();
        location.hash = `#/${page}`;
      }
      return;
    }
    switch (key) {
      case 'g': pendingG = Date.now(); break;
      case '/': {
        const search = document.querySelector('[data-view] [data-search]');
        if (search) { event.preventDefault(); search.focus(); search.select?.(); }
        break;
      }
      case '?': event.preventDefault(); document.querySelector('[data-keys-help]').showModal(); break;
      case 'j': case 'k': event.preventDefault(); moveRow(key === 'j' ? 1 : -1); break;
      case 'x': currentRow()?.querySelector('[data-select]')?.click(); break;
      case 'Enter': {
        const row = currentRow();
        if (row && document.activeElement === row) { event.preventDefault(); row.querySelector('[data-open]')?.click(); }
        break;
      }
      default: break;
    }
  });
}

function rows() {
  return [...document.querySelectorAll('[data-view] [data-row]')].filter((r) => r.offsetParent !== null);
}

function currentRow() {
  return document.querySelector('[data-view] [data-row].row-current');
}

function moveRow(step) {
  const list = rows();
  if (!list.length) return;
  const at = list.indexOf(currentRow());
  const next = list[Math.max(0, Math.min(list.length - 1, at < 0 ? 0 : at + step))];
  list.forEach((r) => r.classList.remove('row-current'));
  next.classList.add('row-current');
  next.tabIndex = -1;
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: 'nearest' });
}

let openPalette = () => {};

// Last, so every declaration above is in place before the console starts.
await useDictionary('console');
const me = await startShell({ kind: 'staff', loginUrl: '/staff/login.html' });
if (me) start(me);

function wirePalette({ allowed, pageActions, can }) {
  const dialog = document.querySelector('[data-palette]');
  const input = dialog.querySelector('[data-palette-input]');
  const list = dialog.querySelector('[data-palette-list]');
  let shown = [];
  let at = 0;

  const go = (page, key, extra = '') => ({ id: `go.${page}`, label: t(key), run: () => { location.hash = `#/${page}${extra}`; }, page });
  const globalActions = () => [
    can('admin', 'supervisor', 'cs', 'noc') && { id: 'ticket', label: t('console.action.newTicket'), run: () => { location.hash = '#/tickets/new'; } },
    { id: 'myTickets', label: t('console.action.myTickets'), run: () => { location.hash = can('technician') ? '#/tickets' : '#/tickets?assignee=me'; } },
    can('admin', 'supervisor', 'cs') && { id: 'installation', label: t('console.action.newInstallation'), run: () => { location.hash = '#/installations/new'; } },
    can('admin', 'supervisor', 'cs', 'noc') && { id: 'send', label: t('console.action.send'), run: () => { location.hash = '#/whatsapp/send'; } },
    can('admin', 'supervisor', 'cs', 'noc') && { id: 'customer', label: t('console.action.findCustomer'), run: () => { location.hash = '#/customers?focus=search'; } },
    can('admin', 'supervisor', 'noc') && { id: 'pause', label: t('console.action.pauseDevice'), run: () => { location.hash = '#/whatsapp/devices'; } },
    can('admin', 'supervisor', 'cs', 'noc') && { id: 'requeue', label: t('console.action.requeue'), run: () => { location.hash = '#/whatsapp/messages?status=failed'; } },
    can('admin', 'supervisor', 'cs', 'noc') && { id: 'search', label: t('console.action.searchMessages'), run: () => { location.hash = '#/whatsapp/messages'; } },
    ...Object.keys(PAGES).filter(allowed).map((p) => go(p, 'console.action.goTo', '')).map((a) => ({ ...a, label: `${t('console.action.goTo')} ${t(`console.nav.${a.page}`)}` })),
    { id: 'lang', label: t('console.action.language'), run: () => setLang(currentLang() === 'id' ? 'en' : 'id') },
    { id: 'keys', label: t('console.keys.title'), run: () => document.querySelector('[data-keys-help]').showModal() },
    { id: 'logout', label: t('common.logout'), run: () => logout('/staff/login.html') },
  ].filter(Boolean);

  function render() {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    shown = [...pageActions(), ...globalActions()].filter((a) => words.every((w) => a.label.toLowerCase().includes(w)));
    at = Math.min(at, Math.max(0, shown.length - 1));
    list.replaceChildren(...(shown.length ? shown.map((a, i) => h('li', {
      role: 'option', id: `palette-${i}`, 'aria-selected': String(i === at), class: i === at ? 'is-active' : '',
      on: { click: () => run(a), mousemove: () => { if (at !== i) { at = i; render(); } } },
    }, a.label)) : [h('li', { class: 'muted', i18n: 'console.palette.none' })]));
    input.setAttribute('aria-activedescendant', shown.length ? `palette-${at}` : '');
  }

  function run(action) {
    dialog.close();
    action.run();
  }

  openPalette = () => {
    input.value = '';
    at = 0;
    render();
    dialog.showModal();
    input.focus();
  };
  document.querySelector('[data-palette-open]').addEventListener('click', () => openPalette());
  input.addEventListener('input', () => { at = 0; render(); });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') { event.preventDefault(); at = Math.min(shown.length - 1, at + 1); render(); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); at = Math.max(0, at - 1); render(); }
    else if (event.key === 'Enter') { event.preventDefault(); if (shown[at]) run(shown[at]); }
  });
}
