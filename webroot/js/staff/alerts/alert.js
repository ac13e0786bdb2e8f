// One alert (#/alerts/history/<id>): what it is (rule, severity, state, labels, value, who acknowledged and
// resolved it) and its timeline: pending, firing, each page with the people paged and their message's delivery
// status now (those without a phone marked), escalation, acknowledgement, silences and inhibition, resolution.
// Followed live: a change to this alert on ui.alerts loads it again.
import { h, fmt, label, stateBlock } from '../../dom.js';
import { t } from '../../i18n.js';
import { card, detailHead, facts, loadRecord } from '../admin/common.js';
import { confirmDialog } from '../admin/dialog.js';
import { actOn, alertError, duration, failureText, labelChips, matchersFor, may, severityBadge, stateBadge, value } from './common.js';
import { openSilenceDialog } from './silence-form.js';

/** The hub's reasons (as it writes them in events) in the reader's words. */
const REASONS = {
  'condition cleared': 'alerts.reason.cleared',
  'data is back': 'alerts.reason.dataBack',
  'resolved by staff': 'alerts.reason.byStaff',
  'rule deleted': 'alerts.reason.ruleDeleted',
  'rule disabled': 'alerts.reason.ruleDisabled',
};

export async function renderAlert(root, ctx, page, id) {
  page.actions([]);
  const notice = h('div', { 'aria-live': 'polite' });
  let shown = null;

  const render = (alert) => {
    shown = alert;
    const open = ['pending', 'firing', 'nodata'].includes(alert.state);
    root.append(
      detailHead('alerts', 'alerts.history.back',
        h('span', {}, alert.ruleName ?? alert.ruleKey, ' ', h('span', { class: 'mono muted title-key', text: alert.code })),
        open && !alert.ackedAt ? h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'ack', i18n: 'alerts.action.ack',
          on: { click: () => act('ack') } }) : null,
        open && may.resolve(ctx.can) ? h('button', { type: 'button', class: 'btn btn-secondary', 'data-action': 'resolve', i18n: 'alerts.action.resolve',
          on: { click: () => act('resolve') } }) : null,
        open && may.silence(ctx.can) ? h('button', { type: 'button', class: 'btn btn-ghost', i18n: 'alerts.action.silence',
          on: { click: () => openSilenceDialog(ctx, page.store, matchersFor([alert])).then((s) => s && reload()) } }) : null),
      notice,
      h('div', { class: 'detail-grid' },
        card('alerts.detail.facts', facts([
          ['alerts.col.severity', severityBadge(alert.severity)],
          ['alerts.col.state', h('span', { class: 'state-line' }, stateBadge(alert.state),
            alert.silencedBy ? h('a', { class: 'badge badge-neutral', href: '#/alerts/silences?all=true', i18n: 'alerts.mark.silenced' }) : null,
            alert.inhibitedBy ? h('a', { class: 'badge badge-neutral', href: `#/alerts/history/${alert.inhibitedBy}`, i18n: 'alerts.mark.inhibited' }) : null)],
          ['alerts.detail.summary', alert.summary],
          ['alerts.detail.rule', ruleLink(ctx, alert)],
          ['alerts.col.labels', labelChips(alert.labels)],
          ['alerts.detail.value', h('span', { class: 'mono', text: value(alert.value) })],
          ['alerts.col.code', h('span', { class: 'mono', text: alert.code })],
          ['alerts.detail.started', fmt.dateTime(alert.startedAt)],
          ['alerts.detail.fired', alert.firedAt ? fmt.dateTime(alert.firedAt) : null],
          ['alerts.detail.acked', alert.ackedAt ? `${alert.ackedBy} · ${fmt.dateTime(alert.ackedAt)}` : null],
          ['alerts.detail.resolved', alert.resolvedAt ? `${alert.resolvedBy ? `${alert.resolvedBy} · ` : ''}${fmt.dateTime(alert.resolvedAt)}` : null],
          ['alerts.detail.duration', alert.resolvedAt ? duration((Date.parse(alert.resolvedAt) - Date.parse(alert.firedAt ?? alert.startedAt)) / 1000) : null],
          ['alerts.detail.pages', fmt.number(alert.notifications)],
          ['alerts.detail.escalated', alert.escalatedAt ? fmt.dateTime(alert.escalatedAt) : null],
        ])),
        card('alerts.detail.timeline', timeline(alert.timeline ?? []))));
  };

  async function act(action) {
    if (action === 'resolve' && !(await confirmDialog({ titleKey: 'alerts.resolve.title', bodyKey: 'alerts.resolve.body',
      confirmKey: 'alerts.resolve.confirm', params: { n: fmt.number(1) } }))) return;
    root.querySelectorAll('[data-action]').forEach((b) => { b.disabled = true; });
    try {
      const answer = await actOn(ctx.api, action, [shown.id]);
      if (answer.failed.length) {
        notice.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', text: failureText(answer.failed[0].error) }));
      }
    } catch (err) {
      const { key, params } = alertError(err);
      notice.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: [key, params] }));
    }
    reload();
  }

  /** Loads it again without a loading state in between (a live change, an action): the page stays where it is. */
  async function reload() {
    try {
      const alert = await ctx.api.get(`/api/v1/alerts/${encodeURIComponent(id)}`);
      const kept = notice.firstChild;
      root.replaceChildren();
      render(alert);
      if (kept) notice.replaceChildren(kept);
    } catch {
      // the next change tries again; what is shown stays
    }
  }

  const unsubscribe = page.store.subscribe((event) => {
    if (event.kind === 'changes' && event.changed.includes(Number(id))) reload();
  });
  const relabel = () => { if (shown) { root.replaceChildren(); render(shown); } };
  document.addEventListener('i18n:change', relabel);
  await loadRecord(root, 'alerts', `/api/v1/alerts/${encodeURIComponent(id)}`, render);
  return () => { unsubscribe(); document.removeEventListener('i18n:change', relabel); };
}

