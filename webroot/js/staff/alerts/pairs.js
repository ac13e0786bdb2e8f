// An editor of label rows, for a rule's filters and labels ("device" = "6281…") and a silence's matchers
// ("alertname" =~ "wa-.*"): one row per pair, added and removed by button. It is a <fieldset name> with the error
// line the form helpers look for (#f-<name>-error), so the API's error naming the field ("filters",
// "ratioTo.filters", "matchers") shows beside it.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';

const OPS = ['=', '!=', '=~'];
let made = 0;

/**
 * name: the API's field; legendKey; hintKey (optional); rows: [{label, op, value}]; withOp: matchers have an
 * operator, filters and labels are always "="; labelNames(): suggestions for the label input; onChange().
 */
export function pairsEditor({ name, legendKey, hintKey = null, rows = [], withOp = false, labelNames = () => [], onChange = () => {} }) {
  const id = `f-${name}`;
  const listId = `${id}-names-${++made}`;
  const suggestions = h('datalist', { id: listId });
  const list = h('div', { class: 'pairs-rows' });
  const add = h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: withOp ? 'alerts.pairs.addMatcher' : 'alerts.pairs.add',
    on: { click: () => { addRow({}); list.lastElementChild?.querySelector('input')?.focus(); onChange(); } } });
  const el = h('fieldset', { class: 'field pairs', name, id, 'aria-describedby': [hintKey ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ') },
    h('legend', { i18n: legendKey }),
    hintKey ? h('p', { class: 'field-hint', id: `${id}-hint`, i18n: hintKey }) : null,
    list, suggestions, add,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));

  function addRow({ label = '', op = '=', value = '' }) {
    const n = list.children.length + 1;
    const labelInput = h('input', { type: 'text', class: 'mono pair-label', value: label, list: listId, autocomplete: 'off', spellcheck: 'false',
      maxlength: 64, 'aria-label': t('alerts.pairs.label', { n }), on: { input: onChange, focus: suggest } });
    const opSelect = withOp ? h('select', { class: 'pair-op', 'aria-label': t('alerts.pairs.op', { n }), on: { change: onChange } },
      OPS.map((o) => h('option', { value: o, selected: o === op, text: o }))) : h('span', { class: 'pair-eq', 'aria-hidden': 'true', text: '=' });
    const valueInput = h('input', { type: 'text', class: 'mono pair-value', value, autocomplete: 'off', spellcheck: 'false', maxlength: 200,
      'aria-label': t('alerts.pairs.value', { n }), on: { input: onChange } });
    const row = h('div', { class: 'pair-row' }, labelInput, opSelect, valueInput,
      h('button', { type: 'button', class: 'btn btn-ghost btn-small pair-remove', 'aria-label': t('alerts.pairs.remove', { n }), text: '×',
        on: { click: () => { row.remove(); onChange(); } } }));
    list.append(row);
  }

  function suggest() {
    suggestions.replaceChildren(...[...new Set(labelNames())].map((v) => h('option', { value: v })));
  }

  function set(next) {
    list.replaceChildren();
    next.forEach(addRow);
  }

  /** The rows as [{label, op, value}], leaving out rows with neither label nor value. */
  function read() {
    return [...list.children].map((row) => ({
      label: row.querySelector('.pair-label').value.trim(),
      op: row.querySelector('.pair-op')?.value ?? '=',
      value: row.querySelector('.pair-value').value,
    })).filter((p) => p.label || p.value);
  }

  set(rows);
  return {
    el,
    read,
    set,
    /** Filters and labels as the API takes them: {"label":"value"}. */
    object: () => Object.fromEntries(read().map((p) => [p.label, p.value])),
  };
}
