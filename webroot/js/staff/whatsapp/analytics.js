// Analitik: over a range of Jakarta days (?days=7|30|90, or ?from=&to= dates, both inclusive): delivery rate by
// device, template usage, sent→delivered→read latency by day, and quota used per day and device, as uPlot charts
// with their numbers in a table beside each (what a screen reader, or a careful reader, needs).
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h, fmt, stateBlock } from '../../dom.js';
import { locale, t } from '../../i18n.js';
import { errorState, jakartaDate, nextDay } from './common.js';

const PRESETS = [7, 30, 90];
const COLORS = ['#0b5cad', '#0e7c6b', '#b45309', '#7c3aed', '#b42318', '#475569', '#0891b2', '#be185d'];

export async function render(root, ctx, page) {
  const params = ctx.params;
  const days = PRESETS.includes(Number(params.get('days'))) ? Number(params.get('days')) : 7;
  const custom = params.get('from') && params.get('to');
  const from = custom ? params.get('from') : jakartaDate(days - 1);
  const to = custom ? params.get('to') : jakartaDate(0);

  const fromInput = h('input', { type: 'date', id: 'wa-an-from', value: from, max: jakartaDate(0) });
  const toInput = h('input', { type: 'date', id: 'wa-an-to', value: to, max: jakartaDate(0) });
  const rangeError = h('p', { class: 'field-error', role: 'alert', hidden: true });
  root.append(h('div', { class: 'toolbar' },
    h('div', { class: 'chips', role: 'group', 'aria-label': t('wa.analytics.range') }, PRESETS.map((n) => h('a', {
      class: 'chip', href: `#/whatsapp/analytics?days=${n}`, 'aria-current': !custom && n === days ? 'true' : null,
      i18n: ['wa.analytics.lastDays', { n }] }))),
    h('form', { class: 'toolbar inline', on: { submit: (event) => {
      event.preventDefault();
      if (!fromInput.value || !toInput.value || fromInput.value > toInput.value) { rangeError.textContent = t('wa.messages.badRange'); rangeError.hidden = false; return; }
      ctx.navigate(`#/whatsapp/analytics?from=${fromInput.value}&to=${toInput.value}`);
    } } },
    h('div', { class: 'field' }, h('label', { for: 'wa-an-from', i18n: 'wa.field.since' }), fromInput),
    h('div', { class: 'field' }, h('label', { for: 'wa-an-to', i18n: 'wa.field.until' }), toInput),
    h('button', { class: 'btn btn-secondary', type: 'submit', i18n: 'wa.analytics.apply' }), rangeError)));
  const grid = h('div', { class: 'chart-grid' }, stateBlock('loading', 'common.loading'));
  root.append(grid);

  const query = `from=${from}&to=${nextDay(to)}`;
  let byDevice;
  let byDay;
  try {
    [byDevice, byDay] = await Promise.all([
      ctx.api.get(`/api/v1/analytics/whatsapp?${query}&groupBy=device`),
      ctx.api.get(`/api/v1/analytics/whatsapp?${query}&groupBy=day`),
    ]);
  } catch (err) {
    grid.replaceChildren(errorState(err, () => ctx.navigate(location.hash)));
    return () => {};
  }

  const plots = [];
  const total = byDevice.groups.reduce((sum, g) => sum + g.total, 0);
  if (!total) {
    grid.replaceChildren(stateBlock('empty', 'wa.analytics.empty'));
    return () => {};
  }
  const sent = byDevice.groups.reduce((sum, g) => sum + g.sent, 0);
  const delivered = byDevice.groups.reduce((sum, g) => sum + g.delivered, 0);
  const read = byDevice.groups.reduce((sum, g) => sum + g.read, 0);
  const failed = byDevice.groups.reduce((sum, g) => sum + g.failed, 0);
  grid.replaceChildren(
    h('section', { class: 'card chart-card summary-card' },
      h('h2', { i18n: ['wa.analytics.summary', { from: fmtDay(from), to: fmtDay(to) }] }),
      h('ul', { class: 'summary-figures' },
        figure('wa.analytics.total', fmt.number(total)),
        figure('wa.analytics.sent', fmt.number(sent)),
        figure('wa.analytics.deliveryRate', sent ? fmt.percent(delivered / sent) : '—'),
        figure('wa.analytics.readRate', delivered ? fmt.percent(read / delivered) : '—'),
        figure('wa.analytics.failed', fmt.number(failed)))),
    deviceChart(byDevice.groups, plots),
    templateChart(byDevice.templates, plots),
    latencyChart(byDay.groups, from, to, plots),
    quotaChart(byDay.quota, from, to, plots));
  page.actions(PRESETS.map((n) => ({ id: `wa.analytics.${n}`, label: t('wa.analytics.lastDays', { n }), run: () => ctx.navigate(`#/whatsapp/analytics?days=${n}`) })));
  return () => plots.forEach((p) => p.destroy());
}

function figure(key, value) {
  return h('li', {}, h('strong', { class: 'big-number', text: value }), h('span', { class: 'muted', i18n: key }));
}

