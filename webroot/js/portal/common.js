// What the portal's views share: the customer's live stream, ticket, installation and bill vocabulary, the
// installation stepper, the current bill, photo shrinking before upload, and a confirmation dialog.
import { bus } from '../bus.js';
import { h, fmt } from '../dom.js';
import { t, setText, locale, hasKey } from '../i18n.js';

export const CATEGORIES = ['gangguan', 'lambat', 'tagihan', 'pemasangan', 'lainnya'];
/** Statuses a customer still waits on; `resolved` and `closed` are finished (a reply reopens `resolved`). */
export const OPEN_STATUSES = ['open', 'in_progress', 'waiting_customer'];
export const STAGES = ['scheduled', 'survey', 'cabling', 'device_installed', 'activated'];

const STATUS_TONE = { open: 'info', in_progress: 'progress', waiting_customer: 'warn', resolved: 'up', closed: 'neutral' };

export const isOpen = (ticket) => OPEN_STATUSES.includes(ticket.status);

export function statusBadge(status, extra = {}) {
  return h('span', { class: `badge badge-${STATUS_TONE[status] ?? 'neutral'}`, i18n: `portal.ticket.status.${status}`, ...extra });
}

/** Live: the customer's own stream, ui.customer.<id>. Views listen for 'ticket' and 'installation' events. */
export const live = {
  events: new EventTarget(),
  started: false,
  denied: false,
  on(type, fn) {
    const handler = (e) => fn(e.detail);
    this.events.addEventListener(type, handler);
    return () => this.events.removeEventListener(type, handler);
  },
  emit(type, detail) {
    this.events.dispatchEvent(new CustomEvent(type, { detail }));
  },
  /** True when the page should poll instead (the stream was refused or the hub is unreachable). */
  get degraded() {
    return this.denied || !['live', 'stale'].includes(bus.status);
  },
};

/** The events one frame carries: a frame's data may be one event or a coalesced list of them. */
function eventsOf(frame) {
  const data = frame?.data ?? frame;
  if (!data || typeof data !== 'object') return [];
  for (const key of ['events', 'changes', 'items']) if (Array.isArray(data[key])) return data[key];
  return data.type ? [data] : [];
}

export function startLive(me) {
  if (live.started) return;
  live.started = true;
  const pill = document.querySelector('[data-live]');
  const label = pill.querySelector('[data-live-label]');
  const signedOut = document.querySelector('[data-signed-out]');
  const render = () => {
    const status = live.denied && bus.status !== 'signedOut' ? 'polling' : bus.status;
    pill.hidden = false;
    pill.dataset.status = status;
    setText(label, `portal.live.${status}`);
    pill.setAttribute('title', t(status === 'live' ? 'portal.live.help.live' : 'portal.live.help.reconnecting'));
    signedOut.hidden = bus.status !== 'signedOut';
  };
  document.addEventListener('bus:status', render);
  const startedAt = Date.now();
  // A notice address: small {"type":"ticket"|"installation","id",…} messages, no history (see bus.js).
  bus.watch(`ui.customer.${me.id}`, {
    // (Re)registered: notices sent while the socket was away are lost, so views fetch again; not on the first
    // registration right after the page loaded, when they have only just fetched.
    snapshot() {
      live.denied = false;
      if (Date.now() - startedAt > 2_000) live.emit('resync', {});
      render();
    },
    frame(frame) {
      for (const event of eventsOf(frame)) if (event?.type) live.emit(event.type, event);
    },
    denied() {
      live.denied = true;
      render();
    },
  }, { notices: true });
  render();
}

/**
 * Refetch on live events for this view, and every `seconds` while live updates are unavailable (so a reply still
 * shows up, a little later). Returns the stop function.
 */
export function keepFresh(types, refresh, seconds = 30) {
  const stops = [...types, 'resync'].map((type) => live.on(type, refresh));
  const timer = setInterval(() => {
    if (live.degraded && document.visibilityState === 'visible') refresh({ type: 'poll' });
  }, seconds * 1000);
  return () => {
    stops.forEach((stop) => stop());
    clearInterval(timer);
  };
}

/** Says something to screen-reader users without moving their focus; messages of one moment are read together. */
let spoken = [];
export function announce(key, params) {
  const region = document.querySelector('[data-announce]');
  if (!region) return;
  spoken.push(t(key, params));
  if (spoken.length > 1) return;
  region.textContent = '';
  // Set after a tick, so the same message twice is announced twice.
  setTimeout(() => {
    region.textContent = spoken.join(' ');
    spoken = [];
  }, 100);
}

