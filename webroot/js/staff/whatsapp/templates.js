// Template: the list and an editor whose preview is rendered with sample values as the text is typed. Admins and
// supervisors create, change and delete; everyone else reads. ?name=<template> opens one, ?name=new a blank one.
import { h, fmt, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import {
  clearFieldErrors, confirmAction, errorState, errorText, field, loadTemplates, may, notice, placeholders, renderTemplate,
  sampleValue, showFieldError, whileBusy,
} from './common.js';

const NAME = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

export async function render(root, ctx, page) {
  const editor = may.editTemplates(ctx.can);
  const search = h('input', { type: 'search', 'data-search': '', value: ctx.params.get('q') ?? '', autocomplete: 'off' });
  const listBox = h('div', { class: 'template-list' }, stateBlock('loading', 'common.loading'));
  const editBox = h('div', { class: 'template-editor' });
  const result = h('div', { 'aria-live': 'polite' });
  root.append(result, h('div', { class: 'split' },
    h('section', { class: 'card split-list' },
      h('div', { class: 'list-head' },
        h('div', { class: 'field' }, h('label', { for: 'wa-tpl-search', i18n: 'wa.templates.search' }), search),
        editor ? h('a', { class: 'btn btn-primary btn-small', href: '#/whatsapp/templates?name=new', i18n: 'wa.templates.new' }) : null),
      listBox),
    editBox));
  search.id = 'wa-tpl-search';
  if (!editor) root.prepend(h('p', { class: 'muted small', i18n: 'wa.templates.readOnly' }));

  let templates = [];
  let openName = ctx.params.get('name');

  function showList() {
    const q = search.value.trim().toLowerCase();
    const shown = templates.filter((x) => !q || x.name.includes(q) || x.body.toLowerCase().includes(q));
    if (!templates.length) {
      listBox.replaceChildren(stateBlock('empty', editor ? 'wa.templates.noneEditor' : 'wa.templates.none'));
      return;
    }
    if (!shown.length) {
      listBox.replaceChildren(stateBlock('empty', 'wa.templates.noMatch'));
      return;
    }
    listBox.replaceChildren(h('ul', { class: 'pick-list' }, shown.map((x) => h('li', { 'data-row': '', class: x.name === openName ? 'is-open' : '' },
      h('a', { href: `#/whatsapp/templates?name=${encodeURIComponent(x.name)}`, 'data-open': '', 'aria-current': x.name === openName ? 'true' : null },
        h('strong', { class: 'mono', text: x.name }),
        h('span', { class: 'muted small snippet', text: x.body.length > 90 ? `${x.body.slice(0, 90)}…` : x.body }))))));
  }

  function showEditor() {
    if (!openName) {
      editBox.replaceChildren(h('section', { class: 'card' }, stateBlock('empty', 'wa.templates.pick')));
      return;
    }
    const creating = openName === 'new';
    const existing = templates.find((x) => x.name === openName);
    if (!creating && !existing) {
      editBox.replaceChildren(h('section', { class: 'card' }, stateBlock('empty', 'wa.templates.notFound')));
      return;
    }
    if (creating && !editor) {
      editBox.replaceChildren(h('section', { class: 'card' }, stateBlock('error', 'wa.error.forbidden')));
      return;
    }
    const name = h('input', { type: 'text', value: existing?.name ?? '', autocomplete: 'off', spellcheck: false, readOnly: !creating,
      pattern: NAME.source, maxlength: 64, placeholder: 'tagihan-bulanan' });
    const bodyInput = h('textarea', { rows: 5, value: existing?.body ?? '', readOnly: !editor, maxlength: 60000 });
    bodyInput.value = existing?.body ?? '';
    const chips = h('div', { class: 'chips' });
    const samples = h('div', { class: 'param-grid' });
    const preview = h('div', {});
    const count = h('p', { class: 'field-hint' });
    const sampleInputs = new Map();
    const save = h('button', { class: 'btn btn-primary', type: 'submit', i18n: creating ? 'wa.templates.create' : 'wa.templates.save' });
    const remove = !creating && editor ? h('button', { class: 'btn btn-danger', type: 'button', i18n: 'wa.templates.delete', on: { click: del } }) : null;
    const form = h('form', { class: 'card', novalidate: true },
      h('h2', { text: creating ? t('wa.templates.newTitle') : existing.name }),
      existing ? h('p', { class: 'muted small', i18n: ['wa.templates.updated', { when: fmt.dateTime(existing.updatedAt) }] }) : null,
      creating ? field('wa-tpl-name', 'wa.templates.name', name, { name: 'name', hint: 'wa.templates.nameHint' }) : null,
      field('wa-tpl-body', 'wa.templates.body', bodyInput, { name: 'body', hint: editor ? 'wa.templates.bodyHint' : null }),
      count,
      // The preview right under the text, so it is in view while typing.
      h('div', { class: 'template-preview' }, h('h3', { i18n: 'wa.send.preview' }), preview),
      h('div', { class: 'field' }, h('span', { class: 'label', i18n: 'wa.templates.placeholders' }), chips),
      h('details', { class: 'samples', open: true }, h('summary', { i18n: 'wa.templates.samples' }), samples),
      h('div', { class: 'form-actions' },
        editor ? save : null, remove,
        existing ? h('a', { class: 'btn btn-secondary', href: `#/whatsapp/send?mode=batch&template=${encodeURIComponent(existing.name)}`, i18n: 'wa.templates.useBatch' }) : null,
        existing ? h('a', { class: 'btn btn-ghost', href: `#/whatsapp/messages?template=${encodeURIComponent(existing.name)}`, i18n: 'wa.templates.messages' }) : null));

    function refresh() {
      const names = placeholders(bodyInput.value);
      count.textContent = t('wa.send.chars', { n: fmt.number(bodyInput.value.length) });
      chips.replaceChildren(...(names.length ? names.map((n) => h('span', { class: 'chip static mono', text: `{{${n}}}` }))
        : [h('span', { class: 'muted small', i18n: 'wa.templates.noPlaceholders' })]));
      if ([...sampleInputs.keys()].join() !== names.join()) {
        const keep = Object.fromEntries([...sampleInputs].map(([n, input]) => [n, input.value]));
        sampleInputs.clear();
        samples.replaceChildren(...names.map((n) => {
          const input = h('input', { type: 'text', value: keep[n] ?? sampleValue(n), on: { input: refresh } });
          sampleInputs.set(n, input);
          const wrap = field(`wa-tpl-sample-${n}`, 'wa.send.param', input);
          wrap.querySelector('label').textContent = `{{${n}}}`;
          return wrap;
        }));
        if (!names.length) samples.replaceChildren(h('p', { class: 'muted small', i18n: 'wa.templates.noPlaceholders' }));
      }
      const rendered = renderTemplate(bodyInput.value, Object.fromEntries([...sampleInputs].map(([n, input]) => [n, input.value])));
      preview.replaceChildren(h('div', { class: 'wa-bubble' },
        h('p', { class: 'wa-bubble-text', text: rendered.text || '…' }),
        rendered.missing.length ? h('p', { class: 'wa-bubble-missing', i18n: ['wa.send.missingParams', { names: rendered.missing.join(', ') }] }) : null));
    }

    async function del() {
      const confirmed = await confirmAction({ title: t('wa.templates.deleteTitle', { name: existing.name }), body: t('wa.templates.deleteBody'),
        confirm: t('wa.templates.delete'), danger: true });
      if (!confirmed) return;
      try {
        await ctx.api.del(`/api/v1/templates/${encodeURIComponent(existing.name)}`);
        templates = templates.filter((x) => x.name !== existing.name);
        notice(result, 'ok', t('wa.templates.deleted', { name: existing.name }));
        open(null);
      } catch (err) {
        notice(result, 'error', errorText(err));
      }
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!editor) return;
      clearFieldErrors(form);
      if (creating && !NAME.test(name.value.trim())) {
        showFieldError(form, { message: t('wa.templates.nameHint'), body: { error: { field: 'name' } } });
        return;
      }
      await whileBusy(save, async () => {
        try {
          const saved = creating
            ? await ctx.api.post('/api/v1/templates', { name: name.value.trim(), body: bodyInput.value })
            : await ctx.api.put(`/api/v1/templates/${encodeURIComponent(existing.name)}`, { body: bodyInput.value });
          templates = [...templates.filter((x) => x.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name));
          notice(result, 'ok', t(creating ? 'wa.templates.created' : 'wa.templates.saved', { name: saved.name }));
          open(saved.name);
        } catch (err) {
          if (err.status === 409) showFieldError(form, { message: t('wa.templates.taken'), body: { error: { field: 'name' } } });
          else if (!showFieldError(form, err)) notice(result, 'error', errorText(err));
        }
      });
    });
    bodyInput.addEventListener('input', refresh);
    refresh();
    editBox.replaceChildren(form);
    if (editor) (creating ? name : bodyInput).focus({ preventScroll: true });
  }

  function open(nameToOpen) {
    openName = nameToOpen;
    ctx.setParams({ name: nameToOpen });
    showList();
    showEditor();
    if (nameToOpen) editBox.scrollIntoView({ block: 'nearest' });
  }

  search.addEventListener('input', () => { ctx.setParams({ q: search.value.trim() || null }); showList(); });
  // Opening a template keeps the list as it is (no page render); the URL still names it, for sharing.
  root.addEventListener('click', (event) => {
    const anchor = event.target.closest('a[href^="#/whatsapp/templates?name="]');
    if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    open(new URLSearchParams(anchor.getAttribute('href').split('?')[1]).get('name'));
  });
  try {
    templates = await loadTemplates(ctx.api);
  } catch (err) {
    listBox.replaceChildren(errorState(err, () => ctx.navigate(location.hash)));
    return () => {};
  }
  showList();
  showEditor();
  page.actions([
    editor && { id: 'wa.templates.new', label: t('wa.templates.new'), run: () => open('new') },
    ...templates.slice(0, 30).map((x) => ({ id: `wa.template.${x.name}`, label: `${t('wa.templates.open')} ${x.name}`, run: () => open(x.name) })),
  ].filter(Boolean));
  return () => {};
}
