// What the alerts page's views share: the tabs and who may do what, badges for severities and states, labels as
// chips, durations, WIB dates for the API, errors as people read them, and the acknowledge / resolve calls.
import { h, fmt } from '../../dom.js';
import { hasKey, locale, t } from '../../i18n.js';
import { ApiError } from '../../api.js';
import { apiMessage } from '../admin/form.js';

const RESPONDERS = ['admin', 'supervisor', 'noc'];

/** The tabs, in order; `roles` null: everyone who may open the page. The first is the default (#/alerts). */
export const TABS = [
  { id: 'active', key: 'alerts.tab.active', roles: null },
  { id: 'history', key: 'alerts.tab.history', roles: null },
  { id: 'rules', key: 'alerts.tab.rules', roles: RESPONDERS },
  { id: 'silences', key: 'alerts.tab.silences', roles: null },
  { id: 'analytics', key: 'alerts.tab.analytics', roles: null },
];

/** What each role may do here, as the API's access checks decide it (hidden, not just refused). */
export const may = {
  acknowledge: () => true, // everyone who may open the page
  resolve: (can) => can(...RESPONDERS),
  editRules: (can) => can(...RESPONDERS),
  silence: (can) => can(...RESPONDERS),
};

export const SEVERITIES = ['critical', 'warning', 'info'];
export const STATES = ['pending', 'firing', 'nodata', 'resolved', 'inactive'];
export const ROLES = ['admin', 'supervisor', 'cs', 'noc', 'technician'];
export const CHANNELS = ['whatsapp', 'dashboard'];

const SEVERITY_TONE = { critical: 'down', warning: 'warn', info: 'neutral' };
const STATE_TONE = { firing: 'down', pending: 'warn', nodata: 'neutral', resolved: 'up', inactive: 'neutral' };

export function severityBadge(severity) {
  return h('span', { class: `badge sev sev-${severity} badge-${SEVERITY_TONE[severity] ?? 'neutral'}`, i18n: `alerts.severity.${severity}` });
}

export function stateBadge(state) {
  return h('span', { class: `badge alert-state state-${state} badge-${STATE_TONE[state] ?? 'neutral'}`, i18n: `alerts.state.${state}` });
}

/** An alert's labels as "name=value" chips; null when it has none. */
export function labelChips(labels) {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return null;
  return h('ul', { class: 'chips label-chips' }, entries.map(([name, value]) =>
    h('li', { class: 'chip' }, h('span', { class: 'muted', text: name }), h('span', { class: 'mono', text: value }))));
}

/** When an alert began to matter: when it fired, or when it started (pending, nodata). */
export function sinceOf(alert) {
  return alert.firedAt ?? alert.startedAt;
}

/** Sorting for the open list: critical first, then warning, info; within one, the newest first. */
export function bySeverityThenTime(a, b) {
  const rank = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  return rank || Date.parse(sinceOf(b)) - Date.parse(sinceOf(a));
}

/** "2 mnt 30 dtk" / "2 min 30 sec": the two largest units, in the reader's language. */
export function duration(seconds) {
  if (seconds == null || Number.isNaN(seconds)) return '—';
  const units = [['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]];
  let rest = Math.max(0, Math.round(seconds));
  const parts = [];
  for (const [unit, size] of units) {
    if (rest >= size || (unit === 'second' && !parts.length)) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      parts.push(new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'short' }).format(n));
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** A rule's value as read: up to three decimals (ratios are fractions, e.g. 0.2). */
export function value(v) {
  return v == null ? '—' : fmt.number(v, 3);
}

/** An error's message key and params, with this page's own words for its codes first. */
export function alertError(err) {
  if (err instanceof ApiError && hasKey(`alerts.error.${err.code}`)) return { key: `alerts.error.${err.code}` };
  return apiMessage(err);
}

export function errorBlockText(err) {
  const { key, params } = alertError(err);
  return t(key, params);
}

/**
 * Acknowledges (or resolves) alerts in one request: {done:[ids], failed:[{id, error:{code,message}}]}. A single alert
 * goes through the same bulk endpoint, so every caller reads one answer.
 */
export function actOn(api, action, ids) {
  return api.post(`/api/v1/alerts/${action === 'resolve' ? 'resolve' : 'ack'}`, { ids });
}

/** A bulk answer's failure as a sentence for the person: ours for the codes we know, else the hub's. */
export function failureText(error) {
  return hasKey(`alerts.error.${error?.code}`) ? t(`alerts.error.${error.code}`) : (error?.message ?? t('alerts.error.unknown'));
}

/**
 * Matchers of a silence for these alerts: their rule (alertname =, or =~ one|other for several) and every label they
 * share with the same value. One alert: its rule and all its labels.
 */
export function matchersFor(alerts) {
  const keys = [...new Set(alerts.map((a) => a.ruleKey))];
  const matchers = [keys.length === 1 ? { label: 'alertname', op: '=', value: keys[0] } : { label: 'alertname', op: '=~', value: keys.join('|') }];
  const [first, ...others] = alerts;
  for (const [label, v] of Object.entries(first?.labels ?? {})) {
    if (others.every((a) => a.labels?.[label] === v)) matchers.push({ label, op: '=', value: v });
  }
  return matchers;
}

/** Whether a silence's matchers match an alert (its labels plus alertname and severity), as the hub decides it. */
export function matches(matchers, alert) {
  const labels = { ...alert.labels, alertname: alert.ruleKey, severity: alert.severity };
  return matchers.every(({ label, op, value: wanted }) => {
    const actual = labels[label] ?? '';
    if (op === '!=') return actual !== wanted;
    if (op === '=~') {
      try { return new RegExp(`^(?:${wanted})$`).test(actual); } catch { return false; }
    }
    return actual === wanted;
  });
}

// ---- WIB dates and times for the API -------------------------------------------------------------------------------

const WIB = 'Asia/Jakarta';

/** Today in Jakarta (or `daysAgo` before), as YYYY-MM-DD. */
export function jakartaDate(daysAgo = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: WIB, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.now() - daysAgo * 86_400_000));
}

/** The start of a Jakarta day as the API's ISO time. */
export function dayStart(date) {
  return `${date}T00:00:00+07:00`;
}

/** The start of the day after (the end, exclusive, of a range that includes `date`). */
export function dayAfter(date) {
  const [y, m, d] = date.split('-').map(Number);
  return dayStart(new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10));
}

/** A time as a datetime-local input shows it, in WIB ("2026-12-03T14:05"), whatever the browser's own zone. */
export function wibLocal(date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: WIB, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A datetime-local input's value, read as WIB, as the API's ISO time; null when empty. */
export function fromWibLocal(text) {
  return text ? `${text.length === 16 ? `${text}:00` : text}+07:00` : null;
}
