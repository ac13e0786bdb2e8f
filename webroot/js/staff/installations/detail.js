// One installation (#/installations/<id>): where it stands (a stepper of the five stages), the details, the progress
// timeline with photos, and the "post progress" form a technician fills in on site, on a phone: the stage (never
// backwards), a note, and a photo taken there (uploaded as the raw image once the progress is saved). Live: a
// ui.installations frame naming this installation makes the page read it again; what is typed in the form stays.
import { fill, h, fmt, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { ApiError } from '../../api.js';
import { detailHead, facts, listHref, takeFlash } from '../admin/common.js';
import { openDialog } from '../admin/dialog.js';
import { field, formAlert, submitting, values } from '../admin/form.js';
import { fromWibLocal, wibLocal } from '../alerts/common.js';
import {
  STAGES, debounce, errorBlock, errorText, imageProblem, may, stageBadge, technicianField, thumbnail,
} from '../tickets/common.js';

export async function render(root, ctx, page) {
  const id = ctx.path[0];
  const { can, me } = ctx;
  const base = `/api/v1/installations/${encodeURIComponent(id)}`;
  let inst = null;
  let loadedOnce = false;

  const head = h('div');
  const notices = h('div', { 'aria-live': 'polite' });
  const stepper = h('ol', { class: 'inst-stepper', 'data-testid': 'installation-stepper' });
  const details = h('div');
  const progressList = h('div');
  const post = progressForm();
  const layout = h('div', { class: 'inst-layout', hidden: true },
    h('div', { class: 'inst-main' }, post.el, progressList),
    h('div', { class: 'inst-side' }, details));
  const state = h('div', { class: 'list-state' }, stateBlock('loading', 'common.loading'));
  root.append(head, notices, stepper, layout, state);
  const flashed = takeFlash();
  if (flashed) notices.append(flashed);

  async function load() {
    try {
      inst = await ctx.api.get(base);
      paint();
      state.replaceChildren();
      layout.hidden = false;
      loadedOnce = true;
    } catch (err) {
      if (loadedOnce) { notices.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: ['inst.refreshFailed', { message: errorText(err) }] })); return; }
      fill(head, detailHead('installations', 'inst.back', h('span', { text: `#${id}` })));
      state.replaceChildren(err instanceof ApiError && err.status === 404
        ? stateBlock('empty', 'inst.notFound', null, h('a', { class: 'btn btn-secondary', href: listHref('installations'), i18n: 'inst.back' }))
        : errorBlock(err, load));
    }
  }

  function paint() {
    const i = inst;
    fill(head, detailHead('installations', 'inst.back',
      h('span', {}, h('span', { class: 'mono muted title-key', text: i.number }), ' ', i.customer?.name ?? ''),
      may.openCustomer(can) && i.customer?.id != null ? h('a', { class: 'btn btn-secondary', href: `#/customers/${i.customer.id}`, i18n: 'tickets.ticket.customer360' }) : null,
      may.editInstallation(can) ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'installation-edit', i18n: 'admin.edit', on: { click: edit } }) : null));
    const at = STAGES.indexOf(i.stage);
    stepper.replaceChildren(...STAGES.map((s, n) => h('li', { class: n < at ? 'is-done' : n === at ? 'is-current' : 'is-next', 'aria-current': n === at ? 'step' : null },
      h('span', { class: 'inst-step-dot', 'aria-hidden': 'true', text: n < at || i.stage === 'activated' ? '✓' : String(n + 1) }),
      h('span', { class: 'inst-step-name', i18n: `inst.stage.${s}` }))));
    fill(details, h('section', { class: 'card admin-card' }, h('h2', { i18n: 'inst.details' }), facts([
      ['inst.field.stage', stageBadge(i.stage)],
      ['tickets.field.customer', may.openCustomer(can) && i.customer?.id != null
        ? h('a', { href: `#/customers/${i.customer.id}` }, i.customer.name, ' ', h('span', { class: 'mono muted', text: i.customer.customerNo }))
        : `${i.customer?.name ?? '—'} ${i.customer?.customerNo ?? ''}`],
      ['inst.field.address', i.address],
      ['inst.field.plan', i.plan],
      ['inst.field.scheduledAt', fmt.dateTime(i.scheduledAt)],
      ['inst.field.technician', i.technician ? (i.technician.name ?? i.technician.username) : h('span', { class: 'muted', i18n: 'inst.noTechnician' })],
      ['inst.field.activatedAt', i.activatedAt ? fmt.dateTime(i.activatedAt) : null],
      ['admin.list.created', fmt.dateTime(i.createdAt)],
    ])));
    const entries = [...(i.progress ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    fill(progressList, h('section', { class: 'card admin-card', 'data-testid': 'installation-progress' },
      h('h2', { i18n: 'inst.progress' }),
      entries.length ? h('ol', { class: 'timeline inst-timeline' }, entries.map((p) => h('li', { 'data-testid': 'progress-entry', dataset: { id: String(p.id), stage: p.stage } },
        h('span', { class: 'inst-progress-head' }, stageBadge(p.stage), h('time', { datetime: p.at, text: fmt.dateTime(p.at) }),
          p.technician ? h('span', { class: 'muted small', text: p.technician.name ?? p.technician.username }) : null),
        p.note ? h('p', { class: 'tk-msg-text', text: p.note }) : null,
        p.photo ? thumbnail(`${base}/progress/${encodeURIComponent(p.id)}/photo`, t('inst.photoOf', { stage: t(`inst.stage.${p.stage}`) })) : null)))
        : stateBlock('empty', 'inst.noProgress')));
    post.update(i);
  }

  // ---- post progress --------------------------------------------------------------------------------------------
  function progressForm() {
    const stage = h('select', { id: 'inst-stage', name: 'stage', 'data-testid': 'progress-stage' });
    const note = h('textarea', { id: 'inst-note', name: 'note', rows: 3, maxlength: 2000, 'data-testid': 'progress-note',
      'data-i18n-placeholder': 'inst.notePlaceholder', placeholder: t('inst.notePlaceholder') });
    const photo = h('input', { type: 'file', id: 'inst-photo', name: 'photo', accept: 'image/jpeg,image/png,image/webp', capture: 'environment', 'data-testid': 'progress-photo' });
    const preview = h('div', { class: 'inst-photo-preview' });
    const result = h('div', { 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'progress-submit' }, h('span', { 'data-label': '', i18n: 'inst.post' }));
    const form = h('form', { class: 'card inst-post', novalidate: true, 'data-testid': 'progress-form' },
      h('h2', { i18n: 'inst.postTitle' }),
      h('div', { class: 'field' }, h('label', { for: 'inst-stage', i18n: 'inst.field.stage' }), stage,
        h('p', { class: 'field-hint', i18n: 'inst.stageHint' })),
      h('div', { class: 'field' }, h('label', { for: 'inst-note', i18n: 'inst.field.note' }), note),
      h('div', { class: 'field' }, h('label', { for: 'inst-photo', i18n: 'inst.field.photo' }), photo,
        h('p', { class: 'field-hint', i18n: 'inst.photoHint' }), preview),
      h('div', { class: 'form-actions' }, submit),
      result);
    photo.addEventListener('change', () => {
      const file = photo.files[0];
      const problem = imageProblem(file);
      preview.replaceChildren();
      if (problem) { photo.value = ''; result.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: problem })); return; }
      result.replaceChildren();
      if (file) {
        const url = URL.createObjectURL(file);
        preview.append(h('img', { src: url, alt: '', on: { load: () => URL.revokeObjectURL(url) } }), h('span', { class: 'small muted', text: `${file.name} · ${fmt.bytes(file.size)}` }));
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      result.replaceChildren(h('p', { class: 'alert alert-info', i18n: 'admin.saving' }));
      try {
        const answer = await ctx.api.post(`${base}/progress`, { stage: stage.value, note: note.value.trim() || null });
        const file = photo.files[0];
        if (file) {
          const progressId = Array.isArray(answer?.progress) ? answer.progress[answer.progress.length - 1]?.id : answer?.id;
          try {
            await ctx.api.upload(`${base}/progress/${encodeURIComponent(progressId)}/photo`, file);
          } catch (err) {
            result.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: ['inst.photoFailed', { message: errorText(err) }] }));
            await load();
            return;
          }
        }
        note.value = '';
        photo.value = '';
        preview.replaceChildren();
        result.replaceChildren(h('p', { class: 'alert alert-success', role: 'status', i18n: 'inst.posted' }));
        await load();
      } catch (err) {
        result.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', text: err instanceof ApiError && err.code === 'stage_backwards' ? t('inst.error.backwards') : errorText(err) }));
      } finally {
        submit.disabled = false;
      }
    });
    return {
      el: form,
      update(i) {
        const at = STAGES.indexOf(i.stage);
        const keep = stage.value;
        stage.replaceChildren(...STAGES.slice(Math.max(0, at)).map((s) => h('option', { value: s, i18n: s === i.stage ? ['inst.stageSame', { stage: t(`inst.stage.${s}`) }] : `inst.stage.${s}` })));
        stage.value = keep && STAGES.indexOf(keep) >= at ? keep : (STAGES[Math.min(at + 1, STAGES.length - 1)]);
      },
    };
  }

  // ---- edit (admin, supervisor, cs) -----------------------------------------------------------------------------
  async function edit() {
    const i = inst;
    const saved = await openDialog((close) => {
      const form = h('form', { class: 'dialog-body', novalidate: true, 'data-errors': 'inst.error' },
        h('h2', { i18n: ['inst.editTitle', { number: i.number }] }),
        formAlert(),
        field({ name: 'scheduledAt', labelKey: 'inst.field.scheduledAt', type: 'datetime-local', value: i.scheduledAt ? wibLocal(new Date(i.scheduledAt)) : '',
          hintKey: 'inst.wibHint' }),
        technicianField({ current: i.technician, me }),
        field({ name: 'address', labelKey: 'inst.field.address', type: 'textarea', value: i.address, attrs: { maxlength: 500 } }),
        field({ name: 'plan', labelKey: 'inst.field.plan', value: i.plan, attrs: { maxlength: 80 } }),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close(null) } }),
          h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: 'admin.save' }))));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const done = await submitting(form, form.querySelector('[type=submit]'), () => {
          const v = values(form);
          const body = {};
          const when = fromWibLocal(v.scheduledAt);
          if (when && (!i.scheduledAt || Date.parse(when) !== Date.parse(i.scheduledAt))) body.scheduledAt = when;
          if ((v.technician || null) !== (i.technician?.username ?? null)) body.technician = v.technician || null;
          if (v.address !== (i.address ?? '')) body.address = v.address || null;
          if (v.plan !== (i.plan ?? '')) body.plan = v.plan || null;
          if (!Object.keys(body).length) return Promise.resolve(null);
          return ctx.api.patch(base, body);
        });
        if (done !== undefined) close(true);
      });
      return form;
    }, { wide: true });
    if (saved) { notices.replaceChildren(h('p', { class: 'alert alert-success', role: 'status', i18n: 'inst.saved' })); load(); }
  }

  const refetch = debounce(load, 300);
  // The desk watches ui.installations; a technician (refused the stream) sees the page read again every 30 seconds.
  let poll = 0;
  const stopStream = ctx.bus.watch('ui.installations', {
    denied() { clearInterval(poll); poll = setInterval(load, 30_000); },
    frame(frame) { if ((frame.data?.changes ?? []).some((c) => String(c.id) === String(id))) refetch(); },
    snapshot() { if (loadedOnce) refetch(); },
  });
  const relabel = () => { if (inst) paint(); };
  document.addEventListener('i18n:change', relabel);
  page.actions([{ id: 'inst.post', get label() { return t('inst.postTitle'); }, run: () => root.querySelector('#inst-note')?.focus() }]);
  await load();
  const stop = () => { stopStream(); clearInterval(poll); };
  return () => { stop(); refetch.cancel(); document.removeEventListener('i18n:change', relabel); };
}
