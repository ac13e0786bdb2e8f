// Overview: what a NOC or CS shift looks at all day. The alerts firing now, the open tickets (breached, close to
// breaching, unassigned, mine), the installations in progress, WhatsApp queue and throughput, today's delivery, the
// devices, the latest activity and the cluster's nodes, all live (ui.alerts, ui.tickets, ui.installations, ui.wa,
// ui.ops). Technicians see their own tickets and installations.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { fill, h, fmt, label, stateBlock } from '../../dom.js';
import { setText } from '../../i18n.js';
import { api } from '../../api.js';
import { openAlerts } from '../alerts/store.js';
import { ticketSummary } from '../tickets/summary.js';
import { ACTIVE, STAGES } from '../tickets/common.js';
import { wibLocal } from '../alerts/common.js';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const BUCKET_MS = 10_000;
const BUCKETS = 30; // five minutes of throughput
const FEED = 12;

export default {
  title: 'console.nav.overview',
  dictionary: 'tickets',
  async render(root, { bus, can, navigate }) {
    const seesWa = can('admin', 'supervisor', 'cs', 'noc');
    const seesOps = seesWa;
    root.append(
      h('header', { class: 'page-head' },
        h('h1', { class: 'page-title', i18n: 'console.overview.title' }),
        h('p', { class: 'page-lead muted', i18n: 'console.overview.lead' })));
    const stops = [];
    const grid = h('div', { class: 'tiles' });
    root.append(grid);
    const installations = installationsTile(bus, seesWa);
    stops.push(installations.stop);
    if (!seesWa) {
      const mine = myTicketsTile();
      grid.append(mine.el, installations.el);
      return () => stops.forEach((stop) => stop());
    }

    const alerts = alertsTile();
    const tickets = ticketsTile();
    grid.append(alerts.el, tickets.el, installations.el);
    stops.push(alerts.stop, tickets.stop);

    const queue = tile('console.overview.queue', 'queue');
    const throughput = tile('console.overview.throughput', 'throughput');
    const today = tile('console.overview.today', 'today');
    const devices = tile('console.overview.devices', 'devices');
    const feed = tile('console.overview.feed', 'feed wide');
    const nodes = tile('console.overview.nodes', 'nodes');
    grid.append(queue.el, throughput.el, today.el, devices.el, feed.el, nodes.el);

    // Throughput: messages that reached "sent", in 10-second buckets over the last five minutes.
    const buckets = new Map();
    const chart = sparkline(throughput.body);
    const addSent = (at, n) => {
      const b = Math.floor(new Date(at).getTime() / BUCKET_MS) * BUCKET_MS;
      buckets.set(b, (buckets.get(b) ?? 0) + n);
    };
    const redraw = () => {
      const now = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
      const xs = [];
      const ys = [];
      for (let i = BUCKETS - 1; i >= 0; i--) {
        const b = now - i * BUCKET_MS;
        xs.push(b / 1000);
        ys.push((buckets.get(b) ?? 0) * (60_000 / BUCKET_MS));
      }
      for (const b of buckets.keys()) if (b < now - BUCKETS * BUCKET_MS) buckets.delete(b);
      chart.plot.setData([xs, ys]);
      setText(chart.caption, 'console.overview.perMinute', { n: fmt.number(ys[ys.length - 1]) });
    };
    const ticker = setInterval(redraw, 2_000);
    stops.push(() => clearInterval(ticker));

    let feedItems = [];
    const showQueue = (depth) => queue.body.replaceChildren(h('ul', { class: 'stat-list' },
      PRIORITIES.map((p) => h('li', {}, h('span', { class: `prio prio-${p}`, text: label('console.priority', p) }),
        h('strong', { class: 'stat', text: fmt.number(depth?.[p] ?? 0) })))));
    const showToday = (totals) => {
      const sent = totals.sent ?? 0;
      const delivered = totals.delivered ?? 0;
      today.body.replaceChildren(
        h('p', { class: 'big-number', text: sent ? fmt.percent(delivered / sent) : '—' }),
        h('p', { class: 'muted', i18n: 'console.overview.deliveryRate' }),
        h('ul', { class: 'stat-list compact' },
          ['sent', 'delivered', 'read', 'failed'].map((s) => h('li', {}, h('span', { text: label('console.status', s) }),
            h('strong', { text: fmt.number(totals[s] ?? 0) })))));
    };
    const showDevices = (list) => devices.body.replaceChildren(list.length ? h('ul', { class: 'device-list' },
      list.map((d) => h('li', {},
        h('span', { class: 'mono', text: d.sandbox ? 'sandbox' : d.device }),
        h('span', { class: `badge ${d.paused ? 'badge-warn' : 'badge-up'}`, i18n: d.paused ? 'console.device.paused' : 'console.device.active' }),
        h('span', { class: 'muted', i18n: ['console.device.sendsToday', { n: fmt.number(d.sendsToday) }] }))))
      : stateBlock('empty', 'console.overview.noDevices'));
    const showFeed = () => feed.body.replaceChildren(feedItems.length ? h('ol', { class: 'feed' },
      feedItems.map((item) => h('li', { class: `feed-item status-${item.status ?? 'device'}` },
        h('time', { datetime: item.at, text: fmt.time(item.at) }),
        item.kind === 'device'
          ? h('span', { i18n: [item.paused ? 'console.feed.devicePaused' : 'console.feed.deviceResumed', { device: item.device }] })
          : h('a', { href: `#/whatsapp/messages/${item.id}`, class: 'mono', text: item.to }),
        item.kind === 'device' ? null : h('span', { class: `badge status status-${item.status}`, text: label('console.status', item.status) }))))
      : stateBlock('empty', 'console.overview.noActivity'));

    let waData = null;
    stops.push(bus.watch('ui.wa', {
      snapshot(frame) {
        waData = frame.data;
        showQueue(frame.data.queue);
        showToday(frame.totals);
        showDevices(frame.data.devices);
        feedItems = frame.data.recent.slice(0, FEED).map((m) => ({ kind: 'message', id: m.id, to: m.to, status: m.status, at: m.updatedAt ?? m.createdAt }));
        showFeed();
        redraw();
      },
      frame(frame) {
        if (frame.data.queue) showQueue(frame.data.queue);
        showToday(frame.totals);
        if (frame.data.counts?.sent) addSent(frame.at, frame.data.counts.sent);
        feedItems = [...frame.data.feed].reverse().concat(feedItems).slice(0, FEED);
        showFeed();
        if (frame.data.devices && waData) refreshDevices(showDevices);
      },
      denied() { grid.replaceChildren(stateBlock('error', 'console.page.forbidden')); },
    }));

    if (seesOps) {
      let known = new Map();
      const showNodes = () => nodes.body.replaceChildren(known.size ? h('ul', { class: 'node-list' },
        [...known.values()].map((n) => h('li', {},
          h('span', { class: 'mono', title: n.nodeId, text: n.nodeId.length > 12 ? n.nodeId.slice(0, 8) : n.nodeId }),
          h('span', { class: `badge ${n.state === 'up' ? 'badge-up' : n.state === 'silent' ? 'badge-down' : 'badge-warn'}`, text: label('console.node', n.state) }),
          h('span', { class: 'muted', i18n: ['console.node.seen', { when: fmt.relative(n.seenAt) }] }))))
        : stateBlock('empty', 'console.overview.noNodes'));
      stops.push(bus.watch('ui.ops', {
        snapshot(frame) {
          known = new Map(frame.data.nodes.map((n) => [n.nodeId, n]));
          showNodes();
        },
        frame(frame) {
          if (frame.data.node) known.set(frame.data.node.nodeId, frame.data.node);
          showNodes();
        },
      }));
      const ageing = setInterval(showNodes, 15_000);
      stops.push(() => clearInterval(ageing));
    }

    root.addEventListener('click', (event) => {
      const link = event.target.closest('a[href^="#/"]');
      if (link) { event.preventDefault(); navigate(link.getAttribute('href')); }
    });
    return () => stops.forEach((stop) => stop());
  },
};

