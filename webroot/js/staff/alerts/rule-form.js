// A rule's form (#/alerts/rules/new, #/alerts/rules/<id>): every field the API takes, in the order a person
// thinks about them (what to measure, when it fires, what it says, who is paged, escalation, the rest), the API's
// errors beside the field they name (nested ones too: "targets.roles", "escalation.afterMinutes"), and "Pratinjau":
// the rule evaluated on the cluster's data now, unsaved (POST /alerts/rules/preview): the outcome in a sentence, the
// value per group, and who would be paged, those without a phone marked.
import { fill, h, fmt, stateBlock } from '../../dom.js';
import { setText } from '../../i18n.js';
import { setBusy } from '../../ui.js';
import { clearErrors, field, formAlert, setFieldError, showAlert, showError, submitting } from '../admin/form.js';
import { confirmDialog } from '../admin/dialog.js';
import { badge, flash, loadRecord } from '../admin/common.js';
import { CHANNELS, ROLES, SEVERITIES, alertError, duration, labelChips, value } from './common.js';
import { pairsEditor } from './pairs.js';

const FUNCTIONS = ['last', 'avg', 'max', 'min', 'sum', 'rate', 'increase'];
const ACROSS = ['sum', 'max', 'min', 'avg'];
const COMPARATORS = ['>', '>=', '<', '<=', '==', '!='];
const LIST_HREF = '#/alerts/rules';

export async function renderRuleForm(root, ctx, page, id) {
  page.actions([]);
  const metrics = ctx.api.get('/api/v1/alerts/metrics').then((answer) => answer.items).catch(() => []);
  if (id == null) {
    build(root, ctx, null, await metrics);
    return () => {};
  }
  await loadRecord(root, 'alerts', `/api/v1/alerts/rules/${encodeURIComponent(id)}`, async (rule) => build(root, ctx, rule, await metrics));
  return () => {};
}