/** A view's heading block: optional back link, the h1 (focused on route changes), optional lead text. */
export function viewHead(titleKey, { back, lead, titleText } = {}) {
  const title = h('h1', { class: 'view-title', tabindex: '-1', 'data-view-title': true });
  if (titleText) title.textContent = titleText;
  else setText(title, titleKey);
  return h('header', { class: 'view-head' },
    back ? h('a', { class: 'back-link', href: back.href },
      h('span', { 'aria-hidden': 'true', text: '‹ ' }), h('span', { i18n: back.key })) : null,
    title,
    lead ? h('p', { class: 'muted view-lead', i18n: lead }) : null);
}

/** A small card-shaped block: 'loading', 'empty' (all is well: a tick), 'missing' (nothing there) or 'error'. */
export function stateCard(kind, key, params, action) {
  return h('div', { class: `p-state p-state-${kind === 'missing' ? 'empty' : kind}`, role: kind === 'error' ? 'alert' : 'status' },
    kind === 'loading' ? h('span', { class: 'p-spinner', 'aria-hidden': 'true' }) : null,
    kind === 'empty' ? h('span', { class: 'p-state-icon', 'aria-hidden': 'true', text: '✓' }) : null,
    h('p', { i18n: [key, params] }),
    action ?? null);
}

export function retryButton(run) {
  return h('button', { type: 'button', class: 'btn btn-secondary btn-small', i18n: 'common.retry', on: { click: run } });
}

/** Skeleton rows while a list loads: the layout stays put and nothing jumps when data arrives. */
export function skeleton(rows = 3) {
  return h('div', { class: 'skeleton', role: 'status', 'aria-busy': 'true' },
    h('span', { class: 'visually-hidden', i18n: 'common.loading' }),
    Array.from({ length: rows }, () => h('div', { class: 'skeleton-row', 'aria-hidden': 'true' })));
}

// ---------- Installations ----------

/** The installation most worth showing: one in progress, else the newest. */
export function currentInstallation(items) {
  if (!items?.length) return null;
  return items.find((i) => i.stage !== 'activated') ?? items[0];
}

/** "Tahap 3 dari 5: Penarikan kabel" */
export function stageSummary(installation) {
  const n = STAGES.indexOf(installation.stage) + 1;
  return h('p', { class: 'step-summary' },
    h('span', { i18n: ['portal.install.stepOf', { n, total: STAGES.length }] }), ' ',
    h('strong', { i18n: `portal.install.stage.${installation.stage}` }));
}

/** The stage stepper: every stage done, current or to come; with `detail`, each stage's notes, times and photos. */
export function stepper(installation, { detail = false } = {}) {
  const reached = STAGES.indexOf(installation.stage);
  const progress = installation.progress ?? [];
  return h('ol', { class: `stepper${detail ? ' stepper-detail' : ''}`, 'data-testid': 'installation-stepper' },
    STAGES.map((stage, i) => {
      const state = i < reached || installation.stage === 'activated' ? 'done' : i === reached ? 'current' : 'todo';
      const entries = progress.filter((p) => p.stage === stage);
      const at = entries.length ? entries[entries.length - 1].at : null;
      return h('li', { class: `step step-${state}`, 'aria-current': state === 'current' ? 'step' : null, dataset: { stage } },
        h('span', { class: 'step-mark', 'aria-hidden': 'true', text: state === 'done' ? '✓' : String(i + 1) }),
        h('div', { class: 'step-body' },
          h('p', { class: 'step-name' },
            h('span', { i18n: `portal.install.stage.${stage}` }),
            h('span', { class: 'visually-hidden', text: ', ' }),
            h('span', { class: 'visually-hidden', i18n: `portal.install.${state === 'todo' ? 'upcoming' : state}` })),
          at && !(detail && entries.some((p) => p.note || p.photo)) ? h('p', { class: 'step-time muted', text: fmt.dateTime(at) }) : null,
          detail && state !== 'todo' ? h('p', { class: 'step-help muted', i18n: `portal.install.stageHelp.${stage}` }) : null,
          detail ? entries.map((p) => progressEntry(installation, p, stage)) : null));
    }));
}

