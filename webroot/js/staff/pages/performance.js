// Performance: how each node of the hub is doing, now and over the last hour, and what costs the database most.
// ui.metrics brings a sample per node every 5 s (its snapshot: the last hour of every node); the slowest
// statements come from GET /api/v1/ops/statements (pg_stat_statements), refreshed every minute while shown.
// One node at a time (?node=…), picked from the nodes that reported; times in WIB.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h, fmt, stateBlock } from '../../dom.js';
import { setText, t } from '../../i18n.js';
import { ApiError } from '../../api.js';

const HOUR_S = 3600;
const SAMPLE_S = 5;
/** More than two samples missing: the lines break instead of bridging an outage. */
const GAP_S = 3 * SAMPLE_S;
/** A node whose last sample is older than this is shown as not reporting. */
const SILENT_S = 20;
const STATEMENTS_EVERY_MS = 60_000;
const ZONE = 'Asia/Jakarta';
const C = { blue: '#0b5cad', teal: '#0e7c6b', amber: '#b25e00', red: '#b42318', grey: '#7b8797', violet: '#6941c6' };

const ms = (v) => (v == null ? '—' : `${fmt.number(v, v < 10 ? 1 : 0)} ms`);
const perSecond = (v) => (v == null ? '—' : `${fmt.number(v, v < 10 ? 1 : 0)}/s`);
const count = (v) => fmt.number(v);

// Tick steps per kind of figure: whole numbers for counts, binary units for bytes (so ticks read 128 MB, not 90,7 MB).
const DECIMAL = [1, 2, 5].flatMap((m) => [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((e) => m * 10 ** e)).sort((a, b) => a - b);
const INCRS = {
  count: DECIMAL.filter((v) => v >= 1),
  bytes: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].flatMap((m) => [1, 1024, 1024 ** 2, 1024 ** 3].map((u) => m * u)).sort((a, b) => a - b),
};

// Each chart: its series (a sample field, a label, a colour, a formatter, optionally its own scale or a dash).
const CHARTS = [
  { id: 'http', title: 'performance.chart.http', hint: 'performance.chart.httpHint', series: [
    { key: 'httpRequestsPerSecond', label: 'performance.series.requests', color: C.blue, format: perSecond, scale: 'rate', fill: true },
    { key: 'httpP95Ms', label: 'performance.series.p95', color: C.amber, format: ms, scale: 'ms' }] },
  { id: 'lag', title: 'performance.chart.lag', hint: 'performance.chart.lagHint', series: [
    { key: 'eventLoopLagMs', label: 'performance.series.lag', color: C.violet, format: ms, fill: true }] },
  { id: 'heap', title: 'performance.chart.heap', hint: 'performance.chart.heapHint', range: heapRange, series: [
    { key: 'heapUsedBytes', label: 'performance.series.heapUsed', color: C.teal, format: fmt.bytes, fill: true, incrs: 'bytes' },
    { key: 'heapMaxBytes', label: 'performance.series.heapMax', color: C.grey, format: fmt.bytes, dash: true }] },
  { id: 'cpu', title: 'performance.chart.cpu', hint: 'performance.chart.cpuHint', max: 1, floor: 0.09, series: [
    { key: 'cpu', label: 'performance.series.cpu', color: C.blue, format: (v) => fmt.percent(v, 0), fill: true }] },
  { id: 'pg', title: 'performance.chart.pg', hint: 'performance.chart.pgHint', series: [
    { key: 'pgInUse', label: 'performance.series.pgInUse', color: C.teal, format: count, fill: true, incrs: 'count' },
    { key: 'pgSize', label: 'performance.series.pgSize', color: C.grey, format: count, dash: true },
    { key: 'pgWaiting', label: 'performance.series.pgWaiting', color: C.red, format: count }] },
  { id: 'redis', title: 'performance.chart.redis', hint: 'performance.chart.redisHint', series: [
    { key: 'redisMs', label: 'performance.series.redis', color: C.red, format: ms, fill: true }] },
  { id: 'sockets', title: 'performance.chart.sockets', hint: 'performance.chart.socketsHint', series: [
    { key: 'sockets', label: 'performance.series.sockets', color: C.blue, format: count, fill: true, incrs: 'count' }] },
];

