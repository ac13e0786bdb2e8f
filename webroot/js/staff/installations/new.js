// A new installation (#/installations/new[?customerId=]), admin, supervisor and cs: the customer, when (WIB), the
// address and plan (the customer's own unless changed), the technician and a note. It starts at stage "scheduled".
import { fill, h, stateBlock } from '../../dom.js';
import { detailHead, flash, listHref } from '../admin/common.js';
import { field, formAlert, setFieldError, submitting, values } from '../admin/form.js';
import { fromWibLocal, wibLocal } from '../alerts/common.js';
import { customerPicker, may, technicianField } from '../tickets/common.js';

export async function render(root, ctx, page) {
  page.actions([]);
  if (!may.createInstallation(ctx.can)) {
    root.replaceChildren(stateBlock('error', 'console.page.forbidden'));
    return () => {};
  }
  const wanted = ctx.params.get('customerId');
  const initial = wanted ? await ctx.api.get(`/api/v1/customers/${encodeURIComponent(wanted)}`).catch(() => null) : null;
  // Tomorrow at 09.00 WIB: the first slot most installations take.
  const tomorrow = wibLocal(new Date(Date.now() + 86_400_000)).slice(0, 10);
  let form = null;
  const picker = customerPicker({ initial, onPick: (c) => {
    if (!form || !c) return;
    const address = form.elements.namedItem('address');
    const plan = form.elements.namedItem('plan');
    if (!address.value.trim() || address.dataset.auto) { address.value = c.address ?? ''; address.dataset.auto = '1'; }
    if (!plan.value.trim() || plan.dataset.auto) { plan.value = c.plan ?? ''; plan.dataset.auto = '1'; }
  } });
  form = h('form', { class: 'card admin-form', novalidate: true, 'data-errors': 'inst.error', 'data-testid': 'installation-new-form' },
    formAlert(),
    picker.el,
    h('div', { class: 'form-grid' },
      field({ name: 'scheduledAt', labelKey: 'inst.field.scheduledAt', type: 'datetime-local', value: `${tomorrow}T09:00`, required: true, hintKey: 'inst.wibHint' }),
      technicianField({ me: ctx.me }),
      h('div', { class: 'span-2' }, field({ name: 'address', labelKey: 'inst.field.address', type: 'textarea', value: initial?.address ?? '',
        hintKey: 'inst.addressHint', attrs: { maxlength: 500 } })),
      field({ name: 'plan', labelKey: 'inst.field.plan', value: initial?.plan ?? '', attrs: { maxlength: 80 } }),
      h('div', { class: 'span-2' }, field({ name: 'note', labelKey: 'inst.field.note', type: 'textarea', attrs: { maxlength: 2000 } }))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'installation-create' }, h('span', { 'data-label': '', i18n: 'inst.create' })),
      h('a', { class: 'btn btn-ghost', href: initial ? `#/customers/${initial.id}` : listHref('installations'), i18n: 'admin.cancel' })));
  for (const name of ['address', 'plan']) form.elements.namedItem(name).addEventListener('input', (e) => { delete e.target.dataset.auto; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await submitting(form, form.querySelector('[type=submit]'), async () => {
      if (!picker.value()) { setFieldError(form, 'customerId', 'tickets.error.pickCustomer'); picker.focus(); return undefined; }
      const v = values(form);
      const body = { customerId: Number(v.customerId), scheduledAt: fromWibLocal(v.scheduledAt) };
      for (const k of ['address', 'plan', 'technician', 'note']) if (v[k]) body[k] = v[k];
      return ctx.api.post('/api/v1/installations', body);
    });
    if (created) {
      flash('inst.created', { number: created.number });
      ctx.navigate(`#/installations/${created.id}`);
    }
  });
  fill(root, detailHead('installations', 'inst.back', h('span', { i18n: 'inst.newTitle' })),
    h('p', { class: 'page-lead muted', i18n: 'inst.newLead' }), form);
  picker.focus();
  return () => {};
}