function progressEntry(installation, p, stage) {
  if (!p.note && !p.photo) return null;
  // The customer's own path (the staff one, /api/v1/installations/…, refuses customers).
  const src = p.photo ? `/api/v1/portal/installations/${installation.id}/progress/${p.id}/photo` : null;
  return h('div', { class: 'step-entry' },
    h('p', { class: 'step-time muted' }, h('time', { datetime: p.at, text: fmt.dateTime(p.at) })),
    p.note ? h('p', { class: 'step-note', text: p.note }) : null,
    src ? h('a', { href: src, target: '_blank', rel: 'noopener', class: 'thumb' },
      h('img', { src, loading: 'lazy', decoding: 'async', width: 96, height: 96, alt: t('portal.install.photoAlt', { stage: t(`portal.install.stage.${stage}`) }) }))
      : null);
}

// ---------- Bills ----------

/** Invoice statuses that still ask the customer for money (`overdue` may be partly paid too). */
export const DUE_STATUSES = ['unpaid', 'partially_paid', 'overdue'];
const BILL_TONE = { unpaid: 'warn', partially_paid: 'progress', paid: 'up', overdue: 'down', void: 'neutral' };

export const isDue = (invoice) => DUE_STATUSES.includes(invoice.status);

/** "Belum dibayar", "Dibayar sebagian", "Lunas", "Terlambat", "Dibatalkan". */
export function billBadge(status, extra = {}) {
  return h('span', { class: `badge badge-${BILL_TONE[status] ?? 'neutral'}`, i18n: `portal.bills.status.${status}`, ...extra });
}

/** What is still owed: `outstanding` from the billing API, else the total less what was paid. */
export function owed(invoice) {
  if (invoice.status === 'paid' || invoice.status === 'void') return 0;
  if (typeof invoice.outstanding === 'number') return invoice.outstanding;
  return Math.max(0, (invoice.total ?? 0) - (invoice.paid ?? 0));
}

/**
 * The bill to put first: the due one with the earliest due date (an overdue one comes first by that alone), else the
 * newest one that is not void, else none. Invoices arrive newest first.
 */
export function currentBill(invoices) {
  const due = invoices.filter(isDue).sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)));
  return due[0] ?? invoices.find((i) => i.status !== 'void') ?? null;
}

/**
 * A calendar date ('2026-11-20', a day in WIB) as "20 November 2026". The date is read at noon UTC and shown in
 * WIB, so no time zone (the phone's included) can move it to the day before or after.
 */
export function dayText(date, style = 'long') {
  if (!date) return '—';
  const at = new Date(`${String(date).slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return String(date);
  return new Intl.DateTimeFormat(locale(), { dateStyle: style, timeZone: 'Asia/Jakarta' }).format(at);
}

/** A billing period ('2026-11') as "November 2026". */
export function periodText(period) {
  const m = /^(\d{4})-(\d{2})$/.exec(period ?? '');
  if (!m) return period ?? '—';
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
}

/** "Virtual account BCA", "QRIS", … (following language switches); a method the dictionary lacks shows as it came. */
export function methodLabel(method) {
  const key = `portal.bills.method.${method}`;
  return method && hasKey(key) ? h('span', { i18n: key }) : h('span', { text: method || '—' });
}

/** The number beside "Tagihan" in the tabs: bills still to pay. */
export function updateBillsDue(n) {
  const badge = document.querySelector('[data-bills-due]');
  if (!badge) return;
  badge.hidden = !n;
  badge.textContent = n ? String(n) : '';
}

// ---------- Photos ----------

const MAX_SIDE = 1600;
const QUALITY = 0.78;
const MAX_INPUT = 25 * 1024 * 1024;
const MAX_UPLOAD = 5 * 1024 * 1024;

function decode(file) {
  if ('createImageBitmap' in window) {
    return createImageBitmap(file, { imageOrientation: 'from-image' }).catch(() => decodeWithImg(file));
  }
  return decodeWithImg(file);
}

function decodeWithImg(file) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('not_image')); };
    img.src = url;
  });
}

/**
 * Shrinks a photo on the phone before it goes over a slow link: at most 1600 px on the long side, JPEG.
 * A photo already small enough in JPEG goes as it is. Throws Error('not_image' | 'too_big').
 */
export async function shrinkPhoto(file) {
  if (!file.type.startsWith('image/')) throw new Error('not_image');
  if (file.size > MAX_INPUT) throw new Error('too_big');
  const image = await decode(file);
  const width = image.width;
  const height = image.height;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  if (scale === 1 && file.type === 'image/jpeg' && file.size <= 600 * 1024) {
    image.close?.();
    return { blob: file, name: jpegName(file.name) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as a JPEG
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  image.close?.();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  canvas.width = canvas.height = 0; // frees the bitmap memory at once on low-end phones
  if (!blob) throw new Error('not_image');
  if (blob.size > MAX_UPLOAD) throw new Error('too_big');
  return { blob, name: jpegName(file.name) };
}

function jpegName(name) {
  const base = (name || 'foto').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-').slice(0, 60) || 'foto';
  return `${base}.jpg`;
}

export function photoErrorKey(err) {
  if (err?.message === 'not_image') return 'portal.photo.notImage';
  if (err?.message === 'too_big' || err?.code === 'payload_too_large' || err?.status === 413) return 'portal.photo.tooBig';
  if (err?.code === 'unsupported_media_type' || err?.status === 415) return 'portal.photo.notImage';
  return 'portal.photo.failed';
}

/** Uploads one shrunk photo to a ticket; resolves with the new message. */
export async function uploadTicketPhoto(api, ticketId, file) {
  const { blob, name } = await shrinkPhoto(file);
  return api.upload(`/api/v1/portal/tickets/${ticketId}/attachments?filename=${encodeURIComponent(name)}`, blob);
}

// ---------- Confirmation ----------

/** A modal yes/no question (a native <dialog>: focus is trapped and Escape cancels). Resolves true on yes. */
export function confirmDialog({ titleKey, textKey, confirmKey, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'p-dialog', 'aria-labelledby': 'p-dialog-title', 'data-testid': 'confirm-dialog' },
      h('h2', { id: 'p-dialog-title', i18n: titleKey }),
      h('p', { i18n: textKey }),
      h('div', { class: 'p-dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary', value: 'no', i18n: 'portal.cancel', 'data-testid': 'confirm-no' }),
        h('button', { type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-accent'}`, value: 'yes', i18n: confirmKey, 'data-testid': 'confirm-yes' })));
    const opener = document.activeElement;
    dialog.addEventListener('click', (e) => {
      const value = e.target.closest('button')?.value;
      if (value) dialog.close(value);
    });
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
      opener?.focus?.();
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('[value="no"]').focus();
  });
}