const ORDERS = ['mean', 'total', 'calls'];

export default {
  title: 'console.nav.performance',
  dictionary: 'performance',
  async render(root, { bus, api, params, setParams, actions }) {
    const stops = [];
    const byNode = new Map(); // nodeId -> samples, oldest first
    let selected = params.get('node');
    let snapshotSeen = false;

    const picker = h('div', { class: 'perf-nodes', role: 'group', 'aria-label': t('performance.nodes'), 'data-i18n-aria-label': 'performance.nodes' });
    const silentNote = h('p', { class: 'alert alert-warn perf-silent', role: 'status', hidden: true });
    const now = h('div', { class: 'perf-now', 'aria-live': 'off' }, stateBlock('loading', 'common.loading'));
    const charts = h('div', { class: 'perf-charts' });
    const chartsState = h('div', { class: 'perf-charts-state' }, stateBlock('loading', 'common.loading'));

    root.append(
      h('header', { class: 'page-head' },
        h('h1', { class: 'page-title', i18n: 'performance.title' }),
        h('p', { class: 'page-lead muted', i18n: 'performance.lead' })),
      h('section', { class: 'perf-node-bar', 'aria-labelledby': 'perf-node-label' },
        h('span', { id: 'perf-node-label', class: 'perf-node-label', i18n: 'performance.node' }), picker),
      silentNote, now, chartsState, charts);

    // ---- charts -------------------------------------------------------------------------------------------
    let plots = [];
    const buildCharts = () => {
      plots.forEach((p) => { resize.unobserve(p.box); p.plot.destroy(); });
      plots = CHARTS.map((spec) => chart(spec));
      charts.replaceChildren(...plots.map((p) => p.card));
      redraw();
    };
    const resize = new ResizeObserver(() => plots.forEach((p) => p.fit()));
    stops.push(() => resize.disconnect());
    stops.push(() => plots.forEach((p) => p.plot.destroy()));

    function chart(spec) {
      const box = h('div', { class: 'perf-plot' });
      const card = h('section', { class: `card perf-chart perf-chart-${spec.id}` },
        h('h2', { i18n: spec.title }), box, h('p', { class: 'perf-hint muted', i18n: spec.hint }));
      const scales = { x: { time: true, range: () => lastHour() } };
      const axes = [{ stroke: '#566273', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#d9e0e8' },
        values: (u, ticks) => ticks.map(clock) }];
      const scaleNames = [...new Set(spec.series.map((s) => s.scale ?? 'y'))];
      scaleNames.forEach((name, i) => {
        const first = spec.series.find((s) => (s.scale ?? 'y') === name);
        scales[name] = { range: spec.range ?? ((u, min, max) => [0, Math.min(spec.max ?? Infinity, niceMax(Math.max(max, spec.floor ?? 0)))]) };
        axes.push({
          scale: name, side: i === 0 ? 3 : 1, stroke: first.color, incrs: first.incrs ? INCRS[first.incrs] : undefined,
          // As wide as its longest label: "512 MB" and "2,5/s" alike, never clipped.
          size: (u, values) => 16 + 7 * Math.max(3, ...(values ?? []).map((v) => String(v).length)),
          grid: { show: i === 0, stroke: '#eef1f5' }, ticks: { stroke: '#d9e0e8' },
          values: (u, ticks) => ticks.map((v) => first.format(v)),
        });
      });
      const plot = new uPlot({
        width: 300, height: 170,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), ZONE),
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        scales, axes,
        series: [
          { label: t('performance.series.time'), value: (u, ts) => (ts == null ? '—' : fmt.time(new Date(ts * 1000).toISOString())) },
          ...spec.series.map((s) => ({
            label: t(s.label), scale: s.scale ?? 'y', stroke: s.color, width: 2, spanGaps: false,
            dash: s.dash ? [6, 4] : undefined,
            fill: s.fill ? `${s.color}1f` : undefined,
            points: { show: false },
            value: (u, v) => (v == null ? '—' : s.format(v)),
          })),
        ],
      }, [[], ...spec.series.map(() => [])], box);
      resize.observe(box);
      const fit = () => {
        const width = Math.max(220, box.clientWidth);
        if (width !== plot.width) plot.setSize({ width, height: width < 420 ? 150 : 170 });
      };
      requestAnimationFrame(fit);
      return { spec, plot, card, box, fit };
    }

    // The x range is always the last hour, so a node that just started shows how little it has.
    function lastHour() {
      const end = Date.now() / 1000;
      return [end - HOUR_S, end];
    }

    function redraw() {
      const samples = byNode.get(selected) ?? [];
      const xs = [];
      const columns = new Map();
      CHARTS.forEach((spec) => spec.series.forEach((s) => columns.set(s.key, [])));
      let previous = null;
      for (const sample of samples) {
        const x = Date.parse(sample.at) / 1000;
        if (previous != null && x - previous > GAP_S) {
          xs.push(previous + SAMPLE_S); // a break in the lines where samples are missing
          columns.forEach((col) => col.push(null));
        }
        xs.push(x);
        columns.forEach((col, key) => col.push(sample[key] ?? null));
        previous = x;
      }
      for (const p of plots) p.plot.setData([xs, ...p.spec.series.map((s) => columns.get(s.key))]);
    }

    // ---- nodes and current values --------------------------------------------------------------------------
    let pickerShows = null;
    function showNodes(focus = false) {
      const ids = [...byNode.keys()].sort();
      if (!ids.length) {
        pickerShows = null;
        picker.replaceChildren(h('span', { class: 'muted', i18n: 'performance.noNodes' }));
        return;
      }
      if (!selected || !byNode.has(selected)) {
        selected = ids[0];
      }
      // Rebuilt only when something it shows changed, so a keyboard user's focus stays where it is.
      const shows = JSON.stringify([selected, ids.map((id) => [id, ageSeconds(id) > SILENT_S])]);
      if (shows === pickerShows) return;
      pickerShows = shows;
      picker.replaceChildren(...ids.map((id) => {
        const silent = ageSeconds(id) > SILENT_S;
        return h('button', {
          type: 'button', class: `perf-node${silent ? ' is-silent' : ''}`, 'aria-pressed': String(id === selected), title: id,
          on: { click: () => { selected = id; setParams({ node: id }); showNodes(true); showNow(); redraw(); } },
        }, h('span', { class: 'perf-node-dot', 'aria-hidden': 'true' }), shortId(id),
        silent ? h('span', { class: 'visually-hidden', i18n: 'performance.silentShort' }) : null);
      }));
      if (focus) picker.querySelector('[aria-pressed="true"]')?.focus();
    }

    function ageSeconds(id) {
      const samples = byNode.get(id);
      return samples?.length ? (Date.now() - Date.parse(samples[samples.length - 1].at)) / 1000 : Infinity;
    }

    function showNow() {
      const samples = byNode.get(selected);
      const last = samples?.[samples.length - 1];
      if (!last) {
        now.replaceChildren(stateBlock('empty', 'performance.noSamples'));
        silentNote.hidden = true;
        return;
      }
      const silent = ageSeconds(selected) > SILENT_S;
      silentNote.hidden = !silent;
      if (silent) setText(silentNote, 'performance.silent', { node: shortId(selected), time: fmt.dateTime(last.at), ago: fmt.relative(last.at) });
      const heapShare = last.heapMaxBytes ? last.heapUsedBytes / last.heapMaxBytes : null;
      const pgShare = last.pgSize ? last.pgInUse / last.pgSize : null;
      now.replaceChildren(
        stat('performance.now.requests', perSecond(last.httpRequestsPerSecond), null, null),
        stat('performance.now.p95', ms(last.httpP95Ms), null, tone(last.httpP95Ms, 500, 2000)),
        stat('performance.now.lag', ms(last.eventLoopLagMs), null, tone(last.eventLoopLagMs, 100, 500)),
        stat('performance.now.cpu', fmt.percent(last.cpu, 0), null, tone(last.cpu, 0.7, 0.9)),
        stat('performance.now.heap', fmt.bytes(last.heapUsedBytes),
          last.heapMaxBytes ? ['performance.now.heapOf', { max: fmt.bytes(last.heapMaxBytes), share: fmt.percent(heapShare, 0) }] : null,
          tone(heapShare, 0.8, 0.9)),
        stat('performance.now.pg', `${fmt.number(last.pgInUse)} / ${fmt.number(last.pgSize)}`,
          ['performance.now.pgWaiting', { n: fmt.number(last.pgWaiting) }],
          last.pgWaiting > 0 ? 'warn' : tone(pgShare, 0.8, 1)),
        stat('performance.now.redis', last.redisMs == null ? t('performance.now.redisDown') : ms(last.redisMs), null,
          last.redisMs == null ? 'down' : tone(last.redisMs, 20, 100)),
        stat('performance.now.sockets', count(last.sockets), null, null),
        h('p', { class: 'perf-now-at muted', i18n: ['performance.now.at', { time: fmt.time(last.at) }] }));
    }

    // ---- the stream ------------------------------------------------------------------------------------------
    function add(sample) {
      let list = byNode.get(sample.nodeId);
      if (!list) byNode.set(sample.nodeId, (list = []));
      list.push(sample);
    }

    function trim() {
      const from = Date.now() - HOUR_S * 1000;
      for (const [id, list] of byNode) {
        const keep = list.filter((s) => Date.parse(s.at) >= from);
        if (keep.length) byNode.set(id, keep);
        else byNode.delete(id);
      }
    }

    function refresh() {
      showNodes();
      showNow();
      if (!byNode.size) {
        chartsState.replaceChildren(stateBlock('empty', 'performance.noSamples'));
        charts.hidden = true;
        return;
      }
      chartsState.replaceChildren();
      charts.hidden = false;
      if (!plots.length) buildCharts();
      else redraw();
    }

    stops.push(bus.watch('ui.metrics', {
      snapshot(frame) {
        byNode.clear();
        frame.data.samples.forEach(add);
        snapshotSeen = true;
        trim();
        refresh();
      },
      frame(frame) {
        add(frame.data);
        trim();
        refresh();
      },
      denied() {
        now.replaceChildren();
        charts.hidden = true;
        chartsState.replaceChildren(stateBlock('error', 'console.page.forbidden'));
      },
    }));
    // Keeps "not reporting" and the hour's window honest between frames.
    const ageing = setInterval(() => { if (snapshotSeen) { trim(); refresh(); } }, 15_000);
    stops.push(() => clearInterval(ageing));
    const relabel = () => { if (snapshotSeen) refresh(); if (plots.length) buildCharts(); };
    document.addEventListener('i18n:change', relabel);
    stops.push(() => document.removeEventListener('i18n:change', relabel));

    // ---- slowest statements ------------------------------------------------------------------------------
    const statements = statementsSection(api, params.get('order'), (order) => setParams({ order: order === 'mean' ? null : order }));
    root.append(statements.el);
    stops.push(statements.stop);
    actions([{ id: 'perf.statements', label: t('performance.statements.refresh'), run: () => statements.load() }]);

    return () => stops.forEach((stop) => stop());
  },
};

