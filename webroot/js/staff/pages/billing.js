// Tagihan: the bills the billing system posted and the payments the bank reported (docs/billing.md), for admins,
// supervisors and CS. Three tabs:
//   #/billing/invoices?q=&status=&period=   invoices, newest first, cursor paging; a row opens its lines and payments
//   #/billing/payments?q=                   payments, newest first
//   #/billing/verify?code=                  "Verifikasi kuitansi": is the paper in the customer's hand ours?
// The verification code is typed as printed (7KQ2M-XW9TD); the API reads it forgivingly (any case, dash or spaces,
// O for 0, I/L for 1), so the page sends it as typed, trimmed.
import { h, fmt, stateBlock } from '../../dom.js';
import { t, useDictionary } from '../../i18n.js';
import { api, ApiError } from '../../api.js';
import { pagedList, toolbar, query, showListPage } from '../admin/list.js';
import { apiMessage, clearErrors, setFieldError } from '../admin/form.js';
import { pageHead } from '../admin/common.js';
import { stylesheet } from '../tickets/common.js';
import {
  INVOICE_STATUSES, canVoid, day, invoiceBadge, methodName, pdfLink, period, showInvoice, voidInvoice,
} from '../billing/common.js';

const TABS = ['invoices', 'payments', 'verify'];

export default {
  title: 'console.nav.billing',
  dictionary: 'billing',
  async render(root, ctx) {
    await Promise.all([useDictionary('admin'), stylesheet('/css/billing.css')]);
    const tab = TABS.includes(ctx.path[0]) ? ctx.path[0] : 'invoices';
    ctx.actions(TABS.filter((other) => other !== tab).map((other) => ({
      id: `billing.go.${other}`, get label() { return `${t('billing.title')}: ${t(`billing.tab.${other}`)}`; }, run: () => ctx.navigate(`#/billing/${other}`),
    })));
    const head = pageHead('billing.title', `billing.lead.${tab}`);
    const tabs = h('nav', { class: 'alerts-tabs bill-tabs', 'data-i18n-aria-label': 'billing.tabs', 'aria-label': t('billing.tabs') },
      h('ul', {}, TABS.map((id) => h('li', {},
        h('a', { href: `#/billing/${id}`, 'aria-current': id === tab ? 'page' : null, 'data-testid': `billing-tab-${id}`, i18n: `billing.tab.${id}` })))));
    if (tab === 'verify') return verifyView(root, ctx, head, tabs);
    if (tab === 'payments') return paymentsView(root, ctx, head, tabs);
    return invoicesView(root, ctx, head, tabs);
  },
};

function invoicesView(root, ctx, head, tabs) {
  const bar = toolbar({
    params: ctx.params,
    search: { name: 'q', labelKey: 'billing.search.invoices', placeholderKey: 'billing.search.invoicesHint' },
    filters: [
      { name: 'status', labelKey: 'billing.col.status', type: 'select',
        options: [['', 'billing.filter.allStatuses'], ...INVOICE_STATUSES.map((s) => [s, `billing.status.${s}`])] },
      { name: 'period', labelKey: 'billing.col.period', type: 'month', attrs: { min: '2000-01', placeholder: 'YYYY-MM', pattern: '\\d{4}-\\d{2}' } },
    ],
    onChange(filters) { ctx.setParams(filters); list.reload(); },
  });
  const list = pagedList({
    load: (cursor) => api.get(query('/api/v1/invoices', bar.values(), cursor)),
    columns: [
      { labelKey: 'billing.col.number', primary: true, class: 'nowrap', cell: (i) => h('button', { type: 'button', class: 'link-button bill-open', 'data-open': '',
        'data-testid': 'invoice-open', on: { click: () => showInvoice(i.id, { can: ctx.can, onChange: () => list.reload() }) } },
      h('span', { class: 'mono', text: i.number })) },
      { labelKey: 'billing.col.customer', cell: (i) => customerCell(i.customer) },
      { labelKey: 'billing.col.period', class: 'nowrap', cell: (i) => period(i.period) },
      { labelKey: 'billing.col.totalPaid', class: 'num nowrap', cell: (i) => h('span', { class: 'bill-total' },
        h('strong', { text: fmt.rupiah(i.total) }),
        h('span', { class: 'muted small', i18n: ['billing.paidAmount', { amount: fmt.rupiah(i.paid) }] })) },
      { labelKey: 'billing.col.status', cell: (i) => invoiceBadge(i.status) },
      { labelKey: 'billing.col.dueDate', class: 'nowrap', cell: (i) => h('span', { class: i.status === 'overdue' ? 'bill-due-late' : '', text: day(i.dueDate) }) },
      { labelKey: 'billing.col.actions', class: 'cell-actions', cell: (i) => h('span', { class: 'bill-row-actions' }, pdfLink('invoice', i),
        canVoid(i, ctx.can) ? h('button', { type: 'button', class: 'btn btn-ghost btn-small btn-danger-text', i18n: 'billing.void.action',
          on: { click: async () => { const done = await voidInvoice(i); if (done) list.replace({ ...i, ...done }); } } }) : null) },
    ],
    empty: { key: 'billing.empty.invoices' },
    filtered: bar.isFiltered,
    onResetFilters: bar.reset,
  });
  return showListPage(root, 'billing', { bar, list }, head, tabs, bar.el, list.el);
}

