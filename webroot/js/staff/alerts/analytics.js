// Analitik: over a range of WIB days (?days=7|30|90, or ?from=&to=, both included), per rule: how often it fired,
// blips that never did, time to acknowledge and to resolve (p50/p95), and whether it flaps (five or more firings a
// day) — the noisiest rules first, as the hub orders them. A bar chart (uPlot) of firings and blips per rule, its
// numbers in the table beside it.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h, fmt, stateBlock } from '../../dom.js';
import { locale, t } from '../../i18n.js';
import { badge } from '../admin/common.js';
import { alertError, dayAfter, dayStart, duration, jakartaDate } from './common.js';

const PRESETS = [7, 30, 90];
const COLORS = { fired: '#b42318', blips: '#aab5c3' };
const HEIGHT = 240;

export async function render(root, ctx, page) {
  const params = ctx.params;
  const days = PRESETS.includes(Number(params.get('days'))) ? Number(params.get('days')) : 30;
  const custom = Boolean(params.get('from') && params.get('to'));
  const from = custom ? params.get('from') : jakartaDate(days - 1);
  const to = custom ? params.get('to') : jakartaDate(0);
  page.actions(PRESETS.map((n) => ({ id: `alerts.analytics.${n}`, get label() { return t('alerts.analytics.lastDays', { n }); },
    run: () => ctx.navigate(`#/alerts/analytics?days=${n}`) })));

  const fromInput = h('input', { type: 'date', id: 'alerts-an-from', value: from, max: jakartaDate(0) });
  const toInput = h('input', { type: 'date', id: 'alerts-an-to', value: to, max: jakartaDate(0) });
  const rangeError = h('p', { class: 'field-error', role: 'alert', hidden: true });
  root.append(h('div', { class: 'toolbar alerts-range' },
    h('div', { class: 'chips', role: 'group', 'data-i18n-aria-label': 'alerts.analytics.range' }, PRESETS.map((n) => h('a', {
      class: 'chip chip-button', href: `#/alerts/analytics?days=${n}`, 'aria-current': !custom && n === days ? 'true' : null,
      i18n: ['alerts.analytics.lastDays', { n }] }))),
    h('form', { class: 'range-form', on: { submit: (event) => {
      event.preventDefault();
      if (!fromInput.value || !toInput.value || fromInput.value > toInput.value) {
        rangeError.textContent = t('alerts.analytics.badRange');
        rangeError.hidden = false;
        return;
      }
      ctx.navigate(`#/alerts/analytics?from=${fromInput.value}&to=${toInput.value}`);
    } } },
    h('div', { class: 'field' }, h('label', { for: 'alerts-an-from', i18n: 'alerts.filter.from' }), fromInput),
    h('div', { class: 'field' }, h('label', { for: 'alerts-an-to', i18n: 'alerts.filter.to' }), toInput),
    h('button', { class: 'btn btn-secondary', type: 'submit', i18n: 'alerts.analytics.apply' }), rangeError)));
  const body = h('div', { class: 'alerts-analytics' });
  root.append(body);
  // A range written backwards (in a link, say) is still the range meant.
  const [first, last] = from > to ? [to, from] : [from, to];

  let plot = null;
  /** Loads the range and shows it; again from the error state's retry (the URL, and so the hash, stays the same). */
  async function show() {
    body.replaceChildren(stateBlock('loading', 'common.loading'));
    let answer;
    try {
      answer = await ctx.api.get(`/api/v1/alerts/analytics?from=${encodeURIComponent(dayStart(first))}&to=${encodeURIComponent(dayAfter(last))}`);
    } catch (err) {
      const { key, params: p } = alertError(err);
      body.replaceChildren(stateBlock('error', key, p,
        h('button', { type: 'button', class: 'btn btn-primary', i18n: 'common.retry', on: { click: show } })));
      return;
    }
    const rules = answer.rules ?? [];
    if (!rules.length) {
      body.replaceChildren(stateBlock('empty', 'alerts.analytics.empty'));
      return;
    }
    const chartBox = h('div', { class: 'chart-box' });
    const range = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' });
    body.replaceChildren(
      h('section', { class: 'card chart-card' },
        h('h2', { i18n: ['alerts.analytics.firedTitle', { n: fmt.number(answer.fired),
          from: range.format(new Date(`${first}T00:00:00Z`)), to: range.format(new Date(`${last}T00:00:00Z`)) }] }),
        h('p', { class: 'muted small', i18n: 'alerts.analytics.chartHint' }),
        chartBox),
      h('section', { class: 'card' },
        h('h2', { i18n: 'alerts.analytics.perRule' }),
        rulesTable(rules, first, last),
        h('p', { class: 'muted small', i18n: 'alerts.analytics.flappingHint' })));
    plot = firedChart(chartBox, rules);
  }

  await show();
  return () => plot?.destroy();
}

