// Customers: find a customer by number, name or phone, filter by status, open one to see everything about them in one
// place (the customer 360: contact, plan, status, address and location, their tickets, installations, WhatsApp
// messages both ways, invoices and payments, history). Admins and supervisors also add and change customers,
// and suspend or reactivate them one by one or several at once; CS and NOC read.
//   #/customers?q=&status=   the list        #/customers/new   add
//   #/customers/<id>         one customer    #/customers/<id>/edit
import { h, fmt, label, stateBlock, fill } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { pagedList, toolbar, query, showListPage } from '../admin/list.js';
import { field, formAlert, passwordField, submitting, values, changes, setFieldError, showAlert, apiMessage } from '../admin/form.js';
import { openDialog } from '../admin/dialog.js';
import { phone, pageHead, detailHead, facts, card, badge, rememberList, listHref, loadRecord, historyCard, flash, takeFlash } from '../admin/common.js';
import { useDictionary } from '../../i18n.js';
import { stylesheet } from '../tickets/common.js';
import { ticketsCard, installationsCard, inboxCard, invoicesCard, speedTestsCard } from '../customers/cards.js';

const STATUSES = ['prospect', 'active', 'suspended', 'terminated'];
const STATUS_TONE = { prospect: 'neutral', active: 'up', suspended: 'warn', terminated: 'down' };
const MESSAGES_SHOWN = 10;

export default {
  title: 'console.nav.customers',
  dictionary: 'admin',
  async render(root, ctx) {
    const [first, second] = ctx.path;
    const editor = ctx.can('admin', 'supervisor');
    // The customer 360's cards (and the list's lead for CS and NOC) speak the tickets area's words.
    await Promise.all([useDictionary('tickets'), useDictionary('billing'), stylesheet('/css/tickets.css'), stylesheet('/css/billing.css')]);
    const add = editor ? { id: 'customers.new', get label() { return t('admin.customers.new'); }, run: () => ctx.navigate('#/customers/new') } : null;
    if (!first) return listView(root, ctx, add);
    if ((first === 'new' || second === 'edit') && !editor) { ctx.actions([]); root.append(stateBlock('error', 'console.page.forbidden')); return undefined; }
    if (first === 'new') { ctx.actions([]); return formView(root, ctx, null); }
    if (second === 'edit') { ctx.actions([add]); return formView(root, ctx, first); }
    ctx.actions([
      add,
      editor && { id: 'customers.edit', get label() { return t('admin.customers.editThis'); }, run: () => ctx.navigate(`#/customers/${first}/edit`) },
      ctx.can('admin', 'supervisor', 'cs', 'noc') && { id: 'customers.ticket', get label() { return t('c360.newTicket'); }, run: () => ctx.navigate(`#/tickets/new?customerId=${first}`) },
    ].filter(Boolean));
    return detailView(root, ctx, first);
  },
};

function statusBadge(status) {
  return STATUS_TONE[status] ? badge(STATUS_TONE[status], null, `admin.customerStatus.${status}`) : badge('neutral', status);
}

