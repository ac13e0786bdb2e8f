// Canned replies (#/tickets/canned): the answers customer service gives again and again, inserted from a ticket's
// reply box. Everyone reads them; admins and supervisors add, change and delete them.
import { fill, h, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { detailHead } from '../admin/common.js';
import { confirmDialog, openDialog } from '../admin/dialog.js';
import { field, formAlert, submitting, values } from '../admin/form.js';
import { errorBlock, errorText, may } from './common.js';

export async function render(root, ctx, page) {
  const editor = may.editCanned(ctx.can);
  const list = h('div', { class: 'tk-canned-list' }, stateBlock('loading', 'common.loading'));
  const notices = h('div', { 'aria-live': 'polite' });
  let items = [];
  fill(root,
    detailHead('tickets', 'tickets.back', h('span', { i18n: 'tickets.canned.title' }),
      editor ? h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'canned-new', i18n: 'tickets.canned.new', on: { click: () => edit(null) } }) : null),
    h('p', { class: 'page-lead muted', i18n: editor ? 'tickets.canned.leadEditor' : 'tickets.canned.lead' }),
    notices, list);

  async function load() {
    try {
      const answer = await ctx.api.get('/api/v1/tickets/canned-replies');
      items = Array.isArray(answer) ? answer : (answer?.items ?? []);
      paint();
    } catch (err) {
      list.replaceChildren(errorBlock(err, load, 'tickets.queue.unavailable'));
    }
  }

  function paint() {
    if (!items.length) {
      list.replaceChildren(stateBlock('empty', editor ? 'tickets.canned.emptyEditor' : 'tickets.canned.empty', null,
        editor ? h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'tickets.canned.new', on: { click: () => edit(null) } }) : null));
      return;
    }
    list.replaceChildren(h('ul', { class: 'tk-canned' }, items.map((c) => h('li', { class: 'card', 'data-row': '', dataset: { id: String(c.id) } },
      h('div', { class: 'tk-canned-head' },
        h('h2', { text: c.title }),
        editor ? h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-open': '', i18n: 'admin.edit', on: { click: () => edit(c) } }),
          h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'tickets.canned.delete', on: { click: () => remove(c) } })) : null),
      h('p', { class: 'tk-canned-text', text: c.text })))));
  }

  async function edit(c) {
    const saved = await openDialog((close) => {
      const form = h('form', { class: 'dialog-body', novalidate: true },
        h('h2', { i18n: c ? 'tickets.canned.editTitle' : 'tickets.canned.new' }),
        formAlert(),
        field({ name: 'title', labelKey: 'tickets.canned.fieldTitle', value: c?.title, required: true, attrs: { maxlength: 80, autocomplete: 'off', autofocus: true } }),
        field({ name: 'text', labelKey: 'tickets.canned.fieldText', type: 'textarea', value: c?.text, required: true,
          hintKey: 'tickets.canned.placeholders', attrs: { maxlength: 4000, rows: 6 } }),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close(null) } }),
          h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: 'admin.save' }))));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const done = await submitting(form, form.querySelector('[type=submit]'), () => {
          const v = values(form);
          return c ? ctx.api.put(`/api/v1/tickets/canned-replies/${encodeURIComponent(c.id)}`, { title: v.title, text: v.text })
            : ctx.api.post('/api/v1/tickets/canned-replies', { title: v.title, text: v.text });
        });
        if (done !== undefined) close(true);
      });
      return form;
    }, { wide: true });
    if (saved) {
      notices.replaceChildren(h('p', { class: 'alert alert-success', role: 'status', i18n: 'tickets.canned.saved' }));
      load();
    }
  }

  async function remove(c) {
    if (!(await confirmDialog({ titleKey: 'tickets.canned.deleteTitle', confirmKey: 'tickets.canned.delete', params: { title: c.title }, danger: true }))) return;
    try {
      await ctx.api.del(`/api/v1/tickets/canned-replies/${encodeURIComponent(c.id)}`);
      items = items.filter((x) => x.id !== c.id);
      paint();
    } catch (err) {
      notices.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', text: errorText(err) }));
    }
  }

  page.actions(editor ? [{ id: 'canned.new', get label() { return t('tickets.canned.new'); }, run: () => edit(null) }] : []);
  const relabel = () => paint();
  document.addEventListener('i18n:change', relabel);
  await load();
  return () => document.removeEventListener('i18n:change', relabel);
}