function statementsSection(api, initialOrder, onOrder) {
  let order = ORDERS.includes(initialOrder) ? initialOrder : 'mean';
  let loading = null;
  let shown = null; // the last answer and when it came, re-rendered when the language changes
  const body = h('div', { class: 'perf-statements-body' }, stateBlock('loading', 'common.loading'));
  const meta = h('p', { class: 'perf-statements-meta muted', 'aria-live': 'polite' });
  const refreshButton = h('button', { type: 'button', class: 'btn btn-secondary btn-small', title: t('performance.statements.refresh'),
    on: { click: () => load() } },
    h('span', { 'aria-hidden': 'true' }, '↻ '), h('span', { i18n: 'performance.statements.reload' }));
  const orderButtons = ORDERS.map((o) => h('button', {
    type: 'button', 'aria-pressed': String(o === order), dataset: { order: o }, i18n: `performance.statements.order.${o}`,
    on: { click: () => { order = o; onOrder(o); orderButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.order === o))); load(); } },
  }));
  const el = h('section', { class: 'card perf-statements', 'aria-labelledby': 'perf-statements-title' },
    h('div', { class: 'perf-statements-head' },
      h('h2', { id: 'perf-statements-title', i18n: 'performance.statements.title' }),
      h('div', { class: 'perf-statements-tools' },
        h('div', { class: 'segmented', role: 'group', 'aria-label': t('performance.statements.orderLabel'),
          'data-i18n-aria-label': 'performance.statements.orderLabel' }, orderButtons),
        refreshButton)),
    h('p', { class: 'perf-hint muted', i18n: 'performance.statements.lead' }),
    meta, body);

  async function load() {
    if (loading) return loading;
    refreshButton.disabled = true;
    refreshButton.setAttribute('aria-busy', 'true');
    if (!body.querySelector('table')) body.replaceChildren(stateBlock('loading', 'common.loading'));
    loading = (async () => {
      try {
        shown = { answer: await api.get(`/api/v1/ops/statements?limit=10&order=${order}`), at: new Date().toISOString() };
        showAnswer(shown.answer, shown.at);
      } catch (err) {
        shown = null;
        meta.replaceChildren();
        body.replaceChildren(stateBlock('error',
          err instanceof ApiError && err.status === 403 ? 'console.page.forbidden' : 'performance.statements.failed', null,
          h('button', { class: 'btn btn-primary', type: 'button', i18n: 'common.retry', on: { click: () => load() } })));
      } finally {
        loading = null;
        refreshButton.disabled = false;
        refreshButton.removeAttribute('aria-busy');
      }
    })();
    return loading;
  }

  function showAnswer(answer, fetched) {
    if (!answer.available) {
      meta.replaceChildren();
      const known = ['not_installed', 'not_loaded', 'no_privilege'].includes(answer.reason);
      body.replaceChildren(h('div', { class: 'state state-unavailable', role: 'status' },
        h('p', { class: 'state-title', i18n: 'performance.statements.unavailable' }),
        h('p', known ? { i18n: `performance.statements.reason.${answer.reason}` } : { text: answer.message ?? '' }),
        known && answer.reason !== 'no_privilege' ? h('pre', { class: 'perf-fix mono' },
          "shared_preload_libraries = 'pg_stat_statements'",
          answer.reason === 'not_installed' ? '\ncreate extension pg_stat_statements;' : null) : null));
      return;
    }
    meta.replaceChildren(
      answer.countedSince ? h('span', { i18n: ['performance.statements.since', { time: fmt.dateTime(answer.countedSince) }] }) : null,
      answer.countedSince ? ' · ' : null,
      h('span', { i18n: ['performance.statements.updated', { time: fmt.time(fetched) }] }));
    if (!answer.items.length) {
      body.replaceChildren(stateBlock('empty', 'performance.statements.empty'));
      return;
    }
    const sortedBy = { mean: 'meanMs', total: 'totalMs', calls: 'calls' }[answer.order];
    const head = (key, field, num = true) => h('th', {
      scope: 'col', class: num ? 'num' : null, i18n: key, 'aria-sort': field === sortedBy ? 'descending' : null,
    });
    body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'data-table perf-statements-table' },
      h('thead', {}, h('tr', {},
        head('performance.statements.col.query', 'query', false), head('performance.statements.col.calls', 'calls'),
        head('performance.statements.col.mean', 'meanMs'), head('performance.statements.col.total', 'totalMs'),
        head('performance.statements.col.rows', 'rows'))),
      h('tbody', {}, answer.items.map((item) => h('tr', { 'data-row': '' },
        h('td', { class: 'perf-query' }, h('button', {
          type: 'button', class: 'perf-query-text mono', title: item.query, 'aria-expanded': 'false', 'data-open': '',
          on: { click: (e) => { const b = e.currentTarget; b.setAttribute('aria-expanded', String(b.getAttribute('aria-expanded') !== 'true')); } },
        }, item.query)),
        h('td', { class: 'num', 'data-label': t('performance.statements.col.calls') }, fmt.number(item.calls)),
        h('td', { class: 'num', 'data-label': t('performance.statements.col.mean') }, ms(item.meanMs)),
        h('td', { class: 'num', 'data-label': t('performance.statements.col.total') }, ms(item.totalMs)),
        h('td', { class: 'num', 'data-label': t('performance.statements.col.rows') }, fmt.number(item.rows))))))));
  }

  load();
  const timer = setInterval(() => { if (!document.hidden) load(); }, STATEMENTS_EVERY_MS);
  const relabel = () => { if (shown) showAnswer(shown.answer, shown.at); };
  document.addEventListener('i18n:change', relabel);
  return { el, load, stop: () => { clearInterval(timer); document.removeEventListener('i18n:change', relabel); } };
}

