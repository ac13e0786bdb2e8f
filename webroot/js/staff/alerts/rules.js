// Aturan (admin, supervisor, noc): every rule with its condition in one line, severity, who it pages, and a switch
// to turn it off and on (PUT {"enabled":…} alone); built-in rules marked. A rule opens in its form
// (#/alerts/rules/<id>, ./rule-form.js: edit, preview, delete), a new one at #/alerts/rules/new.
import { h, fmt } from '../../dom.js';
import { t } from '../../i18n.js';
import { pagedList } from '../admin/list.js';
import { badge, takeFlash } from '../admin/common.js';
import { alertError, duration, severityBadge, value } from './common.js';
import { renderRuleForm } from './rule-form.js';

export async function render(root, ctx, page) {
  if (ctx.path[1]) return renderRuleForm(root, ctx, page, ctx.path[1] === 'new' ? null : ctx.path[1]);
  page.actions([]);

  const problems = h('div', { 'aria-live': 'assertive' });
  const list = pagedList({
    load: async () => ({ items: (await ctx.api.get('/api/v1/alerts/rules')).items, nextCursor: null }),
    columns: [
      { labelKey: 'alerts.rules.rule', primary: true, cell: (r) => h('a', { href: `#/alerts/rules/${r.id}`, 'data-open': '' },
        h('span', { class: 'primary-name' }, r.name, r.builtin ? [' ', badge('neutral', null, 'alerts.rules.builtin')] : null),
        h('span', { class: 'mono muted', text: r.key })) },
      { labelKey: 'alerts.rules.condition', class: 'cell-condition', cell: (r) => h('code', { class: 'condition', text: condition(r) }) },
      { labelKey: 'alerts.col.severity', cell: (r) => severityBadge(r.severity) },
      { labelKey: 'alerts.rules.targets', cell: (r) => targetsText(r) },
      { labelKey: 'alerts.rules.enabled', cell: (r) => enabledSwitch(r) },
    ],
    empty: { key: 'alerts.rules.none', action: h('a', { class: 'btn btn-primary', href: '#/alerts/rules/new', i18n: 'alerts.action.newRule' }) },
  });

  /** The on/off switch of a row: changed at once, put back (with the reason) when the hub refuses. */
  function enabledSwitch(rule) {
    const input = h('input', { type: 'checkbox', role: 'switch', checked: rule.enabled, 'aria-label': t('alerts.rules.enabledFor', { name: rule.name }),
      on: { change: async () => {
        input.disabled = true;
        try {
          list.replace(await ctx.api.put(`/api/v1/alerts/rules/${rule.id}`, { enabled: input.checked }));
          problems.replaceChildren();
        } catch (err) {
          input.checked = !input.checked;
          input.disabled = false;
          const { key, params } = alertError(err);
          problems.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: [key, params] }));
        }
      } } });
    return h('label', { class: 'switch' }, input, h('span', { i18n: rule.enabled ? 'alerts.rules.on' : 'alerts.rules.off' }));
  }

  root.append(
    h('div', { class: 'list-head' },
      h('p', { class: 'muted', i18n: 'alerts.rules.lead' }),
      h('a', { class: 'btn btn-primary', href: '#/alerts/rules/new', i18n: 'alerts.action.newRule' })),
    ...[takeFlash(), problems, list.el].filter(Boolean));
  list.reload();
  // Conditions and durations are written in the reader's language.
  const relabel = () => list.repaint();
  document.addEventListener('i18n:change', relabel);
  return () => document.removeEventListener('i18n:change', relabel);
}

/** A rule's condition in one line: "max(aglis_wa_queue_depth{priority="urgent"}) per device > 5 000 selama 5 mnt". */
export function condition(rule) {
  const filters = Object.entries(rule.filters ?? {}).map(([k, v]) => `${k}="${v}"`).join(',');
  const series = `${rule.metric}${filters ? `{${filters}}` : ''}`;
  const windowed = rule.function === 'last' ? series : `${series}[${duration(rule.windowSeconds)}]`;
  const ratio = rule.ratioTo ? ` / ${rule.ratioTo.metric}${Object.keys(rule.ratioTo.filters ?? {}).length
    ? `{${Object.entries(rule.ratioTo.filters).map(([k, v]) => `${k}="${v}"`).join(',')}}` : ''}` : '';
  const per = rule.groupBy?.length ? ` ${t('alerts.rules.per', { labels: rule.groupBy.join(', ') })}` : '';
  const across = rule.acrossNodes && rule.acrossNodes !== 'sum' ? ` · ${t('alerts.rules.across', { fn: rule.acrossNodes })}` : '';
  const held = rule.forSeconds ? ` ${t('alerts.rules.for', { time: duration(rule.forSeconds) })}` : '';
  return `${rule.function}(${windowed})${ratio}${per}${across} ${rule.comparator} ${value(rule.threshold)}${held}`;
}

function targetsText(rule) {
  const who = [...(rule.targets?.roles ?? []).map((r) => t(`role.${r}`)), ...(rule.targets?.staff ?? [])];
  const channels = (rule.targets?.channels ?? []).map((c) => t(`alerts.channel.${c}`));
  return h('span', { class: 'targets' }, h('span', { text: who.join(', ') || '—' }),
    h('span', { class: 'muted small', text: [channels.join(' + '), rule.repeatMinutes ? t('alerts.rules.repeat', { n: fmt.number(rule.repeatMinutes) }) : null]
      .filter(Boolean).join(' · ') }));
}
