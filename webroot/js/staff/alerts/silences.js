// Senyap: the silences holding now or later (?all=true: the ended ones too), each with its matchers, times in WIB,
// who made it and why; ended on request (DELETE ends it now, kept for the record). A new one at
// #/alerts/silences/new (./silence-form.js). cs may look; admin, supervisor and noc make and end them.
import { h, fmt } from '../../dom.js';
import { pagedList } from '../admin/list.js';
import { confirmDialog } from '../admin/dialog.js';
import { badge, flash, takeFlash } from '../admin/common.js';
import { alertError, may, matches } from './common.js';
import { silenceForm } from './silence-form.js';

const LIST_HREF = '#/alerts/silences';

export async function render(root, ctx, page) {
  page.actions([]);
  const canEdit = may.silence(ctx.can);
  if (ctx.path[1] === 'new' && canEdit) return renderNew(root, ctx, page);

  const all = ctx.params.get('all') === 'true';
  const problems = h('div', { 'aria-live': 'assertive' });
  const list = pagedList({
    load: async () => ({ items: (await ctx.api.get(`/api/v1/alerts/silences${all ? '?all=true' : ''}`)).items, nextCursor: null }),
    columns: [
      { labelKey: 'alerts.silence.matchers', primary: true, cell: (s) => h('div', { class: 'matcher-list' },
        h('ul', { class: 'chips' }, s.matchers.map((m) => h('li', { class: 'chip mono', text: `${m.label} ${m.op} ${m.value}` }))),
        h('span', { class: 'muted small', i18n: ['alerts.silence.matchingNow', { n: fmt.number(page.store.list().filter((a) => matches(s.matchers, a)).length) }] })) },
      { labelKey: 'alerts.silence.status', cell: (s) => statusBadge(s) },
      { labelKey: 'alerts.silence.startsAt', class: 'nowrap', cell: (s) => fmt.dateTime(s.startsAt) },
      { labelKey: 'alerts.silence.endsAt', class: 'nowrap', cell: (s) => h('span', {}, fmt.dateTime(s.endsAt),
        h('span', { class: 'muted small block', text: fmt.relative(s.endsAt) })) },
      { labelKey: 'alerts.silence.comment', class: 'cell-detail', cell: (s) => h('span', {}, s.comment,
        h('span', { class: 'muted small block', i18n: ['alerts.silence.by', { by: s.createdBy ?? '—' }] })) },
      canEdit && { labelKey: 'admin.list.actions', class: 'cell-actions', cell: (s) => (statusOf(s) === 'ended' ? null
        : h('button', { type: 'button', class: 'btn btn-danger-outline btn-small', i18n: 'alerts.silence.end', on: { click: () => end(s) } })) },
    ].filter(Boolean),
    empty: { key: all ? 'alerts.silence.noneAtAll' : 'alerts.silence.none',
      action: canEdit ? h('a', { class: 'btn btn-primary', href: `${LIST_HREF}/new`, i18n: 'alerts.action.newSilence' }) : null },
  });

  async function end(silence) {
    if (!(await confirmDialog({ titleKey: 'alerts.silence.endTitle', bodyKey: 'alerts.silence.endBody', confirmKey: 'alerts.silence.end',
      danger: true }))) return;
    try {
      await ctx.api.del(`/api/v1/alerts/silences/${silence.id}`);
      problems.replaceChildren(h('p', { class: 'alert alert-success', role: 'status', i18n: 'alerts.silence.ended' }));
      list.reload();
    } catch (err) {
      const { key, params } = alertError(err);
      problems.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: [key, params] }));
    }
  }

  const showAll = h('label', { class: 'check-inline' },
    h('input', { type: 'checkbox', checked: all, on: { change: (e) => ctx.navigate(e.target.checked ? `${LIST_HREF}?all=true` : LIST_HREF) } }),
    h('span', { i18n: 'alerts.silence.showEnded' }));
  root.append(
    h('div', { class: 'list-head' }, showAll,
      canEdit ? h('a', { class: 'btn btn-primary', href: `${LIST_HREF}/new`, i18n: 'alerts.action.newSilence' }) : null),
    ...[takeFlash(), problems, list.el].filter(Boolean));
  list.reload();
  const relabel = () => list.repaint();
  document.addEventListener('i18n:change', relabel);
  return () => document.removeEventListener('i18n:change', relabel);
}

function renderNew(root, ctx, page) {
  root.append(
    h('header', { class: 'page-head detail-head' },
      h('a', { class: 'back-link', href: LIST_HREF }, h('span', { 'aria-hidden': 'true', text: '← ' }), h('span', { i18n: 'alerts.silence.back' })),
      h('h2', { class: 'page-title', i18n: 'alerts.silence.newTitle' })),
    h('div', { class: 'card silence-card' }, silenceForm({
      ctx, store: page.store, cancel: LIST_HREF,
      onSaved: (silence) => {
        flash('alerts.silence.saved', { end: fmt.dateTime(silence.endsAt) });
        ctx.navigate(LIST_HREF);
      },
    })));
  root.querySelector('.pair-value')?.focus();
  return () => {};
}

/** 'active' now, 'scheduled' (starts later) or 'ended'. */
function statusOf(silence) {
  const now = Date.now();
  if (Date.parse(silence.endsAt) <= now) return 'ended';
  return Date.parse(silence.startsAt) > now ? 'scheduled' : 'active';
}

function statusBadge(silence) {
  const status = statusOf(silence);
  return badge({ active: 'up', scheduled: 'warn', ended: 'neutral' }[status], null, `alerts.silence.state.${status}`);
}