function listView(root, ctx, add) {
  const editor = ctx.can('admin', 'supervisor');
  ctx.actions(add ? [add] : []);
  const bar = toolbar({
    params: ctx.params,
    search: { name: 'q', labelKey: 'admin.customers.search', placeholderKey: 'admin.customers.searchHint' },
    filters: [{ name: 'status', labelKey: 'admin.customers.status', type: 'select',
      options: [['', 'admin.filter.allStatuses'], ...STATUSES.map((s) => [s, `admin.customerStatus.${s}`])] }],
    onChange(filters) { ctx.setParams(filters); rememberList('customers'); list.reload(); },
  });
  const setStatus = (status) => (item) => api.put(`/api/v1/customers/${item.id}`, { status });
  const list = pagedList({
    load: (cursor) => api.get(query('/api/v1/customers', bar.values(), cursor)),
    columns: [
      { labelKey: 'admin.customers.customer', primary: true, cell: (c) => h('a', { href: `#/customers/${c.id}`, 'data-open': '' },
        h('span', { class: 'primary-name', text: c.name }), h('span', { class: 'mono muted', text: c.customerNo })) },
      { labelKey: 'admin.field.phone', class: 'mono nowrap', cell: (c) => phone(c.phone) },
      { labelKey: 'admin.field.plan', class: 'nowrap', cell: (c) => c.plan },
      { labelKey: 'admin.customers.status', cell: (c) => statusBadge(c.status) },
      { labelKey: 'admin.field.address', class: 'cell-address optional', cell: (c) => c.address },
      { labelKey: 'admin.list.updated', class: 'nowrap optional', cell: (c) => fmt.dateTime(c.updatedAt) },
    ],
    selectable: editor ? (c) => c.status !== 'terminated' : null,
    nameOf: (c) => `${c.customerNo} · ${c.name}`,
    bulk: [
      { labelKey: 'admin.customers.suspend', applies: (c) => c.status === 'active', run: setStatus('suspended'),
        confirm: { titleKey: 'admin.customers.bulkSuspendTitle', bodyKey: 'admin.customers.bulkSuspendBody', confirmKey: 'admin.customers.bulkSuspendConfirm', danger: true } },
      { labelKey: 'admin.customers.activate', applies: (c) => c.status === 'suspended' || c.status === 'prospect', run: setStatus('active'),
        confirm: { titleKey: 'admin.customers.bulkActivateTitle', bodyKey: 'admin.customers.bulkActivateBody', confirmKey: 'admin.customers.bulkActivateConfirm' } },
    ],
    empty: { key: 'admin.customers.empty', action: editor ? h('a', { class: 'btn btn-primary', href: '#/customers/new', i18n: 'admin.customers.new' }) : null },
    filtered: bar.isFiltered,
    onResetFilters: bar.reset,
  });
  // The palette's "find customer" lands here with ?focus=search (a one-off: not kept in the URL).
  const focus = ctx.params.get('focus') === 'search';
  if (focus) ctx.setParams({ focus: null });
  const stop = showListPage(root, 'customers', { bar, list },
    editor ? pageHead('admin.customers.title', 'admin.customers.lead',
      h('a', { class: 'btn btn-primary', href: '#/customers/new', i18n: 'admin.customers.new' }))
      : pageHead('admin.customers.title', 'c360.listLead'),
    bar.el, list.el);
  if (focus) bar.focusSearch();
  return stop;
}

