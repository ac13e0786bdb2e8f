// SLA toasts: while the console is open (any page), a supervisor or CS agent sees a small notice when a ticket reaches
// its SLA warning or breach: the ui.tickets frames carry such changes with "event":"sla.warning" / "sla.breached". Each
// names the ticket number and subject with a link to it. One toast per ticket per event: what was shown is remembered
// for the tab's session (sessionStorage), so a reconnect's catch-up, a reload, or the same change in a later frame
// shows nothing again. The console has no in-page toast elsewhere (alerts use opt-in browser notifications,
// ../alerts/notify.js), so this is the console's toast region: bottom right on a laptop, across the bottom on a phone.
//
// Keyboard: the toasts sit in a labelled region reached with Tab (or Alt+N, which focuses the newest one's link);
// Escape inside a toast dismisses it. A warning fades after 20 s unless hovered or focused; a breach stays until
// dismissed. At most four are shown; the oldest gives way.
import { bus } from '../../bus.js';
import { h } from '../../dom.js';
import { t, useDictionary } from '../../i18n.js';

const EVENTS = ['sla.warning', 'sla.breached'];
const STORAGE_KEY = 'aglis.tickets.slaToasts';
const REMEMBERED = 500;
const WARNING_MS = 20_000;
const MAX_SHOWN = 4;

let region = null;
let seen = null;

function remembered() {
  if (seen) return seen;
  try {
    seen = new Set(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]'));
  } catch {
    seen = new Set(); // storage blocked or garbled: remembered for this page view only
  }
  return seen;
}

function remember(key) {
  const set = remembered();
  set.add(key);
  // Keep the newest few hundred: a long shift must not grow the entry for ever.
  const list = [...set].slice(-REMEMBERED);
  seen = new Set(list);
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    // not remembered across reloads; still once per page view
  }
}

function ensureRegion() {
  if (region?.isConnected) return region;
  region = h('section', { class: 'toasts', 'data-testid': 'toasts', 'aria-live': 'polite', 'aria-relevant': 'additions',
    'data-i18n-aria-label': 'tickets.toast.region', 'aria-label': t('tickets.toast.region') });
  document.body.append(region);
  return region;
}

/** Shows a toast for each SLA change not shown before; the ui.tickets watcher calls it with a frame's changes. */
export async function announceSlaChanges(changes) {
  const fresh = (changes ?? []).filter((c) => EVENTS.includes(c?.event) && c.id != null && !remembered().has(`${c.id}:${c.event}`));
  if (!fresh.length) return;
  fresh.forEach((c) => remember(`${c.id}:${c.event}`));
  await useDictionary('tickets'); // the toast's words, whatever page is shown
  fresh.forEach(show);
}

function show(change) {
  const box = ensureRegion();
  const breached = change.event === 'sla.breached';
  const tk = change.ticket ?? {};
  const number = change.number ?? tk.number ?? `#${change.id}`;
  let timer = 0;
  const close = () => {
    clearTimeout(timer);
    const hadFocus = toast.contains(document.activeElement);
    toast.remove();
    if (hadFocus) (box.querySelector('.toast:last-child a') ?? document.querySelector('#main'))?.focus();
  };
  const link = h('a', { class: 'toast-link', href: `#/tickets/${encodeURIComponent(change.id)}`, 'data-testid': 'toast-open',
    on: { click: () => close() } },
  h('span', { class: 'mono', text: number }), ' ', h('span', { class: 'toast-subject', text: tk.subject ?? '' }));
  const toast = h('div', { class: `toast toast-${breached ? 'breached' : 'warning'}`, role: breached ? 'alert' : 'status',
    'data-testid': 'sla-toast', dataset: { id: String(change.id), event: change.event } },
  h('div', { class: 'toast-body' },
    h('p', { class: 'toast-title', i18n: breached ? 'tickets.toast.breached' : 'tickets.toast.warning' }),
    h('p', { class: 'toast-text' }, link),
    tk.customer?.name ? h('p', { class: 'toast-meta muted small', text: tk.customer.name }) : null),
  h('button', { type: 'button', class: 'toast-close', 'data-i18n-aria-label': 'tickets.toast.dismiss', 'aria-label': t('tickets.toast.dismiss'),
    title: t('tickets.toast.dismiss'), text: '×', on: { click: close } }));
  toast.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
  if (!breached) {
    // A warning fades on its own, but never while it is being read (hovered) or used (focused).
    const arm = () => { clearTimeout(timer); timer = setTimeout(close, WARNING_MS); };
    const hold = () => clearTimeout(timer);
    toast.addEventListener('mouseenter', hold);
    toast.addEventListener('mouseleave', () => { if (!toast.contains(document.activeElement)) arm(); });
    toast.addEventListener('focusin', hold);
    toast.addEventListener('focusout', (e) => { if (!toast.contains(e.relatedTarget)) arm(); });
    arm();
  }
  box.append(toast);
  while (box.children.length > MAX_SHOWN) box.firstElementChild.remove();
}

/** Watches ui.tickets for the whole console; returns the stop function. */
export function watchSlaToasts() {
  const stop = bus.watch('ui.tickets', {
    snapshot() {},
    frame(frame) { announceSlaChanges(frame.data?.changes); },
    denied() {},
  });
  const onKey = (e) => {
    // Alt+N: to the newest toast's link, from anywhere (Escape there dismisses it).
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'n') {
      const newest = region?.querySelector('.toast:last-child a');
      if (newest) { e.preventDefault(); newest.focus(); }
    }
  };
  document.addEventListener('keydown', onKey);
  return () => { stop(); document.removeEventListener('keydown', onKey); };
}
