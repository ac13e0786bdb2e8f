// One message and its timeline (#/whatsapp/messages/<id>?<the list's filters, kept for the way back>): what was sent
// to whom, every transition with its detail, requeue or cancel when its status allows, refreshed live when ui.wa says
// it moved.
import { h, fmt, label, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { CANCELLABLE, REQUEUEABLE, confirmAction, errorState, errorText, may, notice, phoneText, priorityLabel, statusBadge } from './common.js';

/** Detail keys shown on a timeline event, in this order; the rest stay in "more". */
const DETAIL_KEYS = ['device', 'attempt', 'priority', 'notBefore', 'reason', 'outcome', 'by', 'state', 'httpStatus', 'providerIds'];

export async function renderDetail(root, ctx, page, id) {
  const back = `#/whatsapp/messages${ctx.params.toString() ? `?${ctx.params}` : ''}`;
  const result = h('div', { 'aria-live': 'polite' });
  const box = h('div', { class: 'message-detail' }, stateBlock('loading', 'common.loading'));
  root.append(h('p', {}, h('a', { href: back, class: 'back-link', i18n: 'wa.message.back' })), result, box);
  let message = null;

  async function load() {
    try {
      message = await ctx.api.get(`/api/v1/messages/${encodeURIComponent(id)}`);
      show();
    } catch (err) {
      box.replaceChildren(err.status === 404 ? stateBlock('empty', 'wa.message.notFound') : errorState(err, load));
    }
  }

  function show() {
    const m = message;
    const actions = [];
    if (REQUEUEABLE.has(m.status) && may.requeue(ctx.can)) {
      actions.push(h('button', { class: 'btn btn-primary', type: 'button', i18n: 'wa.message.requeue', on: { click: () => act('requeue') } }));
    }
    if (CANCELLABLE.has(m.status)) {
      actions.push(h('button', { class: 'btn btn-danger', type: 'button', i18n: 'wa.message.cancel', on: { click: () => act('cancel') } }));
    }
    actions.push(h('a', { class: 'btn btn-secondary', href: `#/whatsapp/send?to=${m.to}`, i18n: 'wa.message.sendAgain' }));
    actions.push(h('a', { class: 'btn btn-ghost', href: `#/whatsapp/messages?to=${m.to}`, i18n: 'wa.message.history' }));
    box.replaceChildren(
      h('section', { class: 'card message-summary' },
        h('header', { class: 'message-head' },
          h('h2', { class: 'mono', text: phoneText(m.to) }), statusBadge(m.status), priorityLabel(m.priority)),
        h('div', { class: 'wa-bubble outgoing' }, h('p', { class: 'wa-bubble-text', text: m.text })),
        m.lastError ? h('p', { class: 'alert alert-error', text: m.lastError }) : null,
        h('div', { class: 'form-actions' }, actions),
        h('dl', { class: 'facts' },
          fact('wa.message.created', fmt.dateTime(m.createdAt)),
          m.notBefore ? fact('wa.field.notBefore', fmt.dateTime(m.notBefore)) : null,
          fact('wa.message.sent', fmt.dateTime(m.sentAt)),
          fact('wa.message.delivered', fmt.dateTime(m.deliveredAt)),
          fact('wa.message.read', fmt.dateTime(m.readAt)),
          fact('wa.field.device', m.device ? `${m.device}${m.pinned ? ` (${t('wa.message.pinned')})` : ''}` : '—'),
          fact('wa.messages.col.attempts', fmt.number(m.attempts)),
          m.template ? factNode('wa.field.template', h('a', { href: `#/whatsapp/templates?name=${encodeURIComponent(m.template)}`, text: m.template })) : null,
          m.batchId ? factNode('wa.field.batch', h('a', { href: `#/whatsapp/batches?batch=${m.batchId}`, class: 'mono', text: m.batchId.slice(0, 8) })) : null,
          m.providerIds?.length ? fact('wa.message.providerIds', m.providerIds.join(', ')) : null,
          m.idempotencyKey ? fact('wa.message.key', m.idempotencyKey) : null,
          fact('wa.message.id', m.id))),
      h('section', { class: 'card' },
        h('h2', { i18n: 'wa.message.timeline' }),
        h('ol', { class: 'timeline' }, (m.timeline ?? []).map((event) => h('li', { class: `timeline-item status-${event.status}` },
          h('span', { class: 'timeline-dot', 'aria-hidden': 'true' }),
          h('div', { class: 'timeline-body' },
            h('div', { class: 'timeline-head' }, statusBadge(event.status),
              h('time', { datetime: event.at, text: fmt.time(event.at), title: fmt.dateTime(event.at) })),
            detail(event.detail)))))));
    page.actions([
      REQUEUEABLE.has(m.status) && may.requeue(ctx.can) && { id: 'wa.message.requeue', label: t('wa.message.requeue'), run: () => act('requeue') },
      CANCELLABLE.has(m.status) && { id: 'wa.message.cancel', label: t('wa.message.cancel'), run: () => act('cancel') },
      { id: 'wa.message.back', label: t('wa.message.back'), run: () => ctx.navigate(back) },
    ].filter(Boolean));
  }

  async function act(kind) {
    const confirmed = await confirmAction({
      title: t(`wa.message.${kind}Title`), body: t(`wa.message.${kind}Body`, { to: phoneText(message.to) }),
      confirm: t(`wa.message.${kind}`), danger: kind === 'cancel',
    });
    if (!confirmed) return;
    try {
      await ctx.api.post(`/api/v1/messages/${id}/${kind}`);
      notice(result, 'ok', t(`wa.message.${kind}Done`));
      await load();
    } catch (err) {
      notice(result, 'error', errorText(err));
      await load();
    }
  }

  await load();
  const stop = ctx.bus.watch('ui.wa', {
    frame(frame) {
      if ((frame.data.feed ?? []).some((item) => item.kind === 'message' && item.id === id)) load();
    },
  });
  return stop;
}

function fact(key, value) {
  return h('div', {}, h('dt', { i18n: key }), h('dd', { text: value ?? '—' }));
}

function factNode(key, node) {
  return h('div', {}, h('dt', { i18n: key }), h('dd', {}, node));
}

function detail(values) {
  if (!values || !Object.keys(values).length) return null;
  const known = DETAIL_KEYS.filter((k) => values[k] != null);
  const rest = Object.keys(values).filter((k) => !DETAIL_KEYS.includes(k));
  return h('div', { class: 'timeline-detail' },
    h('dl', { class: 'kv' }, known.map((k) => h('div', {},
      h('dt', { text: label('wa.detail', k) }),
      h('dd', { text: show(k, values[k]) })))),
    rest.length ? h('details', {}, h('summary', { i18n: 'wa.message.more' }),
      h('pre', { class: 'mono small', text: JSON.stringify(Object.fromEntries(rest.map((k) => [k, values[k]])), null, 2) })) : null);
}

function show(key, value) {
  if (key === 'priority') return label('console.priority', value);
  if (key === 'notBefore') return fmt.dateTime(value);
  if (key === 'by') return String(value).replace(/^staff:/, '');
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
