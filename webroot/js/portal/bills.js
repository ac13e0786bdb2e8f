// Tagihan: the bill to pay now (amount, due date in WIB, status in plain words, its PDF), then every bill with a
// filter (#/bills, ?show=open, ?show=paid), each with its PDF and its payments' receipts. A payment or invoice notice
// on the customer's live address (docs/billing.md: {"type":"payment"|"invoice","id","number","status",…}) refetches,
// so a payment made at the bank shows here without reloading.
import { h, fill, fmt } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';
import {
  keepFresh, stateCard, retryButton, skeleton, viewHead, announce,
  isDue, billBadge, owed, currentBill, dayText, periodText, methodLabel, updateBillsDue,
} from './common.js';

const FILTERS = { all: () => true, open: isDue, paid: (i) => i.status === 'paid' };
const PAGE = 50;
const PAYMENTS = 200; // the most the API gives at once: enough for years of monthly bills

export const invoicePdf = (invoice) => `/api/v1/portal/invoices/${encodeURIComponent(invoice.id)}/pdf`;
const receiptPdf = (payment) => `/api/v1/portal/payments/${encodeURIComponent(payment.id)}/pdf`;

/** A plain download link: the hub answers the PDF as an attachment, so it works without script too. */
export function pdfLink(href, key, name, extra = {}) {
  return h('a', { href, download: name, class: 'pdf-link', type: 'application/pdf', ...extra },
    h('span', { class: 'pdf-icon', 'aria-hidden': 'true', text: 'PDF' }), h('span', { i18n: key }));
}

/** The big block on top: what to pay now and by when, or that nothing is owed. */
function currentCard(invoice, invoices) {
  const due = invoices.filter(isDue);
  const left = owed(invoice);
  const partly = (invoice.paid ?? 0) > 0 && left > 0;
  const amountKey = invoice.status === 'paid' ? 'portal.bills.totalPaid' : partly ? 'portal.bills.leftToPay' : 'portal.bills.toPay';
  const others = due.filter((i) => i !== invoice);
  return h('section', { class: `card bill-current bill-${invoice.status}`, 'aria-labelledby': 'bill-current-title', 'data-testid': 'bill-current', dataset: { invoiceId: invoice.id, status: invoice.status } },
    h('div', { class: 'bill-current-top' },
      h('h2', { id: 'bill-current-title', class: 'bill-period' },
        h('span', { class: 'visually-hidden', i18n: 'portal.bills.current' }),
        h('span', { text: periodText(invoice.period) })),
      billBadge(invoice.status, { 'data-testid': 'bill-current-status' })),
    h('p', { class: 'bill-amount-label muted', i18n: amountKey }),
    h('p', { class: 'bill-amount', 'data-testid': 'bill-current-amount', text: fmt.rupiah(invoice.status === 'paid' ? invoice.total : left) }),
    partly ? h('p', { class: 'muted bill-partly', i18n: ['portal.bills.partly', { paid: fmt.rupiah(invoice.paid), total: fmt.rupiah(invoice.total) }] }) : null,
    h('dl', { class: 'facts facts-compact' },
      h('div', {}, h('dt', { i18n: 'portal.bills.dueDate' }), h('dd', { 'data-testid': 'bill-current-due' },
        h('time', { datetime: invoice.dueDate, text: dayText(invoice.dueDate) }), ' WIB')),
      h('div', {}, h('dt', { i18n: 'portal.bills.number' }), h('dd', { class: 'mono', text: invoice.number }))),
    invoice.status === 'overdue' ? h('p', { class: 'alert alert-error', role: 'note', i18n: 'portal.bills.overdueHelp' }) : null,
    invoice.status === 'paid' ? h('p', { class: 'alert alert-success', i18n: 'portal.bills.allPaid' }) : null,
    others.length
      ? h('p', { class: 'bill-others', 'data-testid': 'bill-others', i18n: ['portal.bills.others', { n: others.length, amount: fmt.rupiah(due.reduce((sum, i) => sum + owed(i), 0)) }] })
      : null,
    h('div', { class: 'bill-actions' },
      pdfLink(invoicePdf(invoice), 'portal.bills.pdf', `tagihan-${invoice.number}.pdf`, { 'data-testid': 'bill-current-pdf', class: 'btn btn-secondary pdf-link' }),
      invoice.status !== 'paid' ? h('a', { class: 'btn btn-accent', href: '#/help/cara-bayar-tagihan', i18n: 'portal.bills.howToPay' }) : null));
}