const SEVERITIES = ['critical', 'warning', 'info'];

/** How many alerts fire now (live, from the console's store of open alerts), linking to the alerts page. */
function alertsTile() {
  const { el, body } = tile('console.overview.alerts', 'alerts');
  const store = openAlerts();
  const show = () => {
    if (store.denied) {
      body.replaceChildren(stateBlock('error', 'console.page.forbidden'));
      return;
    }
    if (!store.ready) return;
    const open = store.list();
    const firing = open.filter((a) => a.state === 'firing');
    const pending = open.filter((a) => a.state === 'pending').length;
    const critical = firing.filter((a) => a.severity === 'critical').length;
    el.dataset.tone = critical ? 'down' : firing.length ? 'warn' : 'calm';
    fill(body,
      h('a', { class: 'alerts-tile-count', href: '#/alerts', 'data-alerts-firing': String(firing.length) },
        h('span', { class: 'big-number', text: fmt.number(firing.length) }),
        h('span', { class: 'muted', i18n: 'console.overview.alertsFiring' })),
      firing.length || pending ? h('ul', { class: 'stat-list compact' },
        SEVERITIES.map((s) => h('li', {}, h('span', { class: `sev-text sev-${s}`, i18n: `console.overview.severity.${s}` }),
          h('strong', { text: fmt.number(firing.filter((a) => a.severity === s).length) }))),
        pending ? h('li', {}, h('span', { i18n: 'console.overview.alertsPending' }), h('strong', { text: fmt.number(pending) })) : null) : null,
      h('a', { class: 'tile-link', href: '#/alerts', i18n: 'console.overview.alertsOpen' }));
  };
  show();
  return { el, stop: store.subscribe(show) };
}