function build(root, ctx, rule, metrics) {
  const creating = rule == null;
  const known = new Map(metrics.map((m) => [m.metric, m.labels]));
  // A stored rule may name a series this node has not seen yet: it stays selectable.
  for (const name of [rule?.metric, rule?.ratioTo?.metric]) if (name && !known.has(name)) known.set(name, []);
  const labelsOf = (metric) => known.get(metric) ?? [];

  // ---- what to measure --------------------------------------------------------------------------------------------
  const metric = metricSelect('metric', 'alerts.rule.metric', rule?.metric, 'alerts.rule.metricHint', true);
  const filters = pairsEditor({ name: 'filters', legendKey: 'alerts.rule.filters', hintKey: 'alerts.rule.filtersHint',
    rows: pairs(rule?.filters), labelNames: () => labelsOf(input('metric').value) });
  const fn = field({ name: 'function', labelKey: 'alerts.rule.function', type: 'select', value: rule?.function ?? 'last',
    hintKey: 'alerts.rule.functionHint', options: FUNCTIONS.map((f) => [f, `alerts.function.${f}`]) });
  const windowSeconds = field({ name: 'windowSeconds', labelKey: 'alerts.rule.windowSeconds', type: 'number', value: rule?.windowSeconds || '',
    hintKey: 'alerts.rule.windowHint', attrs: { min: 10, max: 3600, step: 1, inputmode: 'numeric' } });
  const groupBy = h('div', { class: 'group-by-slot' });
  const across = field({ name: 'acrossNodes', labelKey: 'alerts.rule.acrossNodes', type: 'select', value: rule?.acrossNodes ?? 'sum',
    hintKey: 'alerts.rule.acrossHint', options: ACROSS.map((a) => [a, `alerts.across.${a}`]) });
  const useRatio = h('input', { type: 'checkbox', id: 'f-useRatio', checked: Boolean(rule?.ratioTo), on: { change: () => showRatio() } });
  const ratioMetric = metricSelect('ratioTo.metric', 'alerts.rule.ratioMetric', rule?.ratioTo?.metric, null, false);
  const ratioFilters = pairsEditor({ name: 'ratioTo.filters', legendKey: 'alerts.rule.ratioFilters',
    rows: pairs(rule?.ratioTo?.filters), labelNames: () => labelsOf(input('ratioTo.metric').value) });
  const ratioMinimum = field({ name: 'ratioTo.minimum', labelKey: 'alerts.rule.ratioMinimum', type: 'number',
    value: rule?.ratioTo?.minimum ?? 0, hintKey: 'alerts.rule.ratioMinimumHint', attrs: { min: 0, step: 'any', inputmode: 'decimal' } });
  const ratio = h('fieldset', { class: 'ratio', name: 'ratioTo', id: 'f-ratioTo' }, ratioMetric, ratioFilters.el, ratioMinimum,
    h('p', { class: 'field-error', id: 'f-ratioTo-error', hidden: true }));

  // ---- when it fires --------------------------------------------------------------------------------------------
  const comparator = field({ name: 'comparator', labelKey: 'alerts.rule.comparator', type: 'select', value: rule?.comparator ?? '>',
    required: true, options: COMPARATORS.map((c) => [c, `alerts.comparator.${c}`]) });
  const threshold = field({ name: 'threshold', labelKey: 'alerts.rule.threshold', value: rule?.threshold ?? '', required: true,
    hintKey: 'alerts.rule.thresholdHint', attrs: { inputmode: 'decimal', autocomplete: 'off' } });
  const forSeconds = field({ name: 'forSeconds', labelKey: 'alerts.rule.forSeconds', type: 'number', value: rule?.forSeconds ?? 0,
    hintKey: 'alerts.rule.forHint', attrs: { min: 0, step: 1, inputmode: 'numeric' } });
  const keepFiring = field({ name: 'keepFiringForSeconds', labelKey: 'alerts.rule.keepFiringForSeconds', type: 'number',
    value: rule?.keepFiringForSeconds ?? 0, hintKey: 'alerts.rule.keepFiringHint', attrs: { min: 0, step: 1, inputmode: 'numeric' } });
  const severity = field({ name: 'severity', labelKey: 'alerts.rule.severity', type: 'select', value: rule?.severity ?? 'warning',
    options: SEVERITIES.map((s) => [s, `alerts.severity.${s}`]) });

  // ---- what it says ---------------------------------------------------------------------------------------------
  const name = field({ name: 'name', labelKey: 'alerts.rule.name', value: rule?.name, required: true, attrs: { maxlength: 100, autocomplete: 'off' } });
  const key = creating ? field({ name: 'key', labelKey: 'alerts.rule.key', hintKey: 'alerts.rule.keyHint',
    attrs: { maxlength: 64, autocomplete: 'off', spellcheck: 'false', pattern: '[a-z0-9][a-z0-9-]{1,63}' } })
    : h('div', { class: 'field' }, h('span', { class: 'label', i18n: 'alerts.rule.key' }), h('p', { class: 'mono', text: rule.key }),
      h('p', { class: 'field-hint', i18n: 'alerts.rule.keyFixed' }));
  const summary = field({ name: 'summary', labelKey: 'alerts.rule.summary', value: rule?.summary, hintKey: 'alerts.rule.summaryHint',
    attrs: { maxlength: 300, autocomplete: 'off' } });
  const description = field({ name: 'description', labelKey: 'alerts.rule.description', type: 'textarea', value: rule?.description,
    hintKey: 'alerts.rule.descriptionHint', attrs: { maxlength: 1000 } });

  // ---- who is paged -----------------------------------------------------------------------------------------------
  const targets = rule?.targets ?? { roles: ['noc'], staff: [], channels: ['whatsapp', 'dashboard'] };
  const roles = checkGroup('targets.roles', 'alerts.rule.roles', ROLES.map((r) => [r, `role.${r}`]), targets.roles);
  const staff = field({ name: 'targets.staff', labelKey: 'alerts.rule.staff', value: (targets.staff ?? []).join(', '),
    hintKey: 'alerts.rule.staffHint', attrs: { autocomplete: 'off', spellcheck: 'false' } });
  const channels = checkGroup('targets.channels', 'alerts.rule.channels', CHANNELS.map((c) => [c, `alerts.channel.${c}`]), targets.channels);
  const repeat = field({ name: 'repeatMinutes', labelKey: 'alerts.rule.repeatMinutes', type: 'number', value: rule?.repeatMinutes ?? 60,
    hintKey: 'alerts.rule.repeatHint', attrs: { min: 0, step: 1, inputmode: 'numeric' } });
  const targetsError = h('p', { class: 'field-error', id: 'f-targets-error', hidden: true });

  // ---- escalation -------------------------------------------------------------------------------------------------
  const useEscalation = h('input', { type: 'checkbox', id: 'f-useEscalation', checked: Boolean(rule?.escalation), on: { change: () => showEscalation() } });
  const escalation = h('fieldset', { class: 'escalation', name: 'escalation', id: 'f-escalation' },
    field({ name: 'escalation.afterMinutes', labelKey: 'alerts.rule.afterMinutes', type: 'number', value: rule?.escalation?.afterMinutes ?? 15,
      attrs: { min: 1, step: 1, inputmode: 'numeric' } }),
    checkGroup('escalation.roles', 'alerts.rule.escalationRoles', ROLES.map((r) => [r, `role.${r}`]), rule?.escalation?.roles ?? ['supervisor']),
    field({ name: 'escalation.staff', labelKey: 'alerts.rule.escalationStaff', value: (rule?.escalation?.staff ?? []).join(', '),
      hintKey: 'alerts.rule.staffHint', attrs: { autocomplete: 'off', spellcheck: 'false' } }),
    h('p', { class: 'field-error', id: 'f-escalation-error', hidden: true }));

  // ---- the rest ---------------------------------------------------------------------------------------------------
  const labels = pairsEditor({ name: 'labels', legendKey: 'alerts.rule.labels', hintKey: 'alerts.rule.labelsHint', rows: pairs(rule?.labels) });
  const inhibits = h('fieldset', { class: 'inhibits', name: 'inhibits', id: 'f-inhibits' },
    h('legend', { i18n: 'alerts.rule.inhibits' }),
    h('p', { class: 'field-hint', i18n: 'alerts.rule.inhibitsHint' }),
    h('div', { class: 'form-grid' },
      field({ name: 'inhibits.rules', labelKey: 'alerts.rule.inhibitsRules', value: (rule?.inhibits?.rules ?? []).join(', '),
        attrs: { autocomplete: 'off', spellcheck: 'false', placeholder: 'wa-delivery-failures' } }),
      field({ name: 'inhibits.equal', labelKey: 'alerts.rule.inhibitsEqual', value: (rule?.inhibits?.equal ?? []).join(', '),
        attrs: { autocomplete: 'off', spellcheck: 'false', placeholder: 'device' } })),
    h('p', { class: 'field-error', id: 'f-inhibits-error', hidden: true }));
  const enabled = h('div', { class: 'field' },
    h('label', { class: 'check-inline' },
      h('input', { type: 'checkbox', name: 'enabled', id: 'f-enabled', checked: rule?.enabled ?? true }), h('span', { i18n: 'alerts.rule.enabled' })),
    h('p', { class: 'field-error', id: 'f-enabled-error', hidden: true }));

  // ---- the form -----------------------------------------------------------------------------------------------------
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: creating ? 'alerts.rule.create' : 'admin.save' }));
  const previewButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-preview': '' },
    h('span', { 'data-label': '', i18n: 'alerts.rule.preview' }));
  const previewBox = h('div', { class: 'preview-body', 'aria-live': 'polite' }, h('p', { class: 'muted', i18n: 'alerts.rule.previewHint' }));
  const form = h('form', { class: 'rule-form', novalidate: true, dataset: { errors: 'alerts.error' } },
    formAlert(),
    section('alerts.rule.section.what', h('div', { class: 'form-grid' },
      h('div', { class: 'span-2' }, metric), h('div', { class: 'span-2' }, filters.el), fn, windowSeconds,
      h('div', { class: 'span-2' }, groupBy), across,
      h('div', { class: 'span-2' }, h('label', { class: 'check-inline', for: 'f-useRatio' }, useRatio, h('span', { i18n: 'alerts.rule.useRatio' })),
        ratio))),
    section('alerts.rule.section.when', h('div', { class: 'form-grid' }, comparator, threshold, forSeconds, keepFiring, severity)),
    section('alerts.rule.section.says', h('div', { class: 'form-grid' }, name, key, h('div', { class: 'span-2' }, summary),
      h('div', { class: 'span-2' }, description))),
    section('alerts.rule.section.who', targetsError, h('div', { class: 'form-grid' }, roles, channels, staff, repeat),
      h('label', { class: 'check-inline', for: 'f-useEscalation' }, useEscalation, h('span', { i18n: 'alerts.rule.useEscalation' })),
      escalation),
    h('details', { class: 'card rule-section', open: Boolean(Object.keys(rule?.labels ?? {}).length || rule?.inhibits) },
      h('summary', { i18n: 'alerts.rule.section.more' }), labels.el, inhibits, enabled),
    h('div', { class: 'form-actions sticky-actions' }, save, previewButton,
      h('a', { class: 'btn btn-ghost', href: LIST_HREF, i18n: 'admin.cancel' }),
      creating ? null : h('button', { type: 'button', class: 'btn btn-danger-outline push-right', i18n: 'alerts.rules.delete', on: { click: remove } })));

  const input = (n) => form.elements.namedItem(n);

  function metricSelect(fieldName, labelKey, current, hintKey, required) {
    const wrap = field({ name: fieldName, labelKey, type: 'select', required, hintKey, options: [] });
    const select = wrap.querySelector('select');
    select.append(h('option', { value: '', i18n: 'alerts.rule.pickMetric' }),
      ...[...known.keys()].sort().map((m) => h('option', { value: m, selected: m === current, text: m })));
    const labelsLine = h('p', { class: 'field-hint metric-labels' });
    select.after(labelsLine);
    const showLabels = () => {
      const names = labelsOf(select.value);
      if (select.value) setText(labelsLine, names.length ? 'alerts.rule.metricLabels' : 'alerts.rule.metricNoLabels', { labels: names.join(', ') });
      else labelsLine.replaceChildren();
    };
    select.addEventListener('change', () => { showLabels(); if (fieldName === 'metric') showGroupBy(); });
    showLabels();
    return wrap;
  }

  /** Group by: the metric's labels (and "node", every node its own group) as checkboxes, what the rule had kept. */
  function showGroupBy() {
    const chosen = groupBy.querySelector('fieldset') ? checked('groupBy') : rule?.groupBy ?? [];
    const names = [...new Set([...labelsOf(input('metric').value), 'node', ...chosen])];
    groupBy.replaceChildren(checkGroup('groupBy', 'alerts.rule.groupBy', names.map((n) => [n, null]), chosen, 'alerts.rule.groupByHint'));
  }

  function showRatio() { ratio.hidden = !useRatio.checked; }
  function showEscalation() { escalation.hidden = !useEscalation.checked; }
  function showWindow() {
    const last = input('function').value === 'last';
    input('windowSeconds').disabled = last;
    input('windowSeconds').required = !last;
  }
  input('function').addEventListener('change', showWindow);
  showGroupBy();
  showRatio();
  showEscalation();
  showWindow();

  function checked(groupName) {
    return [...form.querySelectorAll(`fieldset[name="${groupName}"] input:checked`)].map((box) => box.value);
  }

  const whole = (n) => {
    const text = input(n).value.trim();
    return text === '' ? null : Number(text);
  };
  const names = (n) => input(n).value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

  /** The rule as the API takes it; null (with the field marked) when something can be told wrong here already. */
  function readRule() {
    const limit = Number(input('threshold').value.trim().replace(',', '.'));
    if (input('threshold').value.trim() === '' || !Number.isFinite(limit)) {
      setFieldError(form, 'threshold', 'alerts.error.invalid.threshold');
      return null;
    }
    const body = {
      name: input('name').value.trim(),
      description: input('description').value.trim() || null,
      metric: input('metric').value,
      filters: filters.object(),
      function: input('function').value,
      windowSeconds: input('function').value === 'last' ? 0 : whole('windowSeconds'),
      acrossNodes: input('acrossNodes').value,
      groupBy: checked('groupBy'),
      ratioTo: useRatio.checked ? { metric: input('ratioTo.metric').value, filters: ratioFilters.object(),
        minimum: Number(input('ratioTo.minimum').value || 0) } : null,
      comparator: input('comparator').value,
      threshold: limit,
      forSeconds: whole('forSeconds') ?? 0,
      keepFiringForSeconds: whole('keepFiringForSeconds') ?? 0,
      severity: input('severity').value,
      labels: labels.object(),
      summary: input('summary').value.trim() || null,
      targets: { roles: checked('targets.roles'), staff: names('targets.staff'), channels: checked('targets.channels') },
      escalation: useEscalation.checked ? { afterMinutes: whole('escalation.afterMinutes'), roles: checked('escalation.roles'),
        staff: names('escalation.staff') } : null,
      repeatMinutes: whole('repeatMinutes') ?? 0,
      inhibits: names('inhibits.rules').length || names('inhibits.equal').length
        ? { rules: names('inhibits.rules'), equal: names('inhibits.equal') } : null,
      enabled: input('enabled').checked,
    };
    if (creating && input('key').value.trim()) body.key = input('key').value.trim();
    return body;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const saved = await submitting(form, save, async () => {
      const body = readRule();
      if (!body) return undefined;
      return creating ? ctx.api.post('/api/v1/alerts/rules', body) : ctx.api.put(`/api/v1/alerts/rules/${rule.id}`, body);
    });
    revealErrors();
    if (saved) {
      flash(creating ? 'alerts.rule.created' : 'alerts.rule.saved', { name: saved.name });
      ctx.navigate(LIST_HREF);
    }
  });

  previewButton.addEventListener('click', async () => {
    clearErrors(form);
    const body = readRule();
    if (!body) return;
    setBusy(previewButton, true, 'alerts.rule.previewing');
    previewBox.replaceChildren(stateBlock('loading', 'alerts.rule.previewing'));
    try {
      showPreview(previewBox, await ctx.api.post('/api/v1/alerts/rules/preview', body), body);
    } catch (err) {
      showError(form, err);
      revealErrors();
      const { key, params } = alertError(err);
      previewBox.replaceChildren(stateBlock('error', err?.body?.error?.field ? 'alerts.rule.previewFieldError' : key, params));
    } finally {
      setBusy(previewButton, false);
    }
  });

  /** A field marked wrong inside the folded "more" section is unfolded, so the person sees what to fix. */
  function revealErrors() {
    const invalid = form.querySelector('[aria-invalid="true"]');
    const folded = invalid?.closest('details');
    if (folded && !folded.open) {
      folded.open = true;
      (invalid instanceof HTMLFieldSetElement ? invalid.querySelector('input, select, textarea') : invalid)?.focus();
    }
  }

  async function remove() {
    if (!(await confirmDialog({ titleKey: 'alerts.rules.deleteTitle', bodyKey: 'alerts.rules.deleteBody', confirmKey: 'alerts.rules.delete',
      params: { name: rule.name }, danger: true }))) return;
    try {
      await ctx.api.del(`/api/v1/alerts/rules/${rule.id}`);
      flash('alerts.rules.deleted', { name: rule.name });
      ctx.navigate(LIST_HREF);
    } catch (err) {
      const { key, params } = alertError(err);
      showAlert(form, key, params);
    }
  }

  root.append(
    h('header', { class: 'page-head detail-head' },
      h('a', { class: 'back-link', href: LIST_HREF }, h('span', { 'aria-hidden': 'true', text: '← ' }), h('span', { i18n: 'alerts.rules.back' })),
      h('h2', { class: 'page-title' }, creating ? h('span', { i18n: 'alerts.rule.newTitle' })
        : h('span', {}, rule.name, rule.builtin ? [' ', badge('neutral', null, 'alerts.rules.builtin')] : null))),
    h('div', { class: 'rule-layout' }, form,
      h('aside', { class: 'card rule-preview', 'aria-labelledby': 'rule-preview-title' },
        h('h2', { id: 'rule-preview-title', i18n: 'alerts.rule.previewTitle' }), previewBox)));
  input('name').focus({ preventScroll: true });
}