function paymentsView(root, ctx, head, tabs) {
  const bar = toolbar({
    params: ctx.params,
    search: { name: 'q', labelKey: 'billing.search.payments', placeholderKey: 'billing.search.paymentsHint' },
    onChange(filters) { ctx.setParams(filters); list.reload(); },
  });
  const list = pagedList({
    load: (cursor) => api.get(query('/api/v1/payments', bar.values(), cursor)),
    columns: [
      { labelKey: 'billing.col.reference', primary: true, class: 'nowrap', cell: (p) => h('button', { type: 'button', class: 'link-button bill-open', 'data-open': '',
        on: { click: () => showInvoice(p.invoiceId, { can: ctx.can }) } }, h('span', { class: 'mono', text: p.reference })) },
      { labelKey: 'billing.col.invoice', class: 'mono nowrap', cell: (p) => p.invoiceNumber },
      { labelKey: 'billing.col.customer', cell: (p) => customerCell(p.customer) },
      { labelKey: 'billing.col.amount', class: 'num nowrap', cell: (p) => fmt.rupiah(p.amount) },
      { labelKey: 'billing.col.method', class: 'nowrap', cell: (p) => methodName(p.method) },
      { labelKey: 'billing.col.paidAt', class: 'nowrap', cell: (p) => fmt.dateTime(p.paidAt) },
      { labelKey: 'billing.col.actions', class: 'cell-actions', cell: (p) => pdfLink('payment', p) },
    ],
    empty: { key: 'billing.empty.payments' },
    filtered: bar.isFiltered,
    onResetFilters: bar.reset,
  });
  return showListPage(root, 'billing', { bar, list }, head, tabs, bar.el, list.el);
}

function customerCell(customer) {
  if (!customer) return null;
  return h('a', { class: 'customer-link', href: `#/customers/${customer.id}` },
    h('span', { class: 'primary-name', text: customer.name }), h('span', { class: 'mono muted small', text: customer.customerNo }));
}