function detailView(root, ctx, id) {
  const editor = ctx.can('admin', 'supervisor');
  const render = (c) => {
    const suspendOrActivate = !editor ? null : c.status === 'active'
      ? h('button', { type: 'button', class: 'btn btn-danger-outline', i18n: 'admin.customers.suspend', on: { click: () => changeStatus(c, 'suspended') } })
      : c.status !== 'terminated'
        ? h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.customers.activate', on: { click: () => changeStatus(c, 'active') } })
        : null;
    const location = c.latitude != null && c.longitude != null
      ? h('span', {}, h('span', { class: 'mono', text: `${c.latitude}, ${c.longitude}` }), ' · ',
        h('a', { href: `https://www.openstreetmap.org/?mlat=${c.latitude}&mlon=${c.longitude}#map=17/${c.latitude}/${c.longitude}`,
          target: '_blank', rel: 'noopener noreferrer', i18n: 'admin.customers.openMap' }))
      : null;
    fill(root,
      detailHead('customers', 'admin.customers.back', h('span', {}, c.name, ' ', h('span', { class: 'mono muted title-key', text: c.customerNo })),
        h('a', { class: 'btn btn-primary', href: `#/tickets/new?customerId=${c.id}`, 'data-testid': 'customer-new-ticket', i18n: 'c360.newTicket' }),
        ctx.can('admin', 'supervisor', 'cs')
          ? h('a', { class: 'btn btn-secondary', href: `#/installations/new?customerId=${c.id}`, i18n: 'c360.newInstallation' }) : null,
        c.phone ? h('a', { class: 'btn btn-secondary', href: `#/whatsapp/send?to=${c.phone}`, i18n: 'admin.customers.sendWa' }) : null,
        suspendOrActivate,
        editor ? h('a', { class: 'btn btn-secondary', href: `#/customers/${c.id}/edit`, i18n: 'admin.edit' }) : null),
      takeFlash(),
      // Two columns that stack their cards, so a short card leaves no hole beside a long one: who they are, what is
      // installed and billed on the left; what they asked and wrote on the right.
      h('div', { class: 'c360-grid', 'data-testid': 'customer-360' }, h('div', { class: 'c360-col' },
        card('admin.customers.details', facts([
          ['admin.field.customerNo', h('span', { class: 'mono', text: c.customerNo })],
          ['admin.field.name', c.name],
          ['admin.customers.status', statusBadge(c.status)],
          ...(c.status !== 'active' && c.statusReason ? [['admin.customers.statusReason', c.statusReason]] : []),
          ['admin.field.phone', c.phone ? h('span', { class: 'mono', text: phone(c.phone) }) : null],
          ['admin.field.email', c.email ? h('a', { href: `mailto:${c.email}`, text: c.email }) : null],
          ['admin.field.plan', c.plan ? [c.plan, c.planSpeedMbps ? ` · ${fmt.number(c.planSpeedMbps)} Mbps` : '',
            c.planPrice != null ? ` · ${fmt.rupiah(c.planPrice)}` : ''].join('') : null],
          ['admin.field.address', c.address],
          ['admin.customers.location', location],
          ['admin.customers.portal', h('span', { i18n: c.hasPassword ? 'admin.customers.portalYes' : 'admin.customers.portalNo' })],
          ['admin.list.created', fmt.dateTime(c.createdAt)],
          ['admin.list.updated', fmt.dateTime(c.updatedAt)],
        ])),
        installationsCard(c, ctx),
        invoicesCard(c, ctx),
        ctx.can('admin') ? historyCard('customer', c.id) : null),
      h('div', { class: 'c360-col' },
        ticketsCard(c, ctx),
        speedTestsCard(c, ctx),
        inboxCard(c, ctx),
        messagesCard(c))));
  };

  async function changeStatus(c, status) {
    let statusReason = null;
    if (status === 'suspended') {
      statusReason = await askSuspendReason(c);
      if (statusReason === undefined) return;
    }
    try {
      const updated = await api.put(`/api/v1/customers/${c.id}`, { status, statusReason });
      flash(status === 'active' ? 'admin.customers.activated' : 'admin.customers.suspended', { name: updated.name });
      render(updated);
    } catch (err) {
      const { key, params } = apiMessage(err);
      root.prepend(h('p', { class: 'alert alert-error', role: 'alert', i18n: [key, params] }));
    }
  }

  loadRecord(root, 'customers', `/api/v1/customers/${encodeURIComponent(id)}`, render);
}

/**
 * Why the account is suspended, asked before suspending it: the customer reads it in the portal (with what to do), so
 * it is written for them. Resolves with the text, or undefined when the dialog was cancelled.
 */
function askSuspendReason(c) {
  return openDialog((close) => {
    const submit = h('button', { type: 'submit', class: 'btn btn-danger', 'data-testid': 'suspend-confirm' },
      h('span', { 'data-label': '', i18n: 'admin.customers.suspend' }));
    const form = h('form', { class: 'dialog-body', novalidate: true, on: { submit: (e) => {
      e.preventDefault();
      const reason = form.elements.namedItem('statusReason').value.trim();
      if (!reason) {
        setFieldError(form, 'statusReason', 'admin.customers.reasonRequired');
        return;
      }
      close(reason);
    } } },
    h('h2', { i18n: ['admin.customers.suspendTitle', { name: c.name, no: c.customerNo }] }),
    h('p', { i18n: ['admin.customers.suspendBody', { name: c.name, no: c.customerNo }] }),
    field({ name: 'statusReason', labelKey: 'admin.customers.statusReason', type: 'textarea', required: true,
      hintKey: 'admin.customers.statusReasonHint', attrs: { maxlength: 500, autofocus: true, 'data-testid': 'suspend-reason' } }),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close(undefined) } }),
      submit));
    return form;
  });
}