function paymentItem(payment) {
  return h('li', { class: 'pay-row', 'data-testid': 'payment-row', dataset: { paymentId: payment.id } },
    h('span', { class: 'pay-text' },
      h('span', { class: 'pay-amount', text: fmt.rupiah(payment.amount) }), ' · ', methodLabel(payment.method),
      h('span', { class: 'pay-time muted' }, h('span', { i18n: 'portal.bills.paidAt' }), ' ',
        h('time', { datetime: payment.paidAt, text: fmt.dateTime(payment.paidAt) }))),
    pdfLink(receiptPdf(payment), 'portal.bills.receipt', `kuitansi-${payment.reference}.pdf`, { 'data-testid': 'payment-receipt' }));
}

function invoiceRow(invoice, payments, fresh) {
  const mine = payments.filter((p) => p.invoiceId === invoice.id)
    .sort((a, b) => String(a.paidAt).localeCompare(String(b.paidAt)));
  return h('li', { class: `bill-row${fresh ? ' bill-fresh' : ''}`, 'data-testid': 'bill-row', dataset: { invoiceId: invoice.id, status: invoice.status } },
    h('div', { class: 'bill-top' },
      h('span', { class: 'bill-row-period', text: periodText(invoice.period) }),
      billBadge(invoice.status)),
    h('div', { class: 'bill-mid' },
      h('span', { class: 'bill-row-amount', text: fmt.rupiah(invoice.total) }),
      h('span', { class: 'muted bill-row-due' }, h('span', { i18n: 'portal.bills.dueShort' }), ' ',
        h('time', { datetime: invoice.dueDate, text: dayText(invoice.dueDate, 'medium') }))),
    h('p', { class: 'bill-row-number mono muted', text: invoice.number }),
    mine.length ? h('ul', { class: 'pay-list', 'aria-label': t('portal.bills.payments') }, mine.map(paymentItem)) : null,
    h('div', { class: 'bill-row-actions' }, pdfLink(invoicePdf(invoice), 'portal.bills.pdf', `tagihan-${invoice.number}.pdf`, { 'data-testid': 'bill-pdf' })));
}

