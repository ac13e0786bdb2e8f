// What the billing page and the customer 360's billing card share (docs/billing.md): the invoice statuses as badges,
// periods and due dates as people read them, payment methods by name, the PDF links, who may void, the void dialog
// (a reason is required by the API), and an invoice's detail (lines and payments) in a dialog.
import { h, fmt, stateBlock } from '../../dom.js';
import { hasKey, locale, t } from '../../i18n.js';
import { api } from '../../api.js';
import { openDialog } from '../admin/dialog.js';
import { apiMessage, field, formAlert, submitting } from '../admin/form.js';

export const INVOICE_STATUSES = ['unpaid', 'partially_paid', 'overdue', 'paid', 'void'];
const TONE = { unpaid: 'warn', partially_paid: 'info', overdue: 'down', paid: 'up', void: 'neutral' };

/** Who may do what, as BillingRoutes decides it (hidden in the page, not only refused). */
export const may = {
  read: (can) => can('admin', 'supervisor', 'cs'),
  void: (can) => can('admin', 'supervisor'),
};

/** Voiding is possible only while nothing is paid and the invoice is not void already (409 otherwise). */
export function canVoid(invoice, can) {
  return may.void(can) && invoice.status !== 'void' && !invoice.paid;
}

export function invoiceBadge(status) {
  return h('span', { class: `badge bill-status bill-status-${status} badge-${TONE[status] ?? 'neutral'}`, 'data-status': status,
    ...(hasKey(`billing.status.${status}`) ? { i18n: `billing.status.${status}` } : { text: status }) });
}

/** "2026-11" → "November 2026" / "Nov 2026". */
export function period(value) {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!m) return value ?? '—';
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(+m[1], +m[2] - 1, 1)));
}

/** "2026-11-20" → "20 Nov 2026" (a calendar date: no time zone shift). */
export function day(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return value ?? '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
}

export function methodName(method) {
  return hasKey(`billing.method.${method}`) ? t(`billing.method.${method}`) : method ?? '—';
}

/** A link that downloads the invoice's or receipt's PDF (the same one the customer gets). */
export function pdfLink(kind, item) {
  const path = kind === 'invoice' ? `/api/v1/invoices/${item.id}/pdf` : `/api/v1/payments/${item.id}/pdf`;
  const name = kind === 'invoice' ? item.number : item.reference;
  return h('a', { class: 'btn btn-ghost btn-small bill-pdf', href: path, download: '', 'data-testid': `${kind}-pdf`,
    'aria-label': t(kind === 'invoice' ? 'billing.pdf.invoice' : 'billing.pdf.receipt', { name }),
    title: t(kind === 'invoice' ? 'billing.pdf.invoice' : 'billing.pdf.receipt', { name }) },
  h('span', { 'aria-hidden': 'true', class: 'bill-pdf-icon' }), 'PDF');
}

/** Asks for the reason and voids the invoice; resolves with the voided invoice, or undefined when cancelled. */
export function voidInvoice(invoice) {
  return openDialog((close) => {
    const submit = h('button', { type: 'submit', class: 'btn btn-danger', 'data-testid': 'void-confirm' }, h('span', { 'data-label': '', i18n: 'billing.void.confirm' }));
    const form = h('form', { class: 'dialog-body', novalidate: true, 'data-errors': 'billing.error',
      on: { submit: async (e) => {
        e.preventDefault();
        const reason = form.elements.namedItem('reason').value.trim();
        const done = await submitting(form, submit, () => api.post(`/api/v1/invoices/${invoice.id}/void`, { reason }));
        if (done) close(done);
      } } },
    h('h2', { i18n: ['billing.void.title', { number: invoice.number }] }),
    h('p', { i18n: ['billing.void.body', { number: invoice.number, name: invoice.customer?.name ?? '', total: fmt.rupiah(invoice.total) }] }),
    formAlert(),
    field({ name: 'reason', labelKey: 'billing.void.reason', type: 'textarea', required: true, hintKey: 'billing.void.reasonHint',
      attrs: { maxlength: 500, autofocus: true, 'data-testid': 'void-reason' } }),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close(undefined) } }),
      submit));
    return form;
  });
}