/** The customer's latest WhatsApp messages (every staff role may read messages). */
function messagesCard(c) {
  const body = h('div', {});
  const section = card('admin.customers.messages', body);
  if (!c.phone) {
    body.append(stateBlock('empty', 'admin.customers.noPhone'));
    return section;
  }
  body.append(stateBlock('loading', 'common.loading'));
  api.get(`/api/v1/messages?to=${encodeURIComponent(c.phone)}&limit=${MESSAGES_SHOWN}`)
    .then(({ items }) => body.replaceChildren(items.length
      ? h('ol', { class: 'message-list' }, items.map((m) => h('li', {},
        h('div', { class: 'message-meta' },
          h('a', { href: `#/whatsapp/messages/${m.id}` }, h('time', { datetime: m.createdAt, text: fmt.dateTime(m.createdAt) })),
          h('span', { class: `badge status status-${m.status}`, text: label('console.status', m.status) })),
        h('p', { class: 'message-text' }, m.text ?? h('span', { class: 'muted', i18n: ['admin.customers.template', { name: m.template }] })))))
      : stateBlock('empty', 'admin.customers.noMessages')))
    .catch((err) => {
      const { key, params } = apiMessage(err);
      body.replaceChildren(stateBlock('error', key, params));
    });
  return section;
}

function formView(root, ctx, id) {
  const creating = id == null;
  const build = (c) => {
    const form = h('form', { class: 'card admin-form', novalidate: true },
      formAlert(),
      h('div', { class: 'form-grid' },
        field({ name: 'name', labelKey: 'admin.field.name', value: c?.name, required: true, attrs: { maxlength: 120, autocomplete: 'off' } }),
        field({ name: 'customerNo', labelKey: 'admin.field.customerNo', value: c?.customerNo,
          hintKey: creating ? 'admin.customers.customerNoHint' : null, attrs: { maxlength: 32, autocomplete: 'off', spellcheck: 'false' } }),
        field({ name: 'phone', labelKey: 'admin.field.phone', type: 'tel', value: c?.phone ? phone(c.phone) : '',
          hintKey: 'admin.customers.phoneHint', attrs: { maxlength: 32, autocomplete: 'off', inputmode: 'tel' } }),
        field({ name: 'email', labelKey: 'admin.field.email', type: 'email', value: c?.email, attrs: { maxlength: 254, autocomplete: 'off' } }),
        field({ name: 'plan', labelKey: 'admin.field.plan', value: c?.plan, hintKey: 'admin.customers.planHint', attrs: { maxlength: 80 } }),
        field({ name: 'planSpeedMbps', labelKey: 'admin.customers.planSpeed', value: c?.planSpeedMbps ?? '',
          attrs: { inputmode: 'numeric', autocomplete: 'off' } }),
        field({ name: 'planPrice', labelKey: 'admin.customers.planPrice', value: c?.planPrice ?? '', hintKey: 'admin.customers.planPriceHint',
          attrs: { inputmode: 'numeric', autocomplete: 'off' } }),
        field({ name: 'status', labelKey: 'admin.customers.status', type: 'select', value: c?.status ?? 'active',
          options: STATUSES.map((s) => [s, `admin.customerStatus.${s}`]) }),
        h('div', { class: 'span-2' }, field({ name: 'statusReason', labelKey: 'admin.customers.statusReason', type: 'textarea',
          value: c?.statusReason, hintKey: 'admin.customers.statusReasonHint', attrs: { maxlength: 500 } })),
        h('div', { class: 'span-2' }, field({ name: 'address', labelKey: 'admin.field.address', type: 'textarea', value: c?.address, attrs: { maxlength: 500 } })),
        field({ name: 'latitude', labelKey: 'admin.field.latitude', value: c?.latitude ?? '', hintKey: 'admin.customers.coordinatesHint',
          attrs: { inputmode: 'decimal', autocomplete: 'off', on: { change: (e) => splitPair(e.target) } } }),
        field({ name: 'longitude', labelKey: 'admin.field.longitude', value: c?.longitude ?? '', attrs: { inputmode: 'decimal', autocomplete: 'off' } }),
        h('div', { class: 'span-2' }, passwordField({ labelKey: 'admin.customers.portalPassword',
          hintKey: creating ? 'admin.customers.portalPasswordNew' : 'admin.customers.portalPasswordChange' }))),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: creating ? 'admin.customers.create' : 'admin.save' })),
        h('a', { class: 'btn btn-ghost', href: creating ? listHref('customers') : `#/customers/${c.id}`, i18n: 'admin.cancel' })));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('[type=submit]');
      const saved = await submitting(form, button, async () => {
        const body = readCustomer(form);
        if (!body) return undefined;
        if (creating) return api.post('/api/v1/customers', body);
        const changed = changes(body, { ...c, phone: c.phone ? phone(c.phone) : null, password: null });
        if (!Object.keys(changed).length) { showAlert(form, 'admin.noChanges', null, 'info'); return undefined; }
        return api.put(`/api/v1/customers/${c.id}`, changed);
      });
      if (saved) {
        flash(creating ? 'admin.customers.created' : 'admin.saved', { name: saved.name, no: saved.customerNo });
        ctx.navigate(`#/customers/${saved.id}`);
      }
    });
    fill(root,
      creating ? detailHead('customers', 'admin.customers.back', h('span', { i18n: 'admin.customers.new' }))
        : detailHead('customers', 'admin.customers.back', h('span', { i18n: ['admin.customers.editTitle', { name: c.name }] })),
      form);
    form.elements.namedItem('name').focus();
  };
  if (creating) build(null);
  else loadRecord(root, 'customers', `/api/v1/customers/${encodeURIComponent(id)}`, build);
}

