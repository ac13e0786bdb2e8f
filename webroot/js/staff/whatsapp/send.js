// Kirim: one message (to, a text or a template with its parameters, priority, an optional time), or a batch from a
// template and a pasted or uploaded CSV list, previewed row by row before anything is sent and answered row by row
// after. ?mode=batch&template=…&to=… prefill the form, so a link can start either.
import { h, fmt, label, stateBlock, fill } from '../../dom.js';
import { setText, t } from '../../i18n.js';
import {
  PHONE_COLUMNS, PRIORITIES, clearFieldErrors, confirmAction, errorState, errorText, field, loadTemplates, may,
  normalisePhone, notice, parseCsv, phoneText, placeholders, randomKey, renderTemplate, sampleValue, showFieldError, whileBusy,
} from './common.js';

const MAX_BATCH = 10_000;
const PREVIEW_ROWS = 200;

export async function render(root, ctx, page) {
  const batchAllowed = may.sendBatches(ctx.can);
  let mode = ctx.params.get('mode') === 'batch' && batchAllowed ? 'batch' : 'single';

  const switcher = h('div', { class: 'segmented', role: 'tablist', 'aria-label': t('wa.send.mode') },
    ['single', 'batch'].filter((m) => m === 'single' || batchAllowed).map((m) => h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(m === mode), dataset: { mode: m }, i18n: `wa.send.mode.${m}`,
      on: { click: () => { if (m !== mode) { mode = m; ctx.setParams({ mode: m === 'batch' ? 'batch' : null }); show(); } } },
    })));
  const body = h('div', { class: 'send-body' }, stateBlock('loading', 'common.loading'));
  root.append(switcher, body);

  let templates = [];
  try {
    templates = await loadTemplates(ctx.api);
  } catch (err) {
    body.replaceChildren(errorState(err, () => ctx.navigate(location.hash)));
    return () => {};
  }

  function show() {
    switcher.querySelectorAll('[data-mode]').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.mode === mode)));
    body.replaceChildren(mode === 'batch' ? batchForm(ctx, templates) : singleForm(ctx, templates));
    page.actions([
      { id: 'wa.send.single', label: t('wa.send.mode.single'), run: () => { mode = 'single'; ctx.setParams({ mode: null }); show(); } },
      batchAllowed && { id: 'wa.send.batch', label: t('wa.send.mode.batch'), run: () => { mode = 'batch'; ctx.setParams({ mode: 'batch' }); show(); } },
    ].filter(Boolean));
  }
  show();
  return () => {};
}

function prioritySelect(value = 'normal') {
  return h('select', {}, PRIORITIES.map((p) => h('option', { value: p, selected: p === value, text: label('console.priority', p) })));
}

function templateSelect(templates, selected) {
  return h('select', {},
    h('option', { value: '', i18n: 'wa.send.chooseTemplate' }),
    templates.map((tpl) => h('option', { value: tpl.name, selected: tpl.name === selected, text: tpl.name })));
}

/** A message bubble showing what the recipient will read. */
function bubble(text, missing = []) {
  return h('div', { class: 'wa-bubble' },
    h('p', { class: 'wa-bubble-text', text: text || '…' }),
    missing.length ? h('p', { class: 'wa-bubble-missing', i18n: ['wa.send.missingParams', { names: missing.join(', ') }] }) : null);
}