/** The verification form: a code in, a clear "genuine, and this is what it covers" or "not ours" out. */
function verifyView(root, ctx, head, tabs) {
  const input = h('input', { id: 'f-code', name: 'code', type: 'text', value: ctx.params.get('code') ?? '', 'data-search': '', 'data-testid': 'verify-code',
    autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 40, class: 'mono bill-code-input',
    'data-i18n-placeholder': 'billing.verify.placeholder', placeholder: t('billing.verify.placeholder'),
    'aria-describedby': 'f-code-hint f-code-error', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'verify-submit' }, h('span', { 'data-label': '', i18n: 'billing.verify.submit' }));
  const result = h('div', { class: 'bill-verify-result', 'aria-live': 'polite', 'data-testid': 'verify-result' });
  const form = h('form', { class: 'card admin-form bill-verify-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); check(); } } },
    h('div', { class: 'field', dataset: { field: 'code' } },
      h('label', { for: 'f-code', i18n: 'billing.verify.label' }),
      h('div', { class: 'bill-verify-row' }, input, submit),
      h('p', { class: 'field-error', id: 'f-code-error', hidden: true }),
      h('p', { class: 'field-hint', id: 'f-code-hint', i18n: 'billing.verify.hint' })));
  let generation = 0;

  async function check() {
    clearErrors(form);
    const code = input.value.trim();
    if (!code) { setFieldError(form, 'code', 'billing.verify.required'); input.focus(); result.replaceChildren(); return; }
    ctx.setParams({ code });
    const mine = ++generation;
    submit.disabled = true;
    result.replaceChildren(stateBlock('loading', 'billing.verify.checking'));
    try {
      const found = await api.get(`/api/v1/billing/verify/${encodeURIComponent(code)}`);
      if (mine === generation) result.replaceChildren(genuine(found));
    } catch (err) {
      if (mine !== generation) return;
      if (err instanceof ApiError && err.status === 404) result.replaceChildren(notFound(code));
      else {
        const { key, params } = apiMessage(err);
        result.replaceChildren(stateBlock('error', key, params, h('button', { type: 'button', class: 'btn btn-primary', i18n: 'common.retry', on: { click: check } })));
      }
    } finally {
      if (mine === generation) submit.disabled = false;
    }
  }

  function genuine(v) {
    const inv = v.invoice;
    const rows = [
      ['billing.verify.kind', h('span', { i18n: `billing.verify.kind.${v.kind}` })],
      ['billing.col.customer', customerCell(v.customer)],
      v.payment ? ['billing.col.reference', h('span', { class: 'mono', text: v.payment.reference })] : null,
      v.payment ? ['billing.col.amount', h('strong', { text: fmt.rupiah(v.payment.amount) })] : null,
      v.payment ? ['billing.col.method', methodName(v.payment.method)] : null,
      v.payment ? ['billing.col.paidAt', fmt.dateTime(v.payment.paidAt)] : null,
      ['billing.col.invoice', h('button', { type: 'button', class: 'link-button mono', text: inv.number, on: { click: () => showInvoice(inv.id, { can: ctx.can }) } })],
      ['billing.col.period', period(inv.period)],
      ['billing.col.total', fmt.rupiah(inv.total)],
      ['billing.col.paid', fmt.rupiah(inv.paid)],
      ['billing.col.status', invoiceBadge(inv.status)],
      ['billing.col.dueDate', day(inv.dueDate)],
    ].filter(Boolean);
    return h('section', { class: 'card bill-verdict bill-verdict-ok', 'data-verdict': 'genuine', role: 'status' },
      h('p', { class: 'bill-verdict-title' }, h('span', { class: 'bill-verdict-icon', 'aria-hidden': 'true', text: '✓' }),
        h('span', { i18n: [`billing.verify.genuine.${v.kind}`, { code: v.code }] })),
      h('p', { class: 'muted', i18n: [`billing.verify.covers.${v.kind}`, { amount: fmt.rupiah(v.amount), number: inv.number, name: v.customer?.name ?? '' }] }),
      h('dl', { class: 'facts' }, rows.map(([key, value]) => h('div', {}, h('dt', { i18n: key }), h('dd', {}, value ?? '—')))),
      inv.status === 'void' ? h('p', { class: 'alert alert-error', i18n: 'billing.verify.voidWarning' }) : null,
      h('p', { class: 'bill-verdict-actions' },
        v.payment ? pdfLink('payment', v.payment) : pdfLink('invoice', inv)));
  }

  function notFound(code) {
    return h('section', { class: 'card bill-verdict bill-verdict-bad', 'data-verdict': 'not_found', role: 'alert' },
      h('p', { class: 'bill-verdict-title' }, h('span', { class: 'bill-verdict-icon', 'aria-hidden': 'true', text: '✕' }),
        h('span', { i18n: ['billing.verify.notFound', { code }] })),
      h('p', { i18n: 'billing.verify.notFoundHint' }));
  }

  root.append(head, tabs, form, result);
  if (input.value) check();
  else input.focus();
  // A verdict's dates and amounts are written in the reader's language: a switch asks again.
  const relabel = () => { if (result.querySelector('[data-verdict]')) check(); };
  document.addEventListener('i18n:change', relabel);
  return () => { generation++; document.removeEventListener('i18n:change', relabel); };
}