/** The form as the API wants it: numbers for coordinates (a decimal comma accepted), null for empty fields. */
function readCustomer(form) {
  splitPair(form.elements.namedItem('latitude'));
  const v = values(form);
  const body = { ...v };
  let ok = true;
  for (const name of ['latitude', 'longitude']) {
    if (v[name] === '') { body[name] = null; continue; }
    const n = Number(v[name].replace(',', '.'));
    if (Number.isNaN(n)) { setFieldError(form, name, `admin.error.invalid.${name}`); ok = false; } else body[name] = n;
  }
  // Whole numbers; a price typed as "Rp 300.000" (Indonesian thousands) is read as 300000, a speed only as digits.
  for (const name of ['planSpeedMbps', 'planPrice']) {
    const raw = name === 'planPrice' ? v[name].replace(/^\s*Rp/i, '').replace(/[\s.]/g, '') : v[name].trim();
    if (raw === '') { body[name] = null; continue; }
    if (!/^\d+$/.test(raw)) { setFieldError(form, name, 'admin.customers.wholeNumber'); ok = false; } else body[name] = Number(raw);
  }
  for (const k of ['customerNo', 'phone', 'email', 'plan', 'address', 'statusReason']) if (body[k] === '') body[k] = null;
  if (body.password === '') delete body.password;
  if (body.customerNo === null) delete body.customerNo;
  return ok ? body : null;
}

/** "-7.7501, 110.3754" copied from a map into the latitude fills both coordinates (once the field is left). */
function splitPair(latitude) {
  // Both numbers with a decimal point: "-7,7501" alone is a latitude with a decimal comma, not a pair.
  const pair = latitude.value.match(/^\s*(-?\d+\.\d+)\s*[,;]\s*(-?\d+\.\d+)\s*$/);
  if (!pair) return;
  latitude.value = pair[1];
  latitude.form.elements.namedItem('longitude').value = pair[2];
}
