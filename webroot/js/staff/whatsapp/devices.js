// Perangkat: each WhatsApp device's state, sends today against its limits, the provider's last quota, its pinned
// queue, and pause/resume for admin, supervisor and noc. Live from ui.wa: a frame that says devices changed refreshes
// them at once; sends refresh the counters at most every few seconds.
import { h, fmt, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { PRIORITIES, askText, confirmAction, errorState, errorText, may, notice, throttle, seg } from './common.js';

export async function render(root, ctx, page) {
  const operator = may.pauseDevices(ctx.can);
  const result = h('div', { 'aria-live': 'polite' });
  const grid = h('div', { class: 'device-grid' }, stateBlock('loading', 'common.loading'));
  root.append(result, grid);
  if (!operator) root.prepend(h('p', { class: 'muted small', i18n: 'wa.devices.readOnly' }));
  let devices = [];
  let queues = {};

  function show() {
    if (!devices.length) {
      grid.replaceChildren(stateBlock('empty', 'wa.devices.none'));
      return;
    }
    grid.replaceChildren(...devices.map(deviceCard));
    page.actions(operator ? devices.map((d) => ({
      id: `wa.device.${d.device}`,
      label: t(d.paused ? 'wa.devices.action.resume' : 'wa.devices.action.pause', { device: name(d) }),
      run: () => toggle(d),
    })) : []);
  }

  function deviceCard(d) {
    const perDay = d.limits?.perDay;
    const quota = quotaOf(d.lastQuota);
    const pinned = queues[d.device];
    const waiting = pinned ? PRIORITIES.reduce((sum, p) => sum + (pinned[p] ?? 0), 0) : null;
    return h('article', { class: `card device-card ${d.paused ? 'is-paused' : ''}`, 'data-row': '' },
      h('header', { class: 'device-head' },
        h('h2', { class: 'mono', text: name(d) }),
        d.sandbox ? h('span', { class: 'badge badge-neutral', i18n: 'wa.devices.sandbox' }) : null,
        h('span', { class: `badge ${d.paused ? 'badge-warn' : 'badge-up'}`, i18n: d.paused ? 'console.device.paused' : 'console.device.active' })),
      d.paused ? h('p', { class: 'device-reason', i18n: ['wa.devices.reason', { reason: d.pausedReason ?? '—' }] }) : null,
      h('div', { class: 'meter' },
        h('div', { class: 'meter-head' }, h('span', { i18n: 'wa.devices.sendsToday' }),
          h('strong', { text: perDay ? t('wa.ofTotal', { part: fmt.number(d.sendsToday), whole: fmt.number(perDay) }) : fmt.number(d.sendsToday) })),
        perDay ? h('div', { class: 'progress thin', role: 'img', 'aria-label': fmt.percent(d.sendsToday / perDay) },
          seg(`seg ${d.sendsToday / perDay > 0.9 ? 'seg-failed' : 'seg-sent'}`, (100 * d.sendsToday) / perDay)) : null),
      quota ? h('div', { class: 'meter' },
        h('div', { class: 'meter-head' }, h('span', { i18n: 'wa.devices.quota' }),
          h('strong', { text: quota.total ? t('wa.ofTotal', { part: fmt.number(quota.remaining), whole: fmt.number(quota.total) }) : fmt.number(quota.remaining) })),
        quota.total ? h('div', { class: 'progress thin', role: 'img', 'aria-label': fmt.percent(quota.remaining / quota.total) },
          seg(`seg ${quota.remaining / quota.total < 0.1 ? 'seg-failed' : 'seg-read'}`, (100 * quota.remaining) / quota.total)) : null,
        h('p', { class: 'muted small', i18n: 'wa.devices.quotaHint' }))
        : h('p', { class: 'muted small', i18n: 'wa.devices.noQuota' }),
      h('dl', { class: 'facts compact' },
        fact('wa.devices.limitMinute', fmt.number(d.limits?.perMinute)),
        fact('wa.devices.limitHour', fmt.number(d.limits?.perHour)),
        fact('wa.devices.limitDay', perDay ? fmt.number(perDay) : '—'),
        fact('wa.devices.gap', t('wa.devices.gapValue', { gap: seconds(d.limits?.minGapMs), jitter: seconds(d.limits?.jitterMs) })),
        fact('wa.devices.pinned', waiting == null ? '—' : fmt.number(waiting))),
      operator ? h('div', { class: 'form-actions' },
        h('button', { class: `btn ${d.paused ? 'btn-primary' : 'btn-secondary'}`, type: 'button', 'data-open': '',
          i18n: d.paused ? 'wa.devices.resume' : 'wa.devices.pause', on: { click: () => toggle(d) } })) : null);
  }

  async function toggle(d) {
    let request;
    if (d.paused) {
      const confirmed = await confirmAction({ title: t('wa.devices.resumeTitle', { device: name(d) }), body: t('wa.devices.resumeBody'), confirm: t('wa.devices.resume') });
      if (!confirmed) return;
      request = ctx.api.post(`/api/v1/wa/devices/${encodeURIComponent(d.device)}/resume`);
    } else {
      const reason = await askText({ title: t('wa.devices.pauseTitle', { device: name(d) }), fieldLabel: t('wa.devices.pauseReason'),
        hint: t('wa.devices.pauseHint'), confirm: t('wa.devices.pause') });
      if (reason == null) return;
      request = ctx.api.post(`/api/v1/wa/devices/${encodeURIComponent(d.device)}/pause`, reason ? { reason } : undefined);
    }
    try {
      const updated = await request;
      devices = devices.map((x) => (x.device === updated.device ? updated : x));
      show();
      notice(result, 'ok', t(updated.paused ? 'wa.devices.pausedNow' : 'wa.devices.resumedNow', { device: name(updated) }));
    } catch (err) {
      notice(result, 'error', errorText(err));
    }
  }

  async function refresh() {
    try {
      const answer = await ctx.api.get('/api/v1/live/snapshot?streams=ui.wa');
      const data = answer.streams['ui.wa'].data;
      devices = data.devices;
      queues = data.queueByDevice ?? {};
      show();
    } catch (err) {
      if (!devices.length) grid.replaceChildren(errorState(err, refresh));
    }
  }
  const soon = throttle(refresh, 5000);

  const stop = ctx.bus.watch('ui.wa', {
    snapshot(frame) {
      devices = frame.data.devices ?? [];
      queues = frame.data.queueByDevice ?? {};
      show();
    },
    frame(frame) {
      if (frame.data.queueByDevice) queues = frame.data.queueByDevice;
      if (frame.data.devices) refresh();
      else if (frame.data.counts?.sent) soon();
      else if (frame.data.queueByDevice) show();
    },
    denied() { grid.replaceChildren(stateBlock('error', 'console.page.forbidden')); },
  });
  return () => { stop(); soon.cancel(); };
}

function name(d) {
  return d.sandbox ? 'sandbox' : d.device;
}

function fact(key, value) {
  return h('div', {}, h('dt', { i18n: key }), h('dd', { text: value }));
}

function seconds(ms) {
  return ms == null ? '—' : `${fmt.number(ms / 1000, 1)} s`;
}

/** Fonnte's quota object is keyed by the device's number: {"62…":{"quota","remaining","used"}}. */
function quotaOf(lastQuota) {
  if (!lastQuota || typeof lastQuota !== 'object') return null;
  const entry = Object.values(lastQuota).find((v) => v && typeof v === 'object' && 'remaining' in v);
  if (!entry) return null;
  const total = Number(entry.quota);
  const remaining = Number(entry.remaining);
  return Number.isFinite(remaining) ? { total: Number.isFinite(total) ? total : null, remaining } : null;
}