/** An invoice with its lines and payments, in a dialog (from a list row). */
export function showInvoice(id, { can, onChange } = {}) {
  return openDialog((close) => {
    const body = h('div', { class: 'bill-detail' }, stateBlock('loading', 'common.loading'));
    const heading = h('h2', { i18n: 'billing.invoice.title' });
    const load = () => api.get(`/api/v1/invoices/${encodeURIComponent(id)}`).then((inv) => {
      heading.textContent = `${t('billing.invoice.title')} ${inv.number}`;
      body.replaceChildren(
        h('dl', { class: 'facts bill-facts' },
          fact('billing.col.customer', inv.customer ? h('a', { href: `#/customers/${inv.customer.id}`, on: { click: () => close() } },
            inv.customer.name, ' ', h('span', { class: 'mono muted', text: inv.customer.customerNo })) : '—'),
          fact('billing.col.period', period(inv.period)),
          fact('billing.col.status', invoiceBadge(inv.status)),
          fact('billing.col.issueDate', day(inv.issueDate)),
          fact('billing.col.dueDate', day(inv.dueDate)),
          fact('billing.col.code', h('span', { class: 'mono', text: inv.verificationCode })),
          inv.voidReason ? fact('billing.col.voidReason', inv.voidReason) : null),
        h('table', { class: 'data-table bill-lines' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', i18n: 'billing.col.line' }), h('th', { scope: 'col', class: 'num', i18n: 'billing.col.amount' }))),
          h('tbody', {}, (inv.lines ?? []).map((l) => h('tr', {}, h('td', { text: l.description }), h('td', { class: 'num', text: fmt.rupiah(l.amount) })))),
          h('tfoot', {},
            h('tr', {}, h('th', { scope: 'row', i18n: 'billing.col.total' }), h('td', { class: 'num', text: fmt.rupiah(inv.total) })),
            h('tr', {}, h('th', { scope: 'row', i18n: 'billing.col.paid' }), h('td', { class: 'num', text: fmt.rupiah(inv.paid) })),
            h('tr', {}, h('th', { scope: 'row', i18n: 'billing.col.outstanding' }), h('td', { class: 'num', text: fmt.rupiah(inv.outstanding) })))),
        h('h3', { i18n: 'billing.payments' }),
        inv.payments?.length ? h('ul', { class: 'bill-mini' }, inv.payments.map((p) => h('li', {},
          h('span', { class: 'mono', text: p.reference }),
          h('span', { class: 'num', text: fmt.rupiah(p.amount) }),
          h('span', { class: 'muted', text: `${methodName(p.method)} · ${fmt.dateTime(p.paidAt)}` }),
          pdfLink('payment', p)))) : h('p', { class: 'muted', i18n: 'billing.noPaymentsYet' }),
        h('div', { class: 'dialog-actions' },
          pdfLink('invoice', inv),
          can && canVoid(inv, can) ? h('button', { type: 'button', class: 'btn btn-danger-outline', i18n: 'billing.void.action',
            on: { click: async () => { close(); const done = await voidInvoice(inv); if (done) onChange?.(done); } } }) : null,
          h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.close', autofocus: true, on: { click: () => close() } })));
      body.querySelector('[autofocus]')?.focus();
    }).catch((err) => {
      const { key, params } = apiMessage(err);
      body.replaceChildren(stateBlock('error', key, params, h('button', { type: 'button', class: 'btn btn-primary', i18n: 'common.retry', on: { click: load } })));
    });
    load();
    return h('div', { class: 'dialog-body' }, heading, body);
  }, { wide: true });
}

function fact(key, value) {
  return h('div', {}, h('dt', { i18n: key }), h('dd', {}, value));
}
