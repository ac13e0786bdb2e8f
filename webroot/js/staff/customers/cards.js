// The cards of the customer 360 (#/customers/<id>) beyond the profile: their tickets, their installations, what they
// wrote to the ISP's WhatsApp numbers, their bills (invoices and payments), and the speed tests they ran in the portal. Each card loads on
// its own and shows its own loading, empty and error state, so one that fails leaves the others readable.
import { h, fmt, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { canVoid, day, invoiceBadge, may, methodName, pdfLink, period, showInvoice, voidInvoice } from '../billing/common.js';
import {
  ACTIVE, STAGES, errorBlock, priorityBadge, slaClock, stageBadge, statusBadge, startTicker,
} from '../tickets/common.js';

const SHOWN = 8;

function loading() {
  return h('div', {}, stateBlock('loading', 'common.loading'));
}

/** The customer's tickets, open ones first, with their SLA clocks; a link to the queue filtered to them. */
export function ticketsCard(c, ctx) {
  const body = loading();
  const foot = h('p', { class: 'card-foot' },
    h('a', { href: `#/tickets?customerId=${c.id}&status=all`, i18n: 'c360.allTickets' }), ' · ',
    h('a', { href: `#/tickets/new?customerId=${c.id}`, i18n: 'c360.newTicket' }));
  const section = h('section', { class: 'card admin-card c360-tickets', 'data-testid': 'customer-tickets' },
    h('h2', { i18n: 'c360.tickets' }), body, foot);
  const load = () => {
    body.replaceChildren(stateBlock('loading', 'common.loading'));
    ctx.api.get(`/api/v1/tickets?customerId=${encodeURIComponent(c.id)}&limit=${SHOWN * 2}`)
      .then(({ items = [] }) => {
        const sorted = [...items].sort((a, b) => Number(ACTIVE.includes(b.status)) - Number(ACTIVE.includes(a.status))).slice(0, SHOWN);
        const open = items.filter((tk) => ACTIVE.includes(tk.status)).length;
        body.replaceChildren(sorted.length ? h('div', {},
          h('p', { class: 'muted small', i18n: ['c360.ticketsOpen', { n: fmt.number(open) }] }),
          h('ul', { class: 'c360-list' }, sorted.map((tk) => h('li', { 'data-row': '', dataset: { id: String(tk.id) } },
            h('a', { href: `#/tickets/${tk.id}`, 'data-open': '', class: 'c360-line' },
              h('span', { class: 'mono muted small', text: tk.number }), h('span', { class: 'primary-name', text: tk.subject })),
            h('span', { class: 'c360-badges' }, statusBadge(tk.status), priorityBadge(tk.priority),
              ACTIVE.includes(tk.status) && tk.sla ? slaClock(tk) : h('span', { class: 'muted small', text: fmt.dateTime(tk.updatedAt) }))))))
          : stateBlock('empty', 'c360.noTickets'));
      })
      .catch((err) => body.replaceChildren(errorBlock(err, load, 'c360.ticketsUnavailable')));
  };
  load();
  const stop = startTicker(section);
  // The card's clocks stop when the page goes (the section leaves the document).
  new MutationObserver((_, observer) => { if (!section.isConnected) { stop(); observer.disconnect(); } })
    .observe(document.querySelector('[data-view]') ?? document.body, { childList: true, subtree: true });
  return section;
}

/** The customer's installations with the stage each has reached. */
export function installationsCard(c, ctx) {
  const body = loading();
  const section = h('section', { class: 'card admin-card c360-installations', 'data-testid': 'customer-installations' },
    h('h2', { i18n: 'c360.installations' }), body,
    ctx.can('admin', 'supervisor', 'cs') ? h('p', { class: 'card-foot' }, h('a', { href: `#/installations/new?customerId=${c.id}`, i18n: 'c360.newInstallation' })) : null);
  const load = () => {
    body.replaceChildren(stateBlock('loading', 'common.loading'));
    ctx.api.get(`/api/v1/installations?customerId=${encodeURIComponent(c.id)}`)
      .then(({ items = [] }) => body.replaceChildren(items.length ? h('ul', { class: 'c360-list' }, items.map((i) => {
        const at = STAGES.indexOf(i.stage);
        return h('li', {},
          h('a', { href: `#/installations/${i.id}`, class: 'c360-line' },
            h('span', { class: 'mono muted small', text: i.number }), h('span', { class: 'primary-name', text: i.plan ?? i.address ?? '—' })),
          h('span', { class: 'c360-badges' }, stageBadge(i.stage),
            h('span', { class: 'muted small', text: i.stage === 'activated' ? fmt.dateTime(i.activatedAt) : fmt.dateTime(i.scheduledAt) })),
          h('span', { class: 'inst-mini', 'aria-hidden': 'true' }, STAGES.map((s, n) => h('span', { class: n <= at ? 'is-done' : '' }))));
      })) : stateBlock('empty', 'c360.noInstallations')))
      .catch((err) => body.replaceChildren(errorBlock(err, load, 'c360.installationsUnavailable')));
  };
  load();
  return section;
}

/**
 * What the customer wrote to the ISP's numbers: the inbox filtered by sender (GET /api/v1/wa/inbox?from=<phone>), the
 * newest few; the whole conversation is a link away in the WhatsApp inbox.
 */
export function inboxCard(c, ctx) {
  const body = loading();
  const section = h('section', { class: 'card admin-card c360-inbox', 'data-testid': 'customer-inbox' }, h('h2', { i18n: 'c360.inbox' }), body);
  if (!c.phone) { body.replaceChildren(stateBlock('empty', 'admin.customers.noPhone')); return section; }
  if (!ctx.can('admin', 'supervisor', 'cs', 'noc')) { body.replaceChildren(stateBlock('empty', 'console.page.forbidden')); return section; }
  const load = () => {
    body.replaceChildren(stateBlock('loading', 'common.loading'));
    ctx.api.get(`/api/v1/wa/inbox?from=${encodeURIComponent(c.phone)}&limit=${SHOWN}`)
      .then(({ items = [] }) => {
        const theirs = items.slice(0, SHOWN);
        body.replaceChildren(theirs.length
          ? h('ol', { class: 'message-list' }, theirs.map((e) => h('li', {},
            h('div', { class: 'message-meta' }, h('time', { datetime: e.receivedAt, text: fmt.dateTime(e.sentAt ?? e.receivedAt) }),
              e.device ? h('span', { class: 'muted small', text: e.device }) : null),
            h('p', { class: 'message-text', text: e.text || (e.attachment ? `${t('tickets.thread.attachment')}: ${e.attachment.filename ?? ''}` : e.location ?? '—') }))))
          : stateBlock('empty', 'c360.noInbox'),
        h('p', { class: 'card-foot' }, h('a', { href: `#/whatsapp/inbox?from=${encodeURIComponent(c.phone)}`, i18n: 'c360.openConversation' })));
      })
      .catch((err) => body.replaceChildren(errorBlock(err, load)));
  };
  load();
  return section;
}

/**
 * "Tagihan & pembayaran": the customer's latest invoices (status, overdue included, total, paid, due date) and payments,
 * each with its PDF; admins and supervisors void an unpaid invoice from here. Changes to a customer's bills are
 * published on ui.customer.<id>, which staff cannot register, so the card offers a refresh instead of going live.
 */
export function invoicesCard(c, ctx) {
  const body = loading();
  const refresh = h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'billing-refresh',
    'data-i18n-aria-label': 'billing.refresh', 'aria-label': t('billing.refresh'), title: t('billing.refresh'), on: { click: () => load() } },
  h('span', { 'aria-hidden': 'true', text: '↻ ' }), h('span', { i18n: 'billing.refreshShort' }));
  const section = h('section', { class: 'card admin-card c360-billing', 'data-testid': 'customer-billing', 'aria-busy': 'true' },
    h('div', { class: 'card-head' }, h('h2', { i18n: 'billing.card.title' }), refresh), body,
    h('p', { class: 'card-foot' }, h('a', { href: `#/billing/invoices?q=${encodeURIComponent(c.customerNo)}`, i18n: 'billing.card.allInvoices' }), ' · ',
      h('a', { href: `#/billing/payments?q=${encodeURIComponent(c.customerNo)}`, i18n: 'billing.card.allPayments' })));
  const invoiceRow = (inv) => h('li', { 'data-row': '', dataset: { id: `inv-${inv.id}` }, 'data-testid': 'customer-invoice', 'data-status': inv.status },
    h('button', { type: 'button', class: 'c360-line link-button', 'data-open': '', on: { click: () => showInvoice(inv.id, { can: ctx.can, onChange: load }) } },
      h('span', { class: 'mono small', text: inv.number }), h('span', { class: 'primary-name', text: period(inv.period) })),
    h('span', { class: 'bill-amounts' },
      h('span', {}, h('span', { class: 'muted small', i18n: 'billing.col.total' }), ' ', h('strong', { class: 'num', text: fmt.rupiah(inv.total) })),
      h('span', {}, h('span', { class: 'muted small', i18n: 'billing.col.paid' }), ' ', h('span', { class: 'num', text: fmt.rupiah(inv.paid) }))),
    h('span', { class: 'c360-badges' }, invoiceBadge(inv.status),
      h('span', { class: `small ${inv.status === 'overdue' ? 'bill-due-late' : 'muted'}`, i18n: ['billing.dueOn', { date: day(inv.dueDate) }] }),
      h('span', { class: 'bill-row-actions' }, pdfLink('invoice', inv),
        canVoid(inv, ctx.can) ? h('button', { type: 'button', class: 'btn btn-ghost btn-small btn-danger-text', 'data-testid': 'invoice-void',
          i18n: 'billing.void.action', on: { click: async () => { if (await voidInvoice(inv)) load(); } } }) : null)));
  const paymentRow = (p) => h('li', { 'data-testid': 'customer-payment' },
    h('span', { class: 'c360-line' }, h('span', { class: 'mono small', text: p.reference }),
      h('span', { class: 'primary-name num', text: fmt.rupiah(p.amount) })),
    h('span', { class: 'c360-badges' },
      h('span', { class: 'small', text: methodName(p.method) }),
      h('span', { class: 'muted small', text: `${p.invoiceNumber} · ${fmt.dateTime(p.paidAt)}` }),
      h('span', { class: 'bill-row-actions' }, pdfLink('payment', p))));
  const load = () => {
    section.setAttribute('aria-busy', 'true');
    if (!body.querySelector('.bill-section')) body.replaceChildren(stateBlock('loading', 'common.loading'));
    const q = `customerId=${encodeURIComponent(c.id)}&limit=${SHOWN}`;
    return Promise.all([ctx.api.get(`/api/v1/invoices?${q}`), ctx.api.get(`/api/v1/payments?${q}`)])
      .then(([invoices, payments]) => {
        const open = invoices.items.filter((i) => ['unpaid', 'partially_paid', 'overdue'].includes(i.status));
        const owed = open.reduce((sum, i) => sum + (i.outstanding ?? 0), 0);
        body.replaceChildren(
          invoices.items.length ? h('p', { class: `bill-owed ${open.some((i) => i.status === 'overdue') ? 'is-late' : ''}`,
            i18n: open.length ? [open.length === 1 ? 'billing.card.owedOne' : 'billing.card.owed', { amount: fmt.rupiah(owed), n: fmt.number(open.length) }] : 'billing.card.settled' }) : null,
          h('div', { class: 'bill-section' }, h('h3', { i18n: 'billing.invoices' }),
            invoices.items.length ? h('ul', { class: 'c360-list' }, invoices.items.map(invoiceRow)) : stateBlock('empty', 'billing.card.noInvoices')),
          h('div', { class: 'bill-section' }, h('h3', { i18n: 'billing.payments' }),
            payments.items.length ? h('ul', { class: 'c360-list' }, payments.items.map(paymentRow)) : stateBlock('empty', 'billing.card.noPayments')));
      })
      .catch((err) => body.replaceChildren(errorBlock(err, load)))
      .finally(() => section.setAttribute('aria-busy', 'false'));
  };
  if (!may.read(ctx.can)) {
    body.replaceChildren(stateBlock('empty', 'billing.card.notYourRole'));
    refresh.hidden = true;
    section.querySelector('.card-foot').hidden = true;
    return section;
  }
  load();
  // Periods, dates and amounts are written in the reader's language: a switch writes them again.
  const relabel = () => { if (section.isConnected) load(); else document.removeEventListener('i18n:change', relabel); };
  document.addEventListener('i18n:change', relabel);
  return section;
}

