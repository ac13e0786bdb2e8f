// Alerts: what fires now and what staff do about it (acknowledge, resolve, silence; one by one or in bulk), the
// history with each alert's timeline, the rules (admin, supervisor, noc), silences, and analytics per rule.
// Routes: #/alerts (Aktif), #/alerts/history[/<id>]?filters, #/alerts/rules[/new|/<id>], #/alerts/silences[/new],
// #/alerts/analytics?days=|from=&to=. Each tab is a module in ../alerts/<tab>.js exporting
// `async render(root, ctx, page)` that returns its stop function; `page` gives it the palette (page.actions), the
// page-wide notice line (page.notice) and the console's store of open alerts (page.store).
import { h, fmt } from '../../dom.js';
import { setText, t, useDictionary } from '../../i18n.js';
import { TABS, actOn, errorBlockText, failureText, may } from '../alerts/common.js';
import { openAlerts } from '../alerts/store.js';
import { notificationsOn, notificationsSupported, permission, setNotifications } from '../alerts/notify.js';

export default {
  title: 'console.nav.alerts',
  dictionary: 'alerts',
  async render(root, ctx) {
    // The shared list, form and dialog helpers speak the administration pages' words.
    await useDictionary('admin');
    const tabs = TABS.filter((tab) => !tab.roles || ctx.can(...tab.roles));
    const tab = tabs.find((candidate) => candidate.id === ctx.path[0]) ?? tabs[0];
    const store = openAlerts();
    const notices = h('div', { class: 'alerts-notice', 'aria-live': 'polite' });
    const body = h('div', { class: 'alerts-body' });
    root.append(
      h('header', { class: 'page-head' },
        h('h1', { class: 'page-title', i18n: 'alerts.title' }),
        h('div', { class: 'page-actions' }, notificationToggle(notices)),
        h('p', { class: 'page-lead muted', i18n: `alerts.lead.${tab.id}` })),
      h('nav', { class: 'alerts-tabs', 'data-i18n-aria-label': 'alerts.tabs', 'aria-label': t('alerts.tabs') },
        h('ul', {}, tabs.map((candidate) => h('li', {},
          h('a', { href: `#/alerts/${candidate.id}`, 'aria-current': candidate === tab ? 'page' : null, i18n: candidate.key }))))),
      notices,
      body);
    root.querySelector('.alerts-tabs [aria-current]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });

    const notice = (kind, key, params, ...extra) => notices.replaceChildren(h('div', {
      class: `alert alert-${kind === 'error' ? 'error' : kind === 'ok' ? 'success' : 'info'}`, role: kind === 'error' ? 'alert' : 'status' },
    h('p', { i18n: [key, params] }), ...extra,
    h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'alerts.dismiss', on: { click: () => notices.replaceChildren() } })));

    const pageActions = [
      // Labels are read when the palette opens, so they follow a language switch.
      { id: 'alerts.ack.critical', get label() { return t('alerts.action.ackCritical'); }, run: () => acknowledgeCritical(ctx, store, notice) },
      may.editRules(ctx.can) && { id: 'alerts.rule.new', get label() { return t('alerts.action.newRule'); }, run: () => ctx.navigate('#/alerts/rules/new') },
      may.silence(ctx.can) && { id: 'alerts.silence.new', get label() { return t('alerts.action.newSilence'); }, run: () => ctx.navigate('#/alerts/silences/new') },
      ...tabs.filter((candidate) => candidate !== tab).map((candidate) => ({
        id: `alerts.go.${candidate.id}`, get label() { return `${t('alerts.title')}: ${t(candidate.key)}`; }, run: () => ctx.navigate(`#/alerts/${candidate.id}`) })),
    ].filter(Boolean);
    const page = { store, notice, actions: (list) => ctx.actions([...list, ...pageActions]) };
    page.actions([]);

    const module = await import(`../alerts/${tab.id}.js`);
    return module.render(body, ctx, page);
  },
};

/** "Akui semua peringatan kritis": every open critical alert nobody acknowledged yet, in one request. */
async function acknowledgeCritical(ctx, store, notice) {
  const ids = store.list().filter((a) => a.severity === 'critical' && !a.ackedAt).map((a) => a.id);
  if (!ids.length) {
    notice('info', 'alerts.ackCritical.none');
    return;
  }
  try {
    const answer = await actOn(ctx.api, 'ack', ids);
    const at = new Date().toISOString();
    answer.done.forEach((id) => store.patch(id, { ackedAt: at, ackedBy: ctx.me.username }));
    notice(answer.failed.length ? 'error' : 'ok', answer.failed.length ? 'alerts.ackCritical.partly' : 'alerts.ackCritical.done',
      { n: fmt.number(answer.done.length), failed: fmt.number(answer.failed.length) },
      answer.failed.length ? h('ul', {}, answer.failed.map((f) => h('li', {},
        h('span', { class: 'mono', text: store.get(f.id)?.code ?? f.id }), `: ${failureText(f.error)}`))) : null);
  } catch (err) {
    notice('error', 'alerts.ackCritical.failed', { message: errorBlockText(err) });
  }
}

/**
 * The opt-in for browser notifications of critical alerts. Permission is asked only when the person turns it on;
 * a browser that refused (or has no notifications) is said so, with nothing left to click in vain.
 */
function notificationToggle(notices) {
  const button = h('button', { type: 'button', class: 'btn btn-secondary btn-small notify-toggle' });
  const paint = () => {
    const on = notificationsOn();
    button.setAttribute('aria-pressed', String(on));
    button.disabled = !notificationsSupported();
    setText(button, !notificationsSupported() ? 'alerts.notify.unsupported' : on ? 'alerts.notify.on' : 'alerts.notify.off');
    const hint = permission() === 'denied' ? 'alerts.notify.blocked' : 'alerts.notify.hint';
    button.setAttribute('data-i18n-title', hint); // follows a language switch
    button.title = t(hint);
  };
  button.addEventListener('click', async () => {
    const on = await setNotifications(!notificationsOn());
    paint();
    if (!on && permission() === 'denied') {
      notices.replaceChildren(h('p', { class: 'alert alert-info', role: 'status', i18n: 'alerts.notify.blocked' }));
    }
  });
  paint();
  return button;
}