/** The numbers per rule; each rule opens its alerts of the range in Riwayat. */
function rulesTable(rules, from, to) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data-table analytics-table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', i18n: 'alerts.rules.rule' }),
      h('th', { scope: 'col', class: 'num', i18n: 'alerts.analytics.fired' }),
      h('th', { scope: 'col', class: 'num', i18n: 'alerts.analytics.blips' }),
      h('th', { scope: 'col', class: 'num', i18n: 'alerts.analytics.ackP50' }),
      h('th', { scope: 'col', class: 'num', i18n: 'alerts.analytics.ackP95' }),
      h('th', { scope: 'col', class: 'num', i18n: 'alerts.analytics.resolveP50' }),
      h('th', { scope: 'col', class: 'num', i18n: 'alerts.analytics.resolveP95' }))),
    h('tbody', {}, rules.map((r) => h('tr', { 'data-row': '' },
      h('th', { scope: 'row' },
        h('a', { href: `#/alerts/history?rule=${encodeURIComponent(r.rule)}&from=${from}&to=${to}`, 'data-open': '' }, r.name ?? r.rule),
        ' ', h('span', { class: 'mono muted small', text: r.rule }),
        r.flapping ? [' ', badge('warn', null, 'alerts.analytics.flapping')] : null),
      h('td', { class: 'num', 'data-label': t('alerts.analytics.fired'), text: fmt.number(r.fired) }),
      h('td', { class: 'num', 'data-label': t('alerts.analytics.blips'), text: fmt.number(r.blips) }),
      h('td', { class: 'num', 'data-label': t('alerts.analytics.ackP50'), text: duration(r.ackSecondsP50) }),
      h('td', { class: 'num', 'data-label': t('alerts.analytics.ackP95'), text: duration(r.ackSecondsP95) }),
      h('td', { class: 'num', 'data-label': t('alerts.analytics.resolveP50'), text: duration(r.resolveSecondsP50) }),
      h('td', { class: 'num', 'data-label': t('alerts.analytics.resolveP95'), text: duration(r.resolveSecondsP95) }))))));
}


/** Bars over the rules (x is the index, labelled with the rule's key): firings, and beside them blips. */
function firedChart(box, rules) {
  const keys = rules.map((r) => r.rule);
  const short = (text) => (text.length > 16 ? `${text.slice(0, 15)}…` : text);
  const bars = (align) => uPlot.paths.bars({ size: [0.35, 48], align });
  const width = () => Math.max(280, box.clientWidth || 320);
  const plot = new uPlot({
    width: width(), height: HEIGHT,
    legend: { show: true },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.6, keys.length - 0.4] }, y: { range: (u, min, max) => [0, Math.max(2, Math.ceil(max * 1.15))] } },
    axes: [
      { splits: () => keys.map((_, i) => i), values: (u, splits) => splits.map((i) => short(keys[i] ?? '')), gap: 4,
        // Many names side by side would overlap: slanted, they fit.
        ...(keys.length > 3 ? { rotate: -35, size: 90 } : { size: 42 }) },
      { values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? fmt.number(v) : '')), size: 48 },
    ],
    series: [
      { label: t('alerts.rules.rule'), value: (u, i) => keys[i] ?? '' },
      { label: t('alerts.analytics.fired'), fill: `${COLORS.fired}cc`, stroke: COLORS.fired, width: 1, paths: bars(-1), points: { show: false },
        value: (u, v) => (v == null ? '—' : fmt.number(v)) },
      { label: t('alerts.analytics.blips'), fill: `${COLORS.blips}cc`, stroke: COLORS.blips, width: 1, paths: bars(1), points: { show: false },
        value: (u, v) => (v == null ? '—' : fmt.number(v)) },
    ],
  }, [keys.map((_, i) => i), rules.map((r) => r.fired), rules.map((r) => r.blips)], box);
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
  resize.observe(box);
  return { destroy: () => { resize.disconnect(); plot.destroy(); } };
}
