// A new ticket on a customer's behalf (#/tickets/new[?customerId=]): find the customer by number, name or phone,
// then category, subject, description, priority (left to the category's default unless chosen) and who takes it.
import { fill, h, stateBlock } from '../../dom.js';
import { detailHead, flash, listHref } from '../admin/common.js';
import { field, formAlert, setFieldError, submitting, values } from '../admin/form.js';
import { CATEGORIES, PRIORITIES, customerPicker, errorText, fillAssignees, may } from './common.js';

export async function render(root, ctx, page) {
  page.actions([]);
  if (!may.createTicket(ctx.can)) {
    root.replaceChildren(stateBlock('error', 'console.page.forbidden'));
    return () => {};
  }
  const wanted = ctx.params.get('customerId');
  let initial = null;
  if (wanted) initial = await ctx.api.get(`/api/v1/customers/${encodeURIComponent(wanted)}`).catch(() => null);

  const picker = customerPicker({ initial });
  const assignee = h('select', { id: 'f-assignee', name: 'assignee', 'aria-describedby': 'f-assignee-error f-assignee-status' });
  const assigneeStatus = h('p', { class: 'field-hint', id: 'f-assignee-status', 'aria-live': 'polite' });
  fillAssignees(assignee, ctx.me, { current: '', onError: (err) => assigneeStatus.replaceChildren(
    h('span', { class: 'tk-bad', i18n: ['tickets.assignee.directoryFailed', { message: errorText(err) }] })) });
  const form = h('form', { class: 'card admin-form tk-new-form', novalidate: true, 'data-errors': 'tickets.error', 'data-testid': 'ticket-new-form' },
    formAlert(),
    picker.el,
    h('div', { class: 'form-grid' },
      field({ name: 'category', labelKey: 'tickets.field.category', type: 'select', value: 'gangguan', required: true,
        options: CATEGORIES.map((c) => [c, `tickets.category.${c}`]) }),
      field({ name: 'priority', labelKey: 'tickets.field.priority', type: 'select', value: '', hintKey: 'tickets.new.priorityHint',
        options: [['', 'tickets.new.priorityDefault'], ...PRIORITIES.map((p) => [p, `tickets.priority.${p}`])] }),
      h('div', { class: 'span-2' }, field({ name: 'subject', labelKey: 'tickets.field.subject', required: true,
        hintKey: 'tickets.new.subjectHint', attrs: { maxlength: 120, autocomplete: 'off' } })),
      h('div', { class: 'span-2' }, field({ name: 'description', labelKey: 'tickets.field.description', type: 'textarea', required: true,
        hintKey: 'tickets.new.descriptionHint', attrs: { maxlength: 4000, rows: 5 } })),
      h('div', { class: 'field', dataset: { field: 'assignee' } },
        h('label', { for: 'f-assignee', i18n: 'tickets.field.assignee' }), assignee,
        h('p', { class: 'field-error', id: 'f-assignee-error', hidden: true }), assigneeStatus)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'ticket-create' }, h('span', { 'data-label': '', i18n: 'tickets.new.create' })),
      h('a', { class: 'btn btn-ghost', href: initial ? `#/customers/${initial.id}` : listHref('tickets'), i18n: 'admin.cancel' })));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('[type=submit]');
    const created = await submitting(form, button, async () => {
      if (!picker.value()) {
        setFieldError(form, 'customerId', 'tickets.error.pickCustomer');
        picker.focus();
        return undefined;
      }
      const v = values(form);
      const body = { customerId: Number(v.customerId), category: v.category, subject: v.subject, description: v.description };
      if (v.priority) body.priority = v.priority;
      if (v.assignee) body.assignee = v.assignee;
      return ctx.api.post('/api/v1/tickets', body);
    });
    if (created) {
      flash('tickets.new.created', { number: created.number });
      ctx.navigate(`#/tickets/${created.id}`);
    }
  });

  fill(root, detailHead('tickets', 'tickets.back', h('span', { i18n: 'tickets.new.title' })),
    h('p', { class: 'page-lead muted', i18n: 'tickets.new.lead' }), form);
  if (initial) form.elements.namedItem('subject').focus();
  else picker.focus();
  return () => {};
}
