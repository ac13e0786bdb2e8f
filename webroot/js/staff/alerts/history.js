// Riwayat: every alert, newest first, filtered by state, severity, rule and a range of WIB days (all kept in the
// URL), paged with the hub's cursor. An alert opens at #/alerts/history/<id> with its timeline (./alert.js).
import { h, fmt } from '../../dom.js';
import { t } from '../../i18n.js';
import { pagedList, toolbar, query, showListPage } from '../admin/list.js';
import { SEVERITIES, STATES, dayAfter, dayStart, duration, labelChips, may, severityBadge, sinceOf, stateBadge } from './common.js';
import { renderAlert } from './alert.js';

const RULE_KEYS = 'alerts-rule-keys';

export async function render(root, ctx, page) {
  if (ctx.path[1]) return renderAlert(root, ctx, page, ctx.path[1]);
  page.actions([]);

  const bar = toolbar({
    params: ctx.params,
    filters: [
      { name: 'state', labelKey: 'alerts.filter.state', type: 'select',
        options: [['', 'alerts.filter.anyState'], ...STATES.map((s) => [s, `alerts.state.${s}`])] },
      { name: 'severity', labelKey: 'alerts.filter.severity', type: 'select',
        options: [['', 'alerts.filter.anySeverity'], ...SEVERITIES.map((s) => [s, `alerts.severity.${s}`])] },
      { name: 'rule', labelKey: 'alerts.filter.rule', type: 'search',
        attrs: { list: RULE_KEYS, spellcheck: 'false', 'data-search': '', 'data-i18n-placeholder': 'alerts.filter.ruleHint',
          placeholder: t('alerts.filter.ruleHint'), maxlength: 64 } },
      { name: 'from', labelKey: 'alerts.filter.from', type: 'date' },
      { name: 'to', labelKey: 'alerts.filter.to', type: 'date' },
    ],
    onChange(filters) { ctx.setParams(filters); list.reload(); },
  });
  const ruleKeys = h('datalist', { id: RULE_KEYS });

  const list = pagedList({
    load: (cursor) => ctx.api.get(query('/api/v1/alerts', apiFilters(bar.values()), cursor)),
    columns: [
      { labelKey: 'alerts.col.alert', primary: true, cell: (a) => h('a', { href: `#/alerts/history/${a.id}`, 'data-open': '' },
        h('span', { class: 'primary-name', text: a.ruleName ?? a.ruleKey }),
        h('span', { class: 'history-summary', text: a.summary ?? '' })) },
      { labelKey: 'alerts.col.severity', cell: (a) => severityBadge(a.severity) },
      { labelKey: 'alerts.col.state', cell: (a) => stateBadge(a.state) },
      { labelKey: 'alerts.col.started', class: 'nowrap', cell: (a) => h('time', { datetime: a.startedAt, text: fmt.dateTime(a.startedAt) }) },
      { labelKey: 'alerts.col.duration', class: 'nowrap', cell: (a) => (a.resolvedAt
        ? duration((Date.parse(a.resolvedAt) - Date.parse(sinceOf(a))) / 1000)
        : h('span', { class: 'muted', i18n: 'alerts.history.stillOpen' })) },
      { labelKey: 'alerts.col.acked', cell: (a) => a.ackedBy },
      { labelKey: 'alerts.col.resolvedBy', cell: (a) => a.resolvedBy ?? (a.state === 'resolved' ? h('span', { class: 'muted', i18n: 'alerts.history.resolvedItself' }) : null) },
      { labelKey: 'alerts.col.labels', class: 'optional', cell: (a) => labelChips(a.labels) },
      { labelKey: 'alerts.col.code', class: 'mono', cell: (a) => a.code },
    ],
    empty: { key: 'alerts.history.none' },
    filtered: bar.isFiltered,
    onResetFilters: bar.reset,
  });

  suggestRuleKeys(ctx, page, ruleKeys);
  return showListPage(root, 'alerts', { bar, list }, bar.el, ruleKeys, list.el);
}

/** The filters as the API takes them: the days are WIB days, `to` included (so it ends at the next midnight). */
function apiFilters({ state, severity, rule, from, to }) {
  // A range typed backwards is still the range the person meant.
  const [first, last] = from && to && from > to ? [to, from] : [from, to];
  return { state, severity, rule, from: first ? dayStart(first) : '', to: last ? dayAfter(last) : '' };
}

/** Rule keys for the rule filter: every rule for those who may read them, else the rules of open alerts. */
async function suggestRuleKeys(ctx, page, datalist) {
  const keys = new Map(page.store.list().map((a) => [a.ruleKey, a.ruleName]));
  if (may.editRules(ctx.can)) {
    try {
      (await ctx.api.get('/api/v1/alerts/rules')).items.forEach((r) => keys.set(r.key, r.name));
    } catch {
      // suggestions only: the filter still takes any key typed
    }
  }
  datalist.replaceChildren(...[...keys].map(([key, name]) => h('option', { value: key, label: name ?? key })));
}