function section(titleKey, ...content) {
  return h('section', { class: 'card rule-section' }, h('h3', { i18n: titleKey }), ...content);
}

function pairs(object) {
  return Object.entries(object ?? {}).map(([label, v]) => ({ label, op: '=', value: v }));
}

/**
 * Checkboxes under one <fieldset name>, so an API error naming the group ("targets.roles") shows beside it.
 * options: [[value, labelKey or null for the value itself]].
 */
function checkGroup(name, legendKey, options, checked = [], hintKey = null) {
  const id = `f-${name}`;
  return h('fieldset', { class: 'field check-group', name, id, 'aria-describedby': `${id}-error` },
    h('legend', { i18n: legendKey }),
    hintKey ? h('p', { class: 'field-hint', i18n: hintKey }) : null,
    h('div', { class: 'check-options' }, options.map(([v, key]) => h('label', { class: 'check-inline' },
      h('input', { type: 'checkbox', value: v, checked: checked.includes(v) }),
      key ? h('span', { i18n: key }) : h('span', { class: 'mono', text: v })))),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

/**
 * The preview: the outcome in a sentence, the value of each group (breaching ones marked), who would be paged. The
 * hub refuses a name it does not know (as a field error, like saving); a named person it lists no more is marked here.
 */
function showPreview(box, answer, body) {
  const whatsapp = (body.targets.channels ?? []).includes('whatsapp');
  const groups = answer.groups ?? [];
  const found = new Set((answer.recipients ?? []).map((p) => p.username));
  const unknown = (body.targets.staff ?? []).filter((name) => !found.has(name));
  fill(box,
    h('p', { class: `preview-outcome outcome-${answer.outcome}` },
      badge({ firing: 'down', pending: 'warn', nodata: 'neutral', inactive: 'up' }[answer.outcome] ?? 'neutral', null, `alerts.outcome.${answer.outcome}`), ' ',
      h('span', { i18n: [`alerts.preview.${answer.outcome}`, { n: fmt.number(answer.breaching), metric: body.metric, for: duration(body.forSeconds) }] })),
    groups.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data-table compact preview-groups' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', i18n: 'alerts.preview.group' }), h('th', { scope: 'col', class: 'num', i18n: 'alerts.preview.value' }),
        h('th', { scope: 'col', i18n: 'alerts.preview.breached' }))),
      h('tbody', {}, groups.map((g) => h('tr', { class: g.breached ? 'is-breached' : null },
        h('td', {}, labelChips(g.labels) ?? h('span', { class: 'muted', i18n: 'alerts.preview.wholeCluster' })),
        h('td', { class: 'num mono', text: value(g.value) }),
        h('td', {}, g.breached ? badge('down', null, 'alerts.preview.yes') : h('span', { class: 'muted', i18n: 'alerts.preview.no' })))))))
      : answer.noData ? null : h('p', { class: 'muted', i18n: 'alerts.preview.noGroups' }),
    h('h3', { i18n: 'alerts.preview.recipients' }),
    !whatsapp ? h('p', { class: 'muted', i18n: 'alerts.preview.dashboardOnly' }) : null,
    unknown.length ? h('p', { class: 'alert alert-warn unknown-staff', i18n: ['alerts.preview.unknownStaff', { names: unknown.join(', ') }] }) : null,
    (answer.recipients ?? []).length ? h('ul', { class: 'recipients' }, answer.recipients.map((p) => h('li', { class: p.reachable ? null : 'is-unreachable' },
      h('span', { text: p.name }), ' ', h('span', { class: 'mono muted', text: p.username }), ' ', h('span', { class: 'muted', i18n: `role.${p.role}` }),
      p.reachable ? null : [' ', badge('warn', null, 'alerts.preview.unreachable')])))
      : h('p', { class: 'muted', i18n: 'alerts.preview.nobody' }));
}
