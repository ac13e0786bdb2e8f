// Antrean: what waits, by priority and by device (shared queue and each device's pinned messages), today's counts,
// and a live feed of status changes, all from ui.wa. The feed's filters (?status=…&device=…) stay in the URL.
import { h, fmt, label, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { PRIORITIES, jakartaDate, phoneText, statusBadge, seg } from './common.js';

const FEED_KEPT = 80;
const FEED_FILTERS = {
  all: null,
  problems: ['failed', 'dead', 'unknown'],
  sent: ['sent', 'delivered', 'read'],
  waiting: ['queued', 'scheduled', 'sending'],
};

export async function render(root, ctx, page) {
  const params = ctx.params;
  let filter = FEED_FILTERS[params.get('status')] !== undefined ? params.get('status') : 'all';
  let deviceFilter = params.get('device') ?? '';

  const priorities = card('wa.queue.byPriority');
  const byDevice = card('wa.queue.byDevice', 'wide');
  const today = card('wa.queue.today');
  const feed = card('wa.queue.feed', 'wide');
  root.append(h('div', { class: 'tiles wa-queue' }, priorities.el, byDevice.el, feed.el, today.el));

  const statusSelect = h('select', { id: 'wa-feed-status', on: { change: () => { filter = statusSelect.value; ctx.setParams({ status: filter === 'all' ? null : filter }); showFeed(); } } },
    Object.keys(FEED_FILTERS).map((key) => h('option', { value: key, selected: key === filter, i18n: `wa.queue.feedFilter.${key}` })));
  const deviceSelect = h('select', { id: 'wa-feed-device', on: { change: () => { deviceFilter = deviceSelect.value; ctx.setParams({ device: deviceFilter || null }); showFeed(); } } },
    h('option', { value: '', i18n: 'wa.queue.allDevices' }));
  const skippedNote = h('p', { class: 'muted small', hidden: true });
  const feedList = h('div', { class: 'feed-body' }, stateBlock('loading', 'common.loading'));
  feed.body.replaceChildren(
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'wa-feed-status', i18n: 'wa.queue.feedShow' }), statusSelect),
      h('div', { class: 'field' }, h('label', { for: 'wa-feed-device', i18n: 'wa.field.device' }), deviceSelect)),
    skippedNote, feedList);

  let items = [];
  let skipped = 0;
  let devices = [];

  function showPriorities(depth) {
    const total = PRIORITIES.reduce((sum, p) => sum + (depth?.[p] ?? 0), 0);
    priorities.body.replaceChildren(
      h('p', { class: 'big-number', text: fmt.number(total) }),
      h('p', { class: 'muted', i18n: 'wa.queue.waiting' }),
      h('ul', { class: 'bar-list' }, PRIORITIES.map((p) => {
        const n = depth?.[p] ?? 0;
        return h('li', {},
          h('span', { class: 'bar-label' }, h('span', { class: `prio prio-${p}`, text: label('console.priority', p) })),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, seg(`bar-fill bar-${p}`, total ? (100 * n) / total : 0)),
          h('strong', { class: 'bar-value', text: fmt.number(n) }));
      })));
  }

  function showByDevice(queues) {
    if (!queues) {
      byDevice.body.replaceChildren(stateBlock('empty', 'wa.queue.noSplit'));
      return;
    }
    const names = Object.keys(queues);
    const state = new Map(devices.map((d) => [d.device, d]));
    byDevice.body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'data-table compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', i18n: 'wa.queue.queueName' }),
        PRIORITIES.map((p) => h('th', { scope: 'col', class: 'num', text: label('console.priority', p) })),
        h('th', { scope: 'col', class: 'num', i18n: 'wa.queue.total' }))),
      h('tbody', {}, names.map((name) => {
        const q = queues[name];
        const d = state.get(name);
        const total = PRIORITIES.reduce((sum, p) => sum + (q[p] ?? 0), 0);
        return h('tr', {},
          h('th', { scope: 'row' },
            name === 'shared' ? h('span', { i18n: 'wa.queue.shared' }) : h('span', { class: 'mono', text: d?.sandbox ? 'sandbox' : name }),
            d?.paused ? h('span', { class: 'badge badge-warn', title: d.pausedReason ?? '', i18n: 'console.device.paused' }) : null),
          PRIORITIES.map((p) => h('td', { class: 'num', text: fmt.number(q[p] ?? 0) })),
          h('td', { class: 'num' }, h('strong', { text: fmt.number(total) })));
      })))),
    h('p', { class: 'muted small', i18n: 'wa.queue.sharedHint' }));
  }

  function showToday(totals = {}) {
    const groups = [
      ['sent', ['sent'], 'sent,delivered,read'],
      ['delivered', ['delivered'], 'delivered,read'],
      ['read', ['read'], 'read'],
      ['failed', ['failed', 'dead'], 'failed,dead'],
      ['unknown', ['unknown'], 'unknown'],
      ['cancelled', ['cancelled'], 'cancelled'],
    ];
    // totals count the messages that reached each status today (a read message also reached sent and delivered).
    today.body.replaceChildren(h('ul', { class: 'stat-list' }, groups.map(([key, counted, query]) => h('li', {},
      h('a', { href: `#/whatsapp/messages?status=${query}&since=${jakartaDate()}`, text: label('console.status', key) }),
      h('strong', { class: 'stat', text: fmt.number(counted.reduce((sum, s) => sum + (totals[s] ?? 0), 0)) })))),
    h('p', { class: 'muted small', i18n: 'wa.queue.todayHint' }));
  }

  function visible() {
    const wanted = FEED_FILTERS[filter];
    return items.filter((item) => (!wanted || (item.kind === 'message' && wanted.includes(item.status)))
      && (!deviceFilter || item.device === deviceFilter));
  }

  function showFeed() {
    const shown = visible();
    skippedNote.hidden = skipped === 0;
    if (skipped) skippedNote.textContent = t('wa.queue.skipped', { n: fmt.number(skipped) });
    if (!shown.length) {
      feedList.replaceChildren(stateBlock('empty', items.length ? 'wa.queue.feedNoneFiltered' : 'wa.queue.feedEmpty'));
      return;
    }
    feedList.replaceChildren(h('ol', { class: 'feed wa-feed' }, shown.map((item) => item.kind === 'device'
      ? h('li', { class: 'feed-item', 'data-row': '' },
        h('time', { datetime: item.at, text: fmt.time(item.at) }),
        h('span', { i18n: [item.paused ? 'console.feed.devicePaused' : 'console.feed.deviceResumed', { device: item.device }] }),
        h('span', { class: `badge ${item.paused ? 'badge-warn' : 'badge-up'}`, i18n: item.paused ? 'console.device.paused' : 'console.device.active' }))
      : h('li', { class: 'feed-item', 'data-row': '' },
        h('time', { datetime: item.at, text: fmt.time(item.at) }),
        h('span', { class: 'feed-what' },
          h('a', { href: `#/whatsapp/messages/${item.id}`, 'data-open': '', class: 'mono', text: phoneText(item.to) }),
          item.lastError && ['failed', 'dead', 'unknown'].includes(item.status) ? h('span', { class: 'muted small feed-error', text: item.lastError }) : null,
          item.batchId ? h('a', { class: 'small', href: `#/whatsapp/batches?batch=${item.batchId}`, i18n: 'wa.queue.inBatch' }) : null),
        statusBadge(item.status)))));
  }

  function fillDevices(list) {
    devices = list;
    const current = deviceSelect.value;
    deviceSelect.replaceChildren(h('option', { value: '', i18n: 'wa.queue.allDevices' }),
      list.map((d) => h('option', { value: d.device, selected: d.device === (current || deviceFilter), text: d.sandbox ? 'sandbox' : d.device })));
  }

  const stop = ctx.bus.watch('ui.wa', {
    snapshot(frame) {
      fillDevices(frame.data.devices ?? []);
      showPriorities(frame.data.queue);
      showByDevice(frame.data.queueByDevice);
      showToday(frame.totals);
      items = (frame.data.recent ?? []).map((m) => ({ kind: 'message', id: m.id, to: m.to, status: m.status, device: m.device,
        batchId: m.batchId, lastError: m.lastError, at: m.updatedAt ?? m.createdAt }));
      skipped = 0;
      showFeed();
    },
    frame(frame) {
      if (frame.data.queue) showPriorities(frame.data.queue);
      if (frame.data.queueByDevice) showByDevice(frame.data.queueByDevice);
      showToday(frame.totals);
      const fresh = [...(frame.data.feed ?? [])].reverse();
      if (fresh.length) {
        items = fresh.concat(items).slice(0, FEED_KEPT);
        skipped += frame.data.skipped ?? 0;
        showFeed();
      }
      if (frame.data.devices) refreshDeviceStates();
    },
    denied() { root.replaceChildren(stateBlock('error', 'console.page.forbidden')); },
  });

  async function refreshDeviceStates() {
    try {
      const answer = await ctx.api.get('/api/v1/live/snapshot?streams=ui.wa');
      const data = answer.streams['ui.wa'].data;
      fillDevices(data.devices);
      showByDevice(data.queueByDevice);
    } catch {
      // the next frame that names devices tries again
    }
  }

  page.actions([
    { id: 'wa.queue.problems', label: t('wa.queue.action.problems'), run: () => { statusSelect.value = 'problems'; statusSelect.dispatchEvent(new Event('change')); } },
    { id: 'wa.queue.all', label: t('wa.queue.action.all'), run: () => { statusSelect.value = 'all'; statusSelect.dispatchEvent(new Event('change')); } },
  ]);
  return stop;
}

function card(titleKey, kind = '') {
  const body = h('div', { class: 'tile-body' }, stateBlock('loading', 'common.loading'));
  const el = h('section', { class: `card tile ${kind === 'wide' ? 'tile-wide' : ''}` }, h('h2', { i18n: titleKey }), body);
  return { el, body };
}
