// Laporkan gangguan: category (plain words), subject, description, an optional photo (shrunk on the phone and
// sent after the report exists), then the new report. #/tickets/new?category=pemasangan preselects a category.
import { h } from '../dom.js';
import { setText } from '../i18n.js';
import { ApiError } from '../api.js';
import { errorMessage, showMessage, clearMessage, setBusy } from '../ui.js';
import { CATEGORIES, viewHead, uploadTicketPhoto, photoErrorKey, flash } from './common.js';

const SUBJECT_MAX = 120;
const DESCRIPTION_MAX = 4000;

/** A textarea or input with a live character count ("12 / 120 karakter") read out only when asked. */
function counted(control, max) {
  const counter = h('p', { class: 'field-count muted', id: `${control.id}-count`, 'aria-hidden': 'true' });
  const update = () => setText(counter, 'portal.chars', { n: control.value.length, max });
  control.addEventListener('input', update);
  update();
  return counter;
}

export default {
  title: 'portal.title.newTicket',

  async render(view, ctx) {
    const preset = CATEGORIES.includes(ctx.params.get('category')) ? ctx.params.get('category') : null;
    const region = h('div', { 'data-error-region': true, 'aria-live': 'assertive', 'aria-atomic': 'true' });

    const categoryError = h('p', { class: 'field-error', id: 'ticket-category-error', hidden: true, i18n: 'portal.new.categoryRequired' });
    const categories = h('fieldset', { class: 'field choice-group', id: 'ticket-category', 'data-testid': 'new-ticket-category', 'aria-describedby': 'ticket-category-error' },
      h('legend', { i18n: 'portal.new.category' }),
      CATEGORIES.map((c) => h('label', { class: 'choice', for: `ticket-category-${c}` },
        h('input', {
          type: 'radio', name: 'category', value: c, id: `ticket-category-${c}`, required: true,
          checked: c === preset, 'data-testid': `new-ticket-category-${c}`,
          'aria-describedby': `ticket-category-${c}-hint`,
        }),
        h('span', { class: 'choice-text' },
          h('span', { class: 'choice-label', i18n: `portal.category.${c}` }),
          h('span', { class: 'choice-hint', id: `ticket-category-${c}-hint`, i18n: `portal.categoryHint.${c}` })))),
      categoryError);

    const subject = h('input', {
      id: 'ticket-subject', name: 'subject', type: 'text', required: true, maxlength: SUBJECT_MAX, autocomplete: 'off',
      'aria-describedby': 'ticket-subject-hint ticket-subject-error', 'data-testid': 'new-ticket-subject',
    });
    const description = h('textarea', {
      id: 'ticket-description', name: 'description', required: true, maxlength: DESCRIPTION_MAX, rows: 5,
      'aria-describedby': 'ticket-description-hint ticket-description-error', 'data-testid': 'new-ticket-description',
    });
    const photo = h('input', {
      id: 'ticket-photo', name: 'photo', type: 'file', accept: 'image/jpeg,image/png,image/webp,image/*',
      'aria-describedby': 'ticket-photo-hint', 'data-testid': 'new-ticket-photo',
    });
    const preview = h('img', { class: 'photo-preview', alt: '', hidden: true, width: 96, height: 96 });
    const submit = h('button', { type: 'submit', class: 'btn btn-accent btn-block', id: 'ticket-submit', 'data-testid': 'new-ticket-submit' },
      h('span', { 'data-label': true, i18n: 'portal.new.submit' }));

    const form = h('form', { class: 'card form-card', id: 'new-ticket-form', novalidate: true, 'data-testid': 'new-ticket-form' },
      region,
      categories,
      h('div', { class: 'field' },
        h('label', { for: 'ticket-subject', i18n: 'portal.new.subject' }),
        subject,
        h('p', { class: 'field-hint', id: 'ticket-subject-hint', i18n: 'portal.new.subjectHint' }),
        h('p', { class: 'field-error', id: 'ticket-subject-error', hidden: true, i18n: 'portal.new.subjectRequired' }),
        counted(subject, SUBJECT_MAX)),
      h('div', { class: 'field' },
        h('label', { for: 'ticket-description', i18n: 'portal.new.description' }),
        description,
        h('p', { class: 'field-hint', id: 'ticket-description-hint', i18n: 'portal.new.descriptionHint' }),
        h('p', { class: 'field-error', id: 'ticket-description-error', hidden: true, i18n: 'portal.new.descriptionRequired' }),
        counted(description, DESCRIPTION_MAX)),
      h('div', { class: 'field' },
        h('label', { for: 'ticket-photo', i18n: 'portal.new.photo' }),
        h('div', { class: 'photo-pick' }, photo, preview),
        h('p', { class: 'field-hint', id: 'ticket-photo-hint', i18n: 'portal.new.photoHint' })),
      submit);

    view.append(viewHead('portal.title.newTicket', { back: { href: '#/tickets', key: 'portal.back.tickets' }, lead: 'portal.new.intro' }), form);

    let previewUrl = null;
    photo.addEventListener('change', () => {
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      const file = photo.files?.[0];
      previewUrl = file && file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      preview.hidden = !previewUrl;
      if (previewUrl) preview.src = previewUrl;
    });

    form.addEventListener('input', (e) => {
      const field = e.target.closest('.field');
      if (!field) return;
      e.target.removeAttribute('aria-invalid');
      field.querySelector('.field-error')?.setAttribute('hidden', '');
    });

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (submit.disabled) return;
      clearMessage(region);
      const category = form.querySelector('input[name="category"]:checked')?.value;
      const invalid = [];
      const mark = (ok, control, errorId) => {
        document.getElementById(errorId).hidden = ok;
        if (ok) control.removeAttribute('aria-invalid');
        else {
          control.setAttribute('aria-invalid', 'true');
          invalid.push(control);
        }
      };
      mark(!!category, form.querySelector('input[name="category"]'), 'ticket-category-error');
      mark(!!subject.value.trim(), subject, 'ticket-subject-error');
      mark(!!description.value.trim(), description, 'ticket-description-error');
      if (invalid.length) {
        showMessage(region, { key: 'portal.new.required' });
        invalid[0].focus();
        return;
      }

      setBusy(submit, true, 'portal.new.submitting');
      let created;
      try {
        created = await ctx.api.post('/api/v1/portal/tickets', {
          category, subject: subject.value.trim(), description: description.value.trim(),
        });
      } catch (err) {
        setBusy(submit, false);
        if (err instanceof ApiError && err.body?.error?.field) {
          const control = form.querySelector(`[name="${err.body.error.field}"]`);
          control?.setAttribute('aria-invalid', 'true');
          control?.focus();
        }
        showMessage(region, errorMessage(err));
        return;
      }
      // The report exists: a photo that fails now is offered again on the report's own page.
      let photoFailed = null;
      const file = photo.files?.[0];
      if (file) {
        try {
          await uploadTicketPhoto(ctx.api, created.id, file);
        } catch (err) {
          photoFailed = photoErrorKey(err);
        }
      }
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      flash({
        ticket: created.id, key: photoFailed ? 'portal.new.photoFailed' : 'portal.new.created', params: { number: created.number },
        kind: photoFailed ? 'error' : 'success',
      });
      ctx.navigate(`#/tickets/${created.id}`);
    });
  },
};