/** The open tickets by SLA (live, from the console's ticket summary), linking to the queue filtered to each. */
function ticketsTile() {
  const { el, body } = tile('console.overview.tickets', 'tickets');
  const store = ticketSummary();
  const show = () => {
    if (store.denied) {
      body.replaceChildren(stateBlock('empty', 'console.overview.ticketsUnavailable'));
      return;
    }
    const s = store.summary;
    if (!s) return;
    const open = ACTIVE.reduce((n, status) => n + (s.byStatus?.[status] ?? 0), 0);
    const breached = s.bySla?.breached ?? 0;
    const warning = s.bySla?.warning ?? 0;
    el.dataset.tone = breached ? 'down' : warning ? 'warn' : 'calm';
    const line = (key, n, href, cls) => h('li', {}, h('a', { href, class: cls ?? null, i18n: key }), h('strong', { text: fmt.number(n) }));
    fill(body,
      h('a', { class: 'alerts-tile-count', href: '#/tickets', 'data-tickets-open': String(open) },
        h('span', { class: 'big-number', text: fmt.number(open) }),
        h('span', { class: 'muted', i18n: 'console.overview.ticketsOpen' })),
      h('ul', { class: 'stat-list compact' },
        line('console.overview.ticketsBreached', breached, '#/tickets?sla=breached', 'sev-text sev-critical'),
        line('console.overview.ticketsWarning', warning, '#/tickets?sla=warning', 'sev-text sev-warning'),
        line('console.overview.ticketsUnassigned', s.unassigned ?? 0, '#/tickets?assignee=none'),
        line('console.overview.ticketsMine', s.mine ?? 0, '#/tickets?assignee=me')),
      h('a', { class: 'tile-link', href: '#/tickets', i18n: 'console.overview.ticketsGo' }));
  };
  show();
  // Until the stream answers (or when the hub has no tickets yet), the summary is asked for directly once.
  if (!store.ready) {
    api.get('/api/v1/tickets/summary').then(() => {}).catch(() => { if (!store.ready) body.replaceChildren(stateBlock('empty', 'console.overview.ticketsUnavailable')); });
  }
  return { el, stop: store.subscribe(show) };
}