function stat(labelKey, value, sub, toneName) {
  return h('div', { class: 'card perf-stat', dataset: toneName ? { tone: toneName } : {} },
    h('p', { class: 'perf-stat-label', i18n: labelKey }),
    h('p', { class: 'big-number perf-stat-value', text: value }),
    sub ? h('p', { class: 'perf-stat-sub muted', i18n: sub }) : null);
}

/** 'warn' from `warnAt`, 'down' from `downAt`, none below (or when unknown). */
function tone(value, warnAt, downAt) {
  if (value == null || Number.isNaN(value)) return null;
  if (value >= downAt) return 'down';
  if (value >= warnAt) return 'warn';
  return null;
}

const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** A rounded top for a y scale, a little above the highest value, never flat at 0. */
function niceMax(max) {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max * 1.1));
  return NICE.find((m) => m * power >= max * 1.1) * power;
}

/** The same in bytes: a power of two, or one and a half of one (256 MB, 384 MB, 512 MB …), as the ticks step. */
function niceBytes(max) {
  const target = Math.max(1024, max * 1.1);
  let power = 1024;
  while (power * 2 < target) power *= 2;
  return power >= target ? power : power * 1.5 >= target ? power * 1.5 : power * 2;
}

/**
 * Heap: the scale follows what is used, so its rise and fall (the collector's saw) stays readable; the maximum
 * joins the picture once use comes within reach of it (above ~60 %), which is when it matters.
 */
function heapRange(u) {
  const peak = (i) => Math.max(0, ...(u.data[i] ?? []).filter((v) => v != null));
  const used = peak(1);
  const limit = peak(2);
  return [0, limit > 0 && used * 1.25 > limit * 0.6 ? niceBytes(limit) : niceBytes(used * 1.25)];
}

const CLOCK = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE });

/** "14.05": an axis tick in WIB, 24-hour as Indonesians write it. */
function clock(seconds) {
  return CLOCK.format(new Date(seconds * 1000));
}

function shortId(id) {
  return id.length > 12 ? id.slice(0, 8) : id;
}