function fmtDay(day) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`));
}

/** A chart card: title, hint, the plot's box, and the numbers as a table under "see the numbers". */
function chartCard(titleKey, hintKey, head, rows) {
  const box = h('div', { class: 'chart-box' });
  const el = h('section', { class: 'card chart-card' },
    h('h2', { i18n: titleKey }),
    hintKey ? h('p', { class: 'muted small', i18n: hintKey }) : null,
    box,
    h('details', {}, h('summary', { i18n: 'wa.analytics.numbers' }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table compact' },
        h('thead', {}, h('tr', {}, head.map((k, i) => h('th', { scope: 'col', class: i ? 'num' : '', i18n: k })))),
        h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h(i ? 'td' : 'th', { class: i ? 'num' : '', scope: i ? null : 'row', text: c })))))))));
  return { el, box };
}

/** uPlot in `box`, sized to it (and resized with it). */
function plot(box, options, data, plots) {
  const width = () => Math.max(260, box.clientWidth || 320);
  const u = new uPlot({ width: width(), height: 220, ...options }, data, box);
  new ResizeObserver(() => u.setSize({ width: width(), height: 220 })).observe(box);
  plots.push(u);
  return u;
}

/** Bars over categories (devices, templates): x is the index, labelled with the names. */
function categoryOptions(names, xLabel, series, yValues) {
  return {
    legend: { show: series.length > 1 },
    cursor: { points: { show: false } },
    scales: { x: { time: false, range: [-0.6, names.length - 0.4] }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
    axes: [
      { splits: () => names.map((_, i) => i), values: (u, splits) => splits.map((i) => short(names[i] ?? '')), gap: 4,
        // Many names side by side would overlap: slanted, they fit.
        ...(names.length > 3 ? { rotate: -35, size: 78 } : { size: 42 }) },
      { values: (u, splits) => splits.map(yValues), size: 54 },
    ],
    series: [{ label: xLabel, value: (u, i) => names[i] ?? '' }, ...series.map((s, i) => ({ ...s, fill: `${COLORS[i]}cc`, stroke: COLORS[i], width: 1,
      paths: uPlot.paths.bars({ size: [series.length > 1 ? 0.35 : 0.6, 72], align: series.length > 1 ? (i ? 1 : -1) : 0 }), points: { show: false } }))],
  };
}

function short(text) {
  return text.length > 14 ? `${text.slice(0, 13)}…` : text;
}

function deviceChart(groups, plots) {
  // Messages never handed to a device (waiting, cancelled, refused before sending) are grouped as '-'.
  const names = groups.map((g) => (g.key === '-' ? t('wa.analytics.noDevice') : g.key));
  const card = chartCard('wa.analytics.byDevice', 'wa.analytics.byDeviceHint',
    ['wa.field.device', 'wa.analytics.sent', 'wa.analytics.delivered', 'wa.analytics.read', 'wa.analytics.failed', 'wa.analytics.deliveryRate', 'wa.analytics.readRate'],
    groups.map((g, i) => [names[i], fmt.number(g.sent), fmt.number(g.delivered), fmt.number(g.read), fmt.number(g.failed), fmt.percent(g.deliveryRate), fmt.percent(g.readRate)]));
  requestAnimationFrame(() => plot(card.box, categoryOptions(names, t('wa.field.device'),
    [{ label: t('wa.analytics.deliveryRate'), value: (u, v) => (v == null ? '—' : `${fmt.number(v, 1)}%`) },
      { label: t('wa.analytics.readRate'), value: (u, v) => (v == null ? '—' : `${fmt.number(v, 1)}%`) }],
    (v) => `${fmt.number(v)}%`),
  [names.map((_, i) => i), groups.map((g) => (g.deliveryRate == null ? null : g.deliveryRate * 100)),
    groups.map((g) => (g.readRate == null ? null : g.readRate * 100))], plots));
  return card.el;
}

function templateChart(templates, plots) {
  const top = templates.slice(0, 12);
  const card = chartCard('wa.analytics.templates', top.length < templates.length ? 'wa.analytics.templatesTop' : null,
    ['wa.field.template', 'wa.analytics.uses'], templates.map((x) => [x.template, fmt.number(x.uses)]));
  if (!top.length) {
    card.box.replaceWith(stateBlock('empty', 'wa.analytics.noTemplates'));
    return card.el;
  }
  requestAnimationFrame(() => plot(card.box, categoryOptions(top.map((x) => x.template), t('wa.field.template'),
    [{ label: t('wa.analytics.uses'), value: (u, v) => fmt.number(v) }], (v) => fmt.number(v)),
  [top.map((_, i) => i), top.map((x) => x.uses)], plots));
  return card.el;
}

/** Seconds from milliseconds, for the axis and the table. */
function secs(ms) {
  return ms == null ? null : ms / 1000;
}

function duration(ms) {
  if (ms == null) return '—';
  if (ms < 60_000) return t('wa.unit.seconds', { n: fmt.number(ms / 1000, 1) });
  if (ms < 3_600_000) return t('wa.unit.minutes', { n: fmt.number(ms / 60_000, 1) });
  return t('wa.unit.hours', { n: fmt.number(ms / 3_600_000, 1) });
}

function dayTime(day) {
  return Date.parse(`${day}T00:00:00+07:00`) / 1000;
}

/** Every day of the range (YYYY-MM-DD), so a chart's x axis is the range even where days have no data. */
function daysOf(from, to) {
  const days = [];
  for (let d = from; d <= to && days.length < 400; d = nextDay(d)) days.push(d);
  return days;
}

/**
 * uPlot options shared by the charts over days: the x axis and legend name days as people write them, in WIB. The
 * ticks are the days' own points (Jakarta midnights), as many as fit; uPlot's would fall on the browser's midnights.
 */
function dayOptions(days, yValues) {
  const short = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'Asia/Jakarta' });
  // One tick per ~64 px of chart, counted back from the last day (today stays labelled).
  const ticks = (u) => {
    const every = Math.ceil(days.length / Math.max(2, Math.floor((u.width - 80) / 64)));
    return days.filter((d, i) => (days.length - 1 - i) % every === 0).map(dayTime);
  };
  return {
    scales: { x: { time: true, range: [dayTime(days[0]) - 43_200, dayTime(days[days.length - 1]) + 43_200] },
      y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
    axes: [{ size: 30, splits: ticks, values: (u, splits) => splits.map((v) => short.format(new Date(v * 1000))) },
      { values: (u, splits) => splits.map(yValues), size: 60 }],
  };
}

function dayLegend() {
  return { label: t('wa.analytics.day'), value: (u, v) => (v == null ? '—' : fmtDay(new Date(v * 1000 + 7 * 3_600_000).toISOString().slice(0, 10))) };
}

function latencyChart(groups, from, to, plots) {
  const card = chartCard('wa.analytics.latency', 'wa.analytics.latencyHint',
    ['wa.analytics.day', 'wa.analytics.sdP50', 'wa.analytics.sdP95', 'wa.analytics.drP50', 'wa.analytics.drP95'],
    groups.map((g) => [fmtDay(g.key), duration(g.latencyMs.sentToDeliveredP50), duration(g.latencyMs.sentToDeliveredP95),
      duration(g.latencyMs.deliveredToReadP50), duration(g.latencyMs.deliveredToReadP95)]));
  const any = groups.some((g) => g.latencyMs.sentToDeliveredP50 != null || g.latencyMs.deliveredToReadP50 != null);
  if (!any) {
    card.box.replaceWith(stateBlock('empty', 'wa.analytics.noLatency'));
    return card.el;
  }
  const series = [
    ['wa.analytics.sdP50', 'sentToDeliveredP50', COLORS[0], []],
    ['wa.analytics.sdP95', 'sentToDeliveredP95', COLORS[0], [6, 4]],
    ['wa.analytics.drP50', 'deliveredToReadP50', COLORS[1], []],
    ['wa.analytics.drP95', 'deliveredToReadP95', COLORS[1], [6, 4]],
  ];
  const days = daysOf(from, to);
  const byDay = new Map(groups.map((g) => [g.key, g]));
  requestAnimationFrame(() => plot(card.box, {
    ...dayOptions(days, (v) => duration(v * 1000)),
    series: [dayLegend(),
      ...series.map(([key, , color, dash]) => ({ label: t(key), stroke: color, width: 2, dash, spanGaps: true,
        value: (u, v) => duration(v == null ? null : v * 1000), points: { size: 5 } }))],
  }, [days.map(dayTime), ...series.map(([, field]) => days.map((d) => secs(byDay.get(d)?.latencyMs[field])))], plots));
  return card.el;
}

function quotaChart(quota, from, to, plots) {
  const devices = [...new Set(quota.map((q) => q.device ?? '-'))];
  const days = daysOf(from, to);
  const units = new Map(quota.map((q) => [`${q.device ?? '-'} ${q.day}`, q.units]));
  const card = chartCard('wa.analytics.quota', 'wa.analytics.quotaHint',
    ['wa.analytics.day', ...devices.map(() => 'wa.field.device')],
    days.map((d) => [fmtDay(d), ...devices.map((dev) => fmt.number(units.get(`${dev} ${d}`) ?? 0))]));
  // The table's device columns carry the device's name, not the word "device".
  card.el.querySelectorAll('thead th').forEach((th, i) => { if (i) th.textContent = devices[i - 1]; });
  if (!quota.length) {
    card.box.replaceWith(stateBlock('empty', 'wa.analytics.noQuota'));
    return card.el;
  }
  requestAnimationFrame(() => plot(card.box, {
    ...dayOptions(days, (v) => fmt.number(v)),
    series: [dayLegend(),
      ...devices.map((dev, i) => ({ label: dev, stroke: COLORS[i % COLORS.length], fill: `${COLORS[i % COLORS.length]}22`, width: 2,
        value: (u, v) => fmt.number(v), points: { size: 5 } }))],
  }, [days.map(dayTime), ...devices.map((dev) => days.map((d) => units.get(`${dev} ${d}`) ?? 0))], plots));
  return card.el;
}