/** Speeds as people say them: one decimal below 10 Mbps (0,4 is not 0), whole above. */
function mbps(value) {
  return fmt.number(value, value < 10 ? 1 : 0);
}

/**
 * The speed tests the customer ran in the portal (GET /api/v1/customers/{id}/speedtests), newest first, each against the
 * plan it was run on: what CS looks at first when someone calls about a slow line.
 */
export function speedTestsCard(c, ctx) {
  const body = loading();
  const section = h('section', { class: 'card admin-card c360-speedtests', 'data-testid': 'customer-speedtests' },
    h('h2', { i18n: 'c360.speedTests' }), body);
  const load = () => {
    body.replaceChildren(stateBlock('loading', 'common.loading'));
    ctx.api.get(`/api/v1/customers/${encodeURIComponent(c.id)}/speedtests?limit=${SHOWN}`)
      .then(({ items = [] }) => body.replaceChildren(items.length ? h('ul', { class: 'c360-list' }, items.map((r) => h('li', {},
        h('span', { class: 'c360-line' },
          h('span', { class: 'primary-name', i18n: ['c360.speedTestLine', {
            down: mbps(r.downloadMbps), up: mbps(r.uploadMbps), latency: fmt.number(Math.round(r.latencyMs)) }] })),
        h('span', { class: 'c360-badges' },
          r.percentOfPlan != null ? h('span', { class: `badge ${r.percentOfPlan >= 80 ? 'badge-up' : r.percentOfPlan >= 50 ? 'badge-warn' : 'badge-down'}`,
            i18n: ['c360.speedTestPercent', { percent: fmt.number(r.percentOfPlan) }] }) : null,
          h('span', { class: 'muted small', text: fmt.dateTime(r.at) })))))
        : stateBlock('empty', 'c360.noSpeedTests')))
      .catch((err) => body.replaceChildren(errorBlock(err, load, 'c360.speedTestsUnavailable')));
  };
  load();
  return section;
}