function singleForm(ctx, templates) {
  const params = ctx.params;
  let key = randomKey('console');
  const to = h('input', { type: 'tel', inputmode: 'tel', autocomplete: 'off', required: true, value: params.get('to') ?? '', placeholder: '0812…' });
  const toHint = h('p', { class: 'field-hint' });
  const kindText = h('input', { type: 'radio', name: 'wa-kind', value: 'text', id: 'wa-kind-text', checked: !params.get('template') });
  const kindTemplate = h('input', { type: 'radio', name: 'wa-kind', value: 'template', id: 'wa-kind-template', checked: !!params.get('template') });
  const text = h('textarea', { rows: 5, maxlength: 60000 });
  const count = h('p', { class: 'field-hint' });
  const template = templateSelect(templates, params.get('template'));
  const paramBox = h('div', { class: 'param-grid' });
  const priority = prioritySelect();
  const notBefore = h('input', { type: 'datetime-local' });
  const preview = h('div', { class: 'send-preview' });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', i18n: 'wa.send.submit' });
  const paramInputs = new Map();

  const textPart = h('div', {}, field('wa-send-text', 'wa.field.text', text, { name: 'text' }), count);
  const templatePart = h('div', {}, field('wa-send-template', 'wa.field.template', template, { name: 'template' }), paramBox);
  const form = h('form', { class: 'card send-form', novalidate: true },
    h('h2', { i18n: 'wa.send.singleTitle' }),
    field('wa-send-to', 'wa.field.to', to, { name: 'to', hint: toHint }),
    h('fieldset', { class: 'choice' }, h('legend', { i18n: 'wa.send.content' }),
      h('label', { for: 'wa-kind-text' }, kindText, ' ', h('span', { i18n: 'wa.send.kind.text' })),
      h('label', { for: 'wa-kind-template' }, kindTemplate, ' ', h('span', { i18n: 'wa.send.kind.template' }))),
    textPart, templatePart,
    h('div', { class: 'field-row' },
      field('wa-send-priority', 'wa.field.priority', priority, { name: 'priority' }),
      field('wa-send-at', 'wa.field.notBefore', notBefore, { name: 'notBefore', hint: 'wa.send.notBeforeHint' })),
    h('div', { class: 'form-actions' }, submit),
    result);

  function refresh() {
    const normal = normalisePhone(to.value);
    toHint.textContent = !to.value.trim() ? t('wa.send.toHint') : normal ? `→ ${phoneText(normal)}` : t('wa.send.toInvalid');
    toHint.classList.toggle('hint-bad', !!to.value.trim() && !normal);
    const useTemplate = kindTemplate.checked;
    textPart.hidden = useTemplate;
    templatePart.hidden = !useTemplate;
    count.textContent = t('wa.send.chars', { n: fmt.number(text.value.length) });
    const tpl = templates.find((x) => x.name === template.value);
    const names = tpl ? placeholders(tpl.body) : [];
    if ([...paramInputs.keys()].join() !== names.join()) {
      const keep = Object.fromEntries([...paramInputs].map(([n, input]) => [n, input.value]));
      paramInputs.clear();
      paramBox.replaceChildren(...names.map((n) => {
        const input = h('input', { type: 'text', value: keep[n] ?? params.get(`p.${n}`) ?? '', on: { input: refresh } });
        paramInputs.set(n, input);
        return field(`wa-param-${n}`, 'wa.send.param', input, {});
      }));
      paramBox.querySelectorAll('label').forEach((l, i) => { l.textContent = `{{${names[i]}}}`; });
      if (!names.length && tpl) paramBox.replaceChildren(h('p', { class: 'muted small', i18n: 'wa.send.noParams' }));
    }
    const values = Object.fromEntries([...paramInputs].map(([n, input]) => [n, input.value.trim()]));
    const rendered = useTemplate ? (tpl ? renderTemplate(tpl.body, values) : { text: '', missing: [] }) : { text: text.value, missing: [] };
    fill(preview, h('h3', { i18n: 'wa.send.preview' }),
      useTemplate && !tpl ? h('p', { class: 'muted', i18n: templates.length ? 'wa.send.pickTemplate' : 'wa.send.noTemplates' }) : bubble(rendered.text, rendered.missing),
      normal ? h('p', { class: 'muted small', i18n: ['wa.send.previewTo', { to: phoneText(normal) }] }) : null);
  }

  [to, text, notBefore].forEach((el) => el.addEventListener('input', () => { key = randomKey('console'); refresh(); }));
  [kindText, kindTemplate, template, priority].forEach((el) => el.addEventListener('change', () => { key = randomKey('console'); refresh(); }));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    if (!normalisePhone(to.value)) {
      // Said once, in the reader's language, without asking the hub.
      to.setAttribute('aria-invalid', 'true');
      toHint.textContent = t(to.value.trim() ? 'wa.send.toInvalid' : 'wa.send.toRequired');
      toHint.classList.add('hint-bad');
      to.focus();
      return;
    }
    const request = { to: to.value.trim(), priority: priority.value, idempotencyKey: key };
    if (kindTemplate.checked) {
      request.template = template.value || null;
      request.params = Object.fromEntries([...paramInputs].map(([n, input]) => [n, input.value.trim()]).filter(([, v]) => v !== ''));
    } else {
      request.text = text.value;
    }
    if (notBefore.value) request.notBefore = `${notBefore.value}:00+07:00`;
    await whileBusy(submit, async () => {
      try {
        const answer = await ctx.api.post('/api/v1/messages', request);
        notice(result, 'ok', t(answer.deduplicated === undefined ? 'wa.send.queued' : 'wa.send.already', { status: label('console.status', answer.status) }),
          ' ', h('a', { href: `#/whatsapp/messages/${answer.id}`, i18n: 'wa.send.follow' }));
        result.scrollIntoView({ block: 'nearest' });
        key = randomKey('console');
        text.value = '';
        refresh();
      } catch (err) {
        if (!showFieldError(form, err)) notice(result, 'error', errorText(err));
      }
    });
  });
  refresh();
  return h('div', { class: 'send-layout' }, form, h('aside', { class: 'card' }, preview));
}