// ---------- Flash ----------

let flashed = null;
/** A message for the next view (e.g. "Laporan TK-… terkirim" on the new report's page). */
export function flash(message) {
  flashed = message;
}

export function takeFlash(match) {
  if (!flashed || !match(flashed)) return null;
  const message = flashed;
  flashed = null;
  return message;
}

// ---------- Account ----------

/** "30 Mbps · Rp 350.000 per bulan" from a profile (or /auth/me): what is known of the plan beyond its name. */
export function planDetails(info) {
  const parts = [];
  if (typeof info?.planSpeedMbps === 'number') parts.push(h('span', { i18n: ['portal.plan.speed', { n: fmt.number(info.planSpeedMbps) }] }));
  if (typeof info?.planPrice === 'number') parts.push(h('span', { i18n: ['portal.plan.price', { price: fmt.rupiah(info.planPrice) }] }));
  if (!parts.length) return null;
  return h('span', { class: 'plan-details muted' }, parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
}

/**
 * A suspended or ended account said plainly at the top of a page: why (the staff's reason, as text) and what to do
 * (pay the open bill on Tagihan, or ask customer service through a Tagihan report). Null for an account in order.
 */
export function accountNotice(info) {
  const status = info?.status;
  if (status !== 'suspended' && status !== 'terminated') return null;
  const reason = typeof info.statusReason === 'string' && info.statusReason.trim() ? info.statusReason.trim() : null;
  return h('section', {
    class: `account-notice account-notice-${status}`, 'aria-labelledby': 'account-notice-title', 'data-testid': 'account-status-alert',
  },
  h('h2', { id: 'account-notice-title', i18n: `portal.notice.${status}.title` }),
  reason ? h('p', { class: 'account-notice-reason' },
    h('span', { class: 'account-notice-label', i18n: 'portal.notice.reason' }), ' ',
    h('span', { 'data-testid': 'account-status-reason', text: reason })) : null,
  h('p', { i18n: `portal.notice.${status}.todo` }),
  h('p', { class: 'account-notice-actions' },
    status === 'suspended' ? h('a', { class: 'btn btn-accent', href: '#/bills', 'data-testid': 'account-notice-bills', i18n: 'portal.notice.payBill' }) : null,
    h('a', { class: 'btn btn-secondary', href: '#/tickets/new?category=tagihan', i18n: 'portal.notice.contact' })));
}
