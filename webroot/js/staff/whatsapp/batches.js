// Batch: recent batches with progress bars, kept current from ui.wa (a frame names the batches it touched; those are
// refetched, at most once a second each). ?batch=<id> puts that batch first and marks it (the link after a send).
import { h, fmt, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { errorState, pager, throttle, seg } from './common.js';

export async function render(root, ctx, page) {
  const focus = ctx.params.get('batch');
  const list = h('div', { class: 'batch-list' }, stateBlock('loading', 'common.loading'));
  const newer = h('div', { class: 'newer', hidden: true, 'aria-live': 'polite' });
  root.append(newer, list);
  const shown = new Map(); // batchId → { data, el }

  function card(batch) {
    const total = batch.accepted || 0;
    const pct = (n) => (total ? (100 * n) / total : 0);
    const readN = batch.read;
    const deliveredOnly = batch.delivered - batch.read;
    const sentOnly = batch.sent - batch.delivered;
    const done = batch.queued === 0;
    const el = h('article', { class: `card batch-card ${batch.batchId === focus ? 'is-focus' : ''}`, 'data-row': '', id: `batch-${batch.batchId}` },
      h('header', { class: 'batch-head' },
        h('h2', {},
          h('a', { href: `#/whatsapp/messages?batchId=${batch.batchId}`, 'data-open': '', text: batch.template ?? t('wa.batches.texts') })),
        h('span', { class: `badge ${done ? (batch.failed ? 'badge-warn' : 'badge-up') : 'badge-neutral'}`,
          i18n: done ? 'wa.batches.done' : 'wa.batches.running' })),
      h('p', { class: 'muted small' },
        h('time', { datetime: batch.createdAt, text: fmt.dateTime(batch.createdAt) }), ' · ',
        h('span', { text: requester(batch.requestedBy) }), ' · ',
        h('span', { class: 'mono', title: batch.batchId, text: batch.batchId.slice(0, 8) })),
      h('div', { class: 'progress', role: 'img', 'aria-label': t('wa.batches.progressLabel', {
        sent: fmt.number(batch.sent), total: fmt.number(total), failed: fmt.number(batch.failed) }) },
      seg('seg seg-read', pct(readN)),
      seg('seg seg-delivered', pct(deliveredOnly)),
      seg('seg seg-sent', pct(sentOnly)),
      seg('seg seg-failed', pct(batch.failed))),
      h('ul', { class: 'batch-counts' },
        count('wa.batches.sent', batch.sent, total, `sent,delivered,read`, batch.batchId, 'sent'),
        count('wa.batches.delivered', batch.delivered, total, 'delivered,read', batch.batchId, 'delivered'),
        count('wa.batches.read', batch.read, total, 'read', batch.batchId, 'read'),
        count('wa.batches.queued', batch.queued, total, 'queued,scheduled,sending,unknown', batch.batchId, 'queued'),
        count('wa.batches.failed', batch.failed, total, 'failed,dead,cancelled', batch.batchId, 'failed')),
      batch.total > batch.accepted ? h('p', { class: 'muted small', i18n: ['wa.batches.rejected', { n: fmt.number(batch.total - batch.accepted), total: fmt.number(batch.total) }] }) : null);
    return el;
  }

  function count(key, n, total, statuses, batchId, tone) {
    return h('li', { class: `count-${tone}` },
      h('a', { href: `#/whatsapp/messages?batchId=${batchId}&status=${statuses}` },
        h('strong', { text: fmt.number(n) }), ' ', h('span', { i18n: key })),
      total ? h('span', { class: 'muted small', text: ` ${fmt.percent(n / total, 0)}` }) : null);
  }

  function put(batch, where = 'end') {
    const el = card(batch);
    const known = shown.get(batch.batchId);
    if (known) known.el.replaceWith(el);
    else if (where === 'start') list.prepend(el);
    else list.append(el);
    shown.set(batch.batchId, { data: batch, el });
  }

  const paging = pager(
    (cursor) => ctx.api.get(`/api/v1/batches?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    (items, append) => {
      if (!append) {
        list.replaceChildren();
        shown.clear();
      }
      items.forEach((b) => put(b));
      if (!shown.size) list.replaceChildren(stateBlock('empty', 'wa.batches.empty', null,
        h('a', { class: 'btn btn-secondary btn-small', href: '#/whatsapp/send?mode=batch', i18n: 'wa.batches.create' })));
    },
    {
      onError: (err, first) => { if (first) list.replaceChildren(errorState(err, () => paging.reload())); },
      onFirst: async () => {
        if (focus && !shown.has(focus)) {
          try {
            put(await ctx.api.get(`/api/v1/batches/${focus}`), 'start');
          } catch {
            // an unknown id in a shared link: the list as it is
          }
        }
        shown.get(focus)?.el.scrollIntoView({ block: 'nearest' });
      },
    });
  root.append(paging.el);
  await paging.reload();

  // Live: refetch the batches a frame touched; a batch not shown yet is a new one: say so instead of reshuffling.
  const touched = new Set();
  const unseen = new Set();
  const refetch = throttle(async () => {
    const ids = [...touched];
    touched.clear();
    await Promise.all(ids.map(async (id) => {
      try {
        const batch = await ctx.api.get(`/api/v1/batches/${id}`);
        if (shown.has(id)) put(batch);
      } catch {
        // the next frame that names it tries again
      }
    }));
  }, 1000);
  const stop = ctx.bus.watch('ui.wa', {
    frame(frame) {
      for (const id of frame.data.batches ?? []) {
        if (shown.has(id)) touched.add(id);
        else unseen.add(id);
      }
      if (touched.size) refetch();
      if (unseen.size) {
        newer.hidden = false;
        newer.replaceChildren(h('button', { class: 'btn btn-secondary btn-small', type: 'button',
          i18n: ['wa.batches.newer', { n: fmt.number(unseen.size) }],
          on: { click: () => { unseen.clear(); newer.hidden = true; paging.reload(); } } }));
      }
    },
  });
  page.actions([
    { id: 'wa.batches.reload', label: t('wa.batches.reload'), run: () => { unseen.clear(); newer.hidden = true; paging.reload(); } },
    { id: 'wa.batches.new', label: t('wa.batches.create'), run: () => ctx.navigate('#/whatsapp/send?mode=batch') },
  ]);
  return () => { stop(); refetch.cancel(); };
}

/** "staff:rina.spv" → "rina.spv"; "token:billing" → "token billing". */
function requester(by) {
  if (!by) return '—';
  const [kind, who] = by.split(':', 2);
  return kind === 'staff' ? who : `${kind} ${who ?? ''}`.trim();
}