export default {
  title: 'portal.title.bills',

  async render(view, ctx) {
    const show = Object.hasOwn(FILTERS, ctx.params.get('show')) ? ctx.params.get('show') : 'all';
    const top = h('div', { class: 'bill-top-slot', 'aria-busy': 'true' }, skeleton(1));
    const list = h('div', { class: 'list-body' }, skeleton(3));
    const note = h('div', {});
    const more = h('button', { type: 'button', class: 'btn btn-secondary btn-block', hidden: true, i18n: 'portal.bills.loadMore', 'data-testid': 'bills-more' });
    const segment = (name, key) => h('a', {
      href: name === 'all' ? '#/bills' : `#/bills?show=${name}`,
      class: 'segment', 'aria-current': show === name ? 'page' : null, 'data-testid': `bills-show-${name}`,
    }, h('span', { i18n: key }), h('span', { class: 'segment-count', dataset: { count: name } }));
    const history = h('section', { class: 'bill-history', 'aria-labelledby': 'bill-history-title', hidden: true },
      h('h2', { id: 'bill-history-title', i18n: 'portal.bills.history' }),
      h('nav', { class: 'segments segments-3', 'aria-label': t('portal.bills.filter'), 'data-i18n-aria-label': 'portal.bills.filter' },
        segment('all', 'portal.bills.showAll'), segment('open', 'portal.bills.showOpen'), segment('paid', 'portal.bills.showPaid')),
      list, note, more);

    view.append(viewHead('portal.title.bills'), top, history);

    let invoices = [];
    let payments = [];
    let paymentsFailed = false;
    let next = null;
    let stopped = false;
    let freshNumber = null;

    function paint() {
      const current = currentBill(invoices);
      updateBillsDue(invoices.filter(isDue).length);
      top.setAttribute('aria-busy', 'false');
      if (!invoices.length) {
        fill(top, stateCard('missing', 'portal.bills.none', null,
          h('p', { class: 'muted', i18n: 'portal.bills.noneHint' })));
        history.hidden = true;
        return;
      }
      fill(top, current ? currentCard(current, invoices) : null);
      history.hidden = false;
      const shown = invoices.filter(FILTERS[show]);
      for (const el of view.querySelectorAll('[data-count]')) {
        el.textContent = next ? '' : `(${invoices.filter(FILTERS[el.dataset.count]).length})`;
      }
      fill(list, shown.length
        ? h('ul', { class: 'bill-list', 'data-testid': 'bills-list' }, shown.map((i) => invoiceRow(i, payments, i.number === freshNumber)))
        : stateCard(show === 'open' ? 'empty' : 'missing', show === 'open' ? 'portal.bills.emptyOpen' : 'portal.bills.emptyPaid'));
      fill(note, paymentsFailed ? h('p', { class: 'muted', role: 'status', i18n: 'portal.bills.paymentsFailed' }) : null);
      more.hidden = !next;
    }

    async function fetchPayments() {
      try {
        const answer = await ctx.api.get(`/api/v1/portal/payments?limit=${PAYMENTS}`);
        paymentsFailed = false;
        return answer.items ?? [];
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) throw err;
        paymentsFailed = true;
        return payments; // the receipts already shown stay
      }
    }

    /** event: a live notice (or a poll); cursor: the next page of invoices. */
    async function load({ event = null, cursor = null } = {}) {
      try {
        if (cursor) {
          const answer = await ctx.api.get(`/api/v1/portal/invoices?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`);
          if (stopped) return;
          const ids = new Set((answer.items ?? []).map((i) => i.id));
          invoices = [...invoices.filter((i) => !ids.has(i.id)), ...(answer.items ?? [])];
          next = answer.nextCursor ?? null;
        } else {
          const [answer, paid] = await Promise.all([ctx.api.get(`/api/v1/portal/invoices?limit=${PAGE}`), fetchPayments()]);
          if (stopped) return;
          const page = answer.items ?? [];
          const ids = new Set(page.map((i) => i.id));
          // A refresh keeps what "Muat lebih banyak" brought in beyond the first page.
          invoices = event && invoices.length > page.length ? [...page, ...invoices.slice(page.length).filter((i) => !ids.has(i.id))] : page;
          if (!event || invoices.length <= page.length) next = answer.nextCursor ?? null;
          payments = paid;
        }
        if (event?.type === 'payment' && event.number) {
          freshNumber = event.number;
          const invoice = invoices.find((i) => i.number === event.number);
          announce('portal.bills.paymentLive', { number: event.number, status: t(`portal.bills.status.${invoice?.status ?? event.status}`) });
        } else {
          freshNumber = null;
        }
        paint();
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        if (cursor || (event && invoices.length)) return; // what is shown stays; a later notice or poll tries again
        top.setAttribute('aria-busy', 'false');
        history.hidden = true;
        fill(top, stateCard('error', 'portal.bills.failed', null, retryButton(() => { fill(top, skeleton(1)); load(); })));
      }
    }

    more.addEventListener('click', async () => {
      more.disabled = true;
      await load({ cursor: next });
      more.disabled = false;
    });

    load();
    const stop = keepFresh(['payment', 'invoice'], (event) => load({ event }));
    return () => {
      stopped = true;
      stop();
    };
  },
};