/** A technician's open tickets (the API gives them only theirs). */
function myTicketsTile() {
  const { el, body } = tile('console.overview.tickets', 'tickets');
  api.get(`/api/v1/tickets?status=${ACTIVE.join(',')}&limit=50`)
    .then(({ items = [] }) => fill(body,
      h('a', { class: 'alerts-tile-count', href: '#/tickets' },
        h('span', { class: 'big-number', text: fmt.number(items.length) }),
        h('span', { class: 'muted', i18n: 'console.overview.ticketsMineOpen' })),
      h('a', { class: 'tile-link', href: '#/tickets', i18n: 'console.overview.ticketsGo' })))
    .catch(() => body.replaceChildren(stateBlock('empty', 'console.overview.ticketsUnavailable')));
  return { el };
}

/** Installations in progress by stage, and how many are scheduled today (WIB); live from ui.installations. */
function installationsTile(bus, live) {
  const { el, body } = tile('console.overview.installations', 'installations');
  const open = STAGES.filter((s) => s !== 'activated');
  let timer = 0;
  const load = () => api.get(`/api/v1/installations?stage=${open.join(',')}&limit=200`)
    .then(({ items = [] }) => {
      const today = wibLocal(new Date()).slice(0, 10);
      const scheduledToday = items.filter((i) => i.scheduledAt && wibLocal(new Date(i.scheduledAt)).slice(0, 10) === today).length;
      fill(body,
        h('a', { class: 'alerts-tile-count', href: '#/installations' },
          h('span', { class: 'big-number', text: fmt.number(items.length) }),
          h('span', { class: 'muted', i18n: 'console.overview.installationsActive' })),
        h('ul', { class: 'stat-list compact' },
          open.map((s) => h('li', {}, h('a', { href: `#/installations?stage=${s}`, i18n: `inst.stage.${s}` }),
            h('strong', { text: fmt.number(items.filter((i) => i.stage === s).length) }))),
          h('li', {}, h('span', { i18n: 'console.overview.installationsToday' }), h('strong', { text: fmt.number(scheduledToday) }))),
        h('a', { class: 'tile-link', href: '#/installations', i18n: 'console.overview.installationsGo' }));
    })
    .catch(() => body.replaceChildren(stateBlock('empty', 'console.overview.installationsUnavailable')));
  load();
  const stop = live ? bus.watch('ui.installations', {
    frame() { clearTimeout(timer); timer = setTimeout(load, 1_000); },
  }) : () => {};
  return { el, stop: () => { clearTimeout(timer); stop(); } };
}

function tile(titleKey, kind) {
  const body = h('div', { class: 'tile-body' }, stateBlock('loading', 'common.loading'));
  const el = h('section', { class: `card tile tile-${kind.split(' ')[0]} ${kind.includes('wide') ? 'tile-wide' : ''}` },
    h('h2', { i18n: titleKey }), body);
  return { el, body };
}

function sparkline(host) {
  host.replaceChildren();
  const caption = h('p', { class: 'big-number' });
  const box = h('div', { class: 'spark' });
  host.append(caption, box, h('p', { class: 'muted', i18n: 'console.overview.throughputHint' }));
  const plot = new uPlot({
    width: 280, height: 70, legend: { show: false }, cursor: { show: false },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(6, max * 1.2)] } },
    axes: [{ show: false }, { show: false }],
    series: [{}, { stroke: '#0b5cad', fill: 'rgba(11,92,173,0.12)', width: 2 }],
  }, [[], []], box);
  new ResizeObserver(() => plot.setSize({ width: Math.max(160, box.clientWidth), height: 70 })).observe(box);
  return { plot, caption };
}

/** A device was paused or resumed: its list comes from the stream's snapshot (every role here may read it). */
async function refreshDevices(show) {
  try {
    const answer = await api.get('/api/v1/live/snapshot?streams=ui.wa');
    show(answer.streams['ui.wa'].data.devices);
  } catch {
    // the next frame that names devices tries again
  }
}