/** The columns of a CSV: which one holds the number, and which placeholder each other one fills. */
function readColumns(rows, names) {
  const first = rows[0] ?? [];
  const lower = first.map((c) => c.toLowerCase().replace(/\s+/g, '_'));
  const phoneAt = lower.findIndex((c) => PHONE_COLUMNS.includes(c));
  if (phoneAt >= 0) {
    const map = {};
    first.forEach((c, i) => { if (i !== phoneAt && names.includes(c)) map[c] = i; });
    const extra = first.filter((c, i) => i !== phoneAt && !names.includes(c));
    return { header: true, phoneAt, map, extra, missing: names.filter((n) => map[n] === undefined) };
  }
  // No header: the number first, then the placeholders in the template's order.
  const map = Object.fromEntries(names.map((n, i) => [n, i + 1]));
  return { header: false, phoneAt: 0, map, extra: [], missing: names.filter((n, i) => i + 1 >= (first.length || 1)) };
}

function batchForm(ctx, templates) {
  const params = ctx.params;
  let key = randomKey('console-batch');
  const template = templateSelect(templates, params.get('template'));
  const priority = prioritySelect(params.get('priority') ?? 'normal');
  const csv = h('textarea', { rows: 8, spellcheck: false, class: 'mono', placeholder: 'to;nama;bulan\n081234567890;Siti;Desember' });
  const file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', class: 'visually-hidden', id: 'wa-batch-file' });
  const sampleLink = h('button', { class: 'btn btn-ghost btn-small', type: 'button', i18n: 'wa.batch.sample' });
  const onlyProblems = h('input', { type: 'checkbox', id: 'wa-batch-problems' });
  const info = h('div', { class: 'batch-info', 'aria-live': 'polite' });
  const previewBox = h('div', { class: 'batch-preview' });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', disabled: true, i18n: 'wa.batch.submit' });
  let rows = [];

  const form = h('form', { class: 'card batch-form', novalidate: true },
    h('h2', { i18n: 'wa.batch.title' }),
    h('p', { class: 'muted', i18n: 'wa.batch.lead' }),
    h('div', { class: 'field-row' },
      field('wa-batch-template', 'wa.field.template', template, { name: 'template' }),
      field('wa-batch-priority', 'wa.field.priority', priority, { name: 'priority' })),
    h('div', { class: 'template-peek' }),
    field('wa-batch-csv', 'wa.batch.csv', csv, { name: 'recipients', hint: 'wa.batch.csvHint' }),
    h('div', { class: 'batch-tools' },
      h('label', { for: 'wa-batch-file', class: 'btn btn-secondary btn-small', i18n: 'wa.batch.upload' }), file, sampleLink),
    info,
    h('label', { class: 'check-inline', for: 'wa-batch-problems' }, onlyProblems, ' ', h('span', { i18n: 'wa.batch.onlyProblems' })),
    previewBox,
    h('div', { class: 'form-actions sticky-actions' }, submit),
    result);
  const peek = form.querySelector('.template-peek');

  function evaluate() {
    const tpl = templates.find((x) => x.name === template.value);
    peek.replaceChildren(tpl ? h('div', { class: 'template-peek-body' },
      h('span', { class: 'muted small', i18n: ['wa.batch.columns', { names: ['to', ...placeholders(tpl.body)].join(', ') }] }),
      bubble(tpl.body)) : h('p', { class: 'muted', i18n: templates.length ? 'wa.send.pickTemplate' : 'wa.send.noTemplates' }));
    rows = [];
    if (!tpl || !csv.value.trim()) {
      info.replaceChildren();
      previewBox.replaceChildren(tpl ? stateBlock('empty', 'wa.batch.empty') : h('div'));
      submit.disabled = true;
      setText(submit, 'wa.batch.submit');
      return;
    }
    const names = placeholders(tpl.body);
    const table = parseCsv(csv.value);
    const columns = readColumns(table, names);
    const data = columns.header ? table.slice(1) : table;
    const seen = new Map();
    rows = data.map((cells, i) => {
      const line = i + (columns.header ? 2 : 1);
      const to = normalisePhone(cells[columns.phoneAt]);
      const values = Object.fromEntries(names.map((n) => [n, cells[columns.map[n]] ?? '']));
      const rendered = renderTemplate(tpl.body, values);
      const problems = [];
      if (!to) problems.push(t('wa.batch.badPhone', { value: cells[columns.phoneAt] ?? '' }));
      if (rendered.missing.length) problems.push(t('wa.send.missingParams', { names: rendered.missing.join(', ') }));
      let duplicateOf = null;
      if (to && !problems.length) {
        const same = `${to}\n${rendered.text}`;
        duplicateOf = seen.get(same) ?? null;
        if (!duplicateOf) seen.set(same, line);
      }
      return { line, raw: cells[columns.phoneAt] ?? '', to, params: values, text: rendered.text, problems, duplicateOf };
    });
    const ok = rows.filter((r) => !r.problems.length);
    const bad = rows.length - ok.length;
    const notes = [];
    if (columns.missing.length) notes.push(h('p', { class: 'hint-bad', i18n: ['wa.batch.missingColumns', { names: columns.missing.join(', ') }] }));
    if (columns.extra.length) notes.push(h('p', { class: 'muted small', i18n: ['wa.batch.extraColumns', { names: columns.extra.join(', ') }] }));
    if (!columns.header) notes.push(h('p', { class: 'muted small', i18n: 'wa.batch.noHeader' }));
    if (rows.length > MAX_BATCH) notes.push(h('p', { class: 'hint-bad', i18n: ['wa.batch.tooMany', { max: fmt.number(MAX_BATCH) }] }));
    const duplicates = rows.filter((r) => r.duplicateOf).length;
    info.replaceChildren(h('p', { class: 'batch-summary' },
      h('strong', { i18n: ['wa.batch.ready', { n: fmt.number(ok.length) }] }), ' · ',
      h('span', { class: bad ? 'hint-bad' : 'muted', i18n: ['wa.batch.problems', { n: fmt.number(bad) }] }),
      duplicates ? [' · ', h('span', { class: 'muted', i18n: ['wa.batch.duplicates', { n: fmt.number(duplicates) }] })] : null), ...notes);
    showPreview();
    submit.disabled = !ok.length || rows.length > MAX_BATCH;
    setText(submit, 'wa.batch.submitN', { n: fmt.number(ok.length) });
  }

  function showPreview() {
    const shown = (onlyProblems.checked ? rows.filter((r) => r.problems.length || r.apiError) : rows);
    if (!shown.length) {
      previewBox.replaceChildren(stateBlock('empty', onlyProblems.checked ? 'wa.batch.noProblems' : 'wa.batch.empty'));
      return;
    }
    fill(previewBox, h('div', { class: 'table-wrap preview-wrap' }, h('table', { class: 'data-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'num', i18n: 'wa.batch.row' }),
        h('th', { scope: 'col', i18n: 'wa.field.to' }),
        h('th', { scope: 'col', i18n: 'wa.batch.text' }))),
      h('tbody', {}, shown.slice(0, PREVIEW_ROWS).map((r) => h('tr', { class: r.problems.length || r.apiError ? 'row-bad' : '', 'data-row': '' },
        h('td', { class: 'num', text: r.line }),
        h('td', { class: 'mono nowrap', text: r.to ? phoneText(r.to) : r.raw || '—' }),
        h('td', {},
          r.problems.length ? h('ul', { class: 'row-problems' }, r.problems.map((p) => h('li', { text: p })))
            : h('span', { class: 'preview-text', text: r.text }),
          r.duplicateOf ? h('p', { class: 'muted small', i18n: ['wa.batch.duplicateOf', { line: r.duplicateOf }] }) : null,
          r.apiError ? h('p', { class: 'hint-bad small', text: `${t('wa.batch.refused')}: ${r.apiError}` }) : null)))))),
    shown.length > PREVIEW_ROWS ? h('p', { class: 'muted small', i18n: ['wa.batch.more', { n: fmt.number(shown.length - PREVIEW_ROWS) }] }) : null);
  }

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (chosen.size > 5 * 1024 * 1024) {
      notice(result, 'error', t('wa.batch.fileTooBig'));
      return;
    }
    csv.value = await chosen.text();
    file.value = '';
    key = randomKey('console-batch');
    evaluate();
  });
  sampleLink.addEventListener('click', () => {
    const tpl = templates.find((x) => x.name === template.value);
    const names = tpl ? placeholders(tpl.body) : [];
    const lines = [['to', ...names].join(';'), ['081234567890', ...names.map(sampleValue)].join(';')];
    const url = URL.createObjectURL(new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }));
    const a = h('a', { href: url, download: `${tpl?.name ?? 'penerima'}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  let debounce = null;
  csv.addEventListener('input', () => { key = randomKey('console-batch'); clearTimeout(debounce); debounce = setTimeout(evaluate, 250); });
  template.addEventListener('change', () => { key = randomKey('console-batch'); ctx.setParams({ template: template.value || null }); evaluate(); });
  priority.addEventListener('change', () => { key = randomKey('console-batch'); ctx.setParams({ priority: priority.value === 'normal' ? null : priority.value }); });
  onlyProblems.addEventListener('change', showPreview);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const sendable = rows.filter((r) => !r.problems.length);
    if (!sendable.length) return;
    const confirmed = await confirmAction({
      title: t('wa.batch.confirmTitle', { n: fmt.number(sendable.length) }),
      body: t('wa.batch.confirmBody', { template: template.value, priority: label('console.priority', priority.value) }),
      confirm: t('wa.batch.confirm'),
    });
    if (!confirmed) return;
    await whileBusy(submit, async () => {
      try {
        const answer = await ctx.api.post('/api/v1/messages/batch', {
          template: template.value, priority: priority.value, idempotencyKey: key,
          recipients: sendable.map((r) => ({ to: r.to, params: r.params })),
        });
        rows.forEach((r) => { delete r.apiError; });
        for (const rejected of answer.rejected) {
          const row = sendable[rejected.index];
          if (row) row.apiError = rejected.error.message;
        }
        notice(result, answer.rejected.length ? 'info' : 'ok',
          t('wa.batch.sent', { accepted: fmt.number(answer.accepted), rejected: fmt.number(answer.rejected.length) }), ' ',
          h('a', { href: `#/whatsapp/batches?batch=${answer.batchId}`, i18n: 'wa.batch.follow' }));
        if (answer.rejected.length) onlyProblems.checked = true;
        showPreview();
        result.scrollIntoView({ block: 'nearest' });
      } catch (err) {
        if (!showFieldError(form, err)) notice(result, 'error', errorText(err));
      }
    });
  });
  evaluate();
  return form;
}