function ruleLink(ctx, alert) {
  const name = h('span', {}, alert.ruleName ?? '—', ' ', h('span', { class: 'mono muted', text: alert.ruleKey }));
  return alert.ruleId && may.editRules(ctx.can) ? h('a', { href: `#/alerts/rules/${alert.ruleId}` }, name) : name;
}

function timeline(events) {
  if (!events.length) return stateBlock('empty', 'alerts.detail.noEvents');
  return h('ol', { class: 'timeline alert-timeline' }, events.map((e) => h('li', { class: `event event-${e.kind}`, dataset: { kind: e.kind } },
    h('time', { datetime: e.at, text: fmt.dateTime(e.at) }),
    h('strong', { text: label('alerts.event', e.kind) }),
    eventDetail(e.kind, e.detail ?? {}))));
}

function eventDetail(kind, d) {
  switch (kind) {
    case 'pending':
    case 'firing':
      return d.value != null ? h('span', { class: 'muted', i18n: ['alerts.event.value', { value: value(d.value) }] }) : null;
    case 'notified':
    case 'escalated':
      return pagesDetail(d);
    case 'acknowledged':
      return h('span', {}, h('span', { i18n: [d.via === 'whatsapp' ? 'alerts.event.ackByWhatsapp' : 'alerts.event.ackBy', { by: d.by ?? '—' }] }),
        d.comment ? h('q', { class: 'event-comment', text: d.comment }) : null);
    case 'resolved':
    case 'inactive':
      return h('span', {},
        d.by ? h('span', { i18n: ['alerts.event.resolvedBy', { by: d.by }] }) : null,
        d.reason && !d.by ? h('span', { class: 'muted', text: REASONS[d.reason] ? t(REASONS[d.reason]) : d.reason }) : null,
        d.comment ? h('q', { class: 'event-comment', text: d.comment }) : null);
    case 'silenced':
      return d.silence ? h('a', { href: '#/alerts/silences?all=true', i18n: ['alerts.event.bySilence', { id: d.silence }] }) : null;
    case 'inhibited':
      return d.inhibitedBy ? h('a', { href: `#/alerts/history/${d.inhibitedBy}`, i18n: ['alerts.event.byAlert', { id: d.inhibitedBy }] }) : null;
    default:
      return null;
  }
}

/** A page: which kind (first, repeat, escalation), on which channels, each person paged and how their message fares. */
function pagesDetail(d) {
  const pages = d.pages ?? [];
  const skipped = d.skipped ?? [];
  return h('div', { class: 'event-pages' },
    h('span', { class: 'muted' },
      d.kind ? label('alerts.pageKind', d.kind) : null,
      (d.channels ?? []).length ? ` · ${(d.channels ?? []).map((c) => label('alerts.channel', c)).join(', ')}` : null),
    pages.length ? h('ul', { class: 'paged-list' }, pages.map((p) => h('li', {},
      h('span', { text: p.name ?? p.staff }), ' ', h('span', { class: 'mono muted', text: p.staff }), ' ',
      p.messageId ? h('a', { href: `#/whatsapp/messages/${p.messageId}`, class: `badge status status-${p.messageStatus ?? 'unknown'}`,
        text: p.messageStatus ? label('console.status', p.messageStatus) : t('alerts.event.noStatus') }) : null)))
      : (d.channels ?? []).includes('whatsapp') ? h('p', { class: 'muted', i18n: 'alerts.event.nobodyPaged' }) : null,
    skipped.length ? h('p', { class: 'unreachable' }, h('span', { class: 'badge badge-warn', i18n: 'alerts.event.unreachable' }), ' ',
      skipped.join(', ')) : null);
}
