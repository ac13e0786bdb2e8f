// The silence form: matchers (label, =, != or =~, value), a start (empty: now) and an end in WIB, quick lengths
// ("1 jam", "4 jam"…), and why. It says, as it is typed, how many open alerts it would keep quiet, so a matcher
// that matches nothing (a typo) or everything shows before it is saved. Used on the Senyap tab and, prefilled from
// an alert's rule and labels, in a dialog over the Aktif list.
import { h, fmt } from '../../dom.js';
import { setText } from '../../i18n.js';
import { field, formAlert, setFieldError, submitting } from '../admin/form.js';
import { openDialog } from '../admin/dialog.js';
import { pairsEditor } from './pairs.js';
import { fromWibLocal, matches, wibLocal } from './common.js';

const LENGTHS_HOURS = [1, 2, 4, 8, 24];
const DEFAULT_HOURS = 2;

/**
 * ctx: the console's; store: the open alerts; matchers: to start with; onSaved(silence); onCancel (a link or a
 * function). Returns the form.
 */
export function silenceForm({ ctx, store, matchers = [], onSaved, cancel }) {
  const editor = pairsEditor({
    name: 'matchers', legendKey: 'alerts.silence.matchers', hintKey: 'alerts.silence.matchersHint', withOp: true,
    rows: matchers.length ? matchers : [{ label: 'alertname', op: '=', value: '' }],
    labelNames: () => ['alertname', 'severity', ...store.list().flatMap((a) => Object.keys(a.labels ?? {}))],
    onChange: () => showMatches(),
  });
  const matched = h('p', { class: 'silence-matches', 'aria-live': 'polite' });
  const startsAt = field({ name: 'startsAt', labelKey: 'alerts.silence.startsAt', type: 'datetime-local', hintKey: 'alerts.silence.startsAtHint' });
  const endsAt = field({ name: 'endsAt', labelKey: 'alerts.silence.endsAt', type: 'datetime-local', required: true,
    value: wibLocal(new Date(Date.now() + DEFAULT_HOURS * 3_600_000)), hintKey: 'alerts.silence.endsAtHint' });
  const lengths = h('div', { class: 'quick-lengths', role: 'group', 'data-i18n-aria-label': 'alerts.silence.lengths' },
    LENGTHS_HOURS.map((hours) => h('button', { type: 'button', class: 'chip chip-button',
      i18n: hours < 24 ? ['alerts.silence.hours', { n: hours }] : ['alerts.silence.days', { n: hours / 24 }],
      on: { click: () => setLength(hours) } })));
  // Prefilled from alerts, what is left to write is why: the dialog starts there.
  const comment = field({ name: 'comment', labelKey: 'alerts.silence.comment', type: 'textarea', required: true,
    hintKey: 'alerts.silence.commentHint', attrs: { maxlength: 500, autofocus: matchers.length > 0 } });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: 'alerts.silence.create' }));
  const form = h('form', { class: 'silence-form', novalidate: true, dataset: { errors: 'alerts.error' } },
    formAlert(),
    editor.el, matched,
    h('div', { class: 'form-grid' }, startsAt, h('div', {}, endsAt, lengths)),
    comment,
    h('div', { class: 'form-actions' }, submit,
      typeof cancel === 'string' ? h('a', { class: 'btn btn-ghost', href: cancel, i18n: 'admin.cancel' })
        : h('button', { type: 'button', class: 'btn btn-ghost', i18n: 'admin.cancel', on: { click: cancel } })));

  const input = (name) => form.elements.namedItem(name);

  function setLength(hours) {
    const from = input('startsAt').value ? Date.parse(fromWibLocal(input('startsAt').value)) : Date.now();
    input('endsAt').value = wibLocal(new Date(from + hours * 3_600_000));
  }

  function showMatches() {
    const list = editor.read();
    // Nothing said yet (no value typed): no verdict either.
    if (!list.length || list.some((m) => !m.label) || list.every((m) => !m.value)) {
      matched.replaceChildren();
      return;
    }
    const n = store.list().filter((a) => matches(list, a)).length;
    matched.dataset.count = String(n);
    setText(matched, n ? 'alerts.silence.matchesNow' : 'alerts.silence.matchesNone', { n: fmt.number(n) });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const saved = await submitting(form, submit, async () => {
      const list = editor.read();
      if (!list.length || list.some((m) => !m.label)) {
        setFieldError(form, 'matchers', 'alerts.error.invalid.matchers');
        return undefined;
      }
      return ctx.api.post('/api/v1/alerts/silences', {
        matchers: list,
        startsAt: fromWibLocal(input('startsAt').value),
        endsAt: fromWibLocal(input('endsAt').value),
        comment: input('comment').value.trim(),
      });
    });
    if (saved) onSaved(saved);
  });
  showMatches();
  return form;
}

/** The form in a dialog, prefilled; resolves with the saved silence, or undefined when dismissed. */
export function openSilenceDialog(ctx, store, matchers) {
  return openDialog((close) => h('div', { class: 'dialog-body' },
    h('h2', { i18n: 'alerts.silence.newTitle' }),
    silenceForm({ ctx, store, matchers, onSaved: (silence) => close(silence), cancel: () => close(undefined) })), { wide: true });
}
