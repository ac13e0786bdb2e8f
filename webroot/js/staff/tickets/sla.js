// SLA & holidays (#/tickets/sla): the rules every ticket's clock runs by, read from GET /api/v1/tickets/sla (targets
// per priority in hours and minutes, which categories run 24x7 and which in business hours, those hours by day, the
// escalation rules in plain words), and the public holidays the business calendar skips (GET /api/v1/tickets/holidays),
// grouped by year. Admins and supervisors add a holiday (POST, the API's field errors beside the field; a date that is
// already there gets the new name) and delete one (DELETE …/{date}, confirmed first); everyone else reads.
// The two halves load on their own, so one that fails leaves the other readable.
import { fill, h, fmt, stateBlock } from '../../dom.js';
import { currentLang, hasKey, locale, t } from '../../i18n.js';
import { detailHead } from '../admin/common.js';
import { confirmDialog } from '../admin/dialog.js';
import { field, formAlert, submitting, values } from '../admin/form.js';
import { CATEGORIES, PRIORITIES, errorBlock, errorText, may, priorityBadge } from './common.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "4 jam", "30 menit", "1 jam 30 menit", "24 jam": a target in hours and minutes (never days: shifts think in hours). */
export function hoursMinutes(total) {
  if (total == null || Number.isNaN(total)) return '—';
  const hours = Math.floor(total / 60);
  const mins = Math.round(total % 60);
  const unit = (n, u) => new Intl.NumberFormat(locale(), { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
  return [hours ? unit(hours, 'hour') : null, mins || !hours ? unit(mins, 'minute') : null].filter(Boolean).join(' ');
}

/**
 * The hub's business hours (["mon 08:00-17:00", …, "sat 08:00-12:00"]) as people read them: consecutive days with
 * the same hours joined ("Senin–Jumat"), and the days not listed said closed. [{ days, hours }] with hours null when closed.
 */
export function businessDays(lines) {
  const byDay = new Map();
  for (const line of lines ?? []) {
    const m = /^([a-z]{3})\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/i.exec(String(line).trim());
    if (m && DAYS.includes(m[1].toLowerCase())) byDay.set(m[1].toLowerCase(), `${m[2]}–${m[3]}`);
  }
  const runs = [];
  for (const day of DAYS) {
    const hours = byDay.get(day) ?? null;
    const last = runs[runs.length - 1];
    if (last && last.hours === hours) last.to = day;
    else runs.push({ from: day, to: day, hours });
  }
  const dayName = (d) => t(`tickets.slaPage.day.${d}`);
  return runs.map((r) => ({ days: r.from === r.to ? dayName(r.from) : `${dayName(r.from)}–${dayName(r.to)}`,
    hours: r.hours ? r.hours.replace(/:/g, currentLang() === 'id' ? '.' : ':') : null }));
}

/** A holiday's date as "Jumat, 25 Desember 2026" (a calendar day: no time zone may move it). */
function holidayDate(iso) {
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`));
}

function todayWib() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

export async function render(root, ctx, page) {
  const editor = may.editHolidays(ctx.can);
  const rules = h('div', { class: 'sla-rules' }, stateBlock('loading', 'common.loading'));
  const holidayBody = h('div', { class: 'sla-holiday-list', 'data-testid': 'holiday-list' }, stateBlock('loading', 'common.loading'));
  const notices = h('div', { class: 'tk-notice', 'aria-live': 'polite' });
  let sla = null;
  let holidays = null;

  // ---- the rules -------------------------------------------------------------------------------------------------
  async function loadRules() {
    rules.replaceChildren(stateBlock('loading', 'common.loading'));
    try {
      sla = await ctx.api.get('/api/v1/tickets/sla');
      paintRules();
    } catch (err) {
      sla = null;
      rules.replaceChildren(errorBlock(err, loadRules));
    }
  }

  function paintRules() {
    if (!sla) return;
    const targets = sla.targets ?? {};
    const known = PRIORITIES.filter((p) => targets[p]);
    const calendars = sla.calendars ?? {};
    const calendarOf = (category) => calendars[category] ?? calendars.other ?? 'business';
    const hours = businessDays(sla.businessHours);
    fill(rules,
      h('section', { class: 'card admin-card sla-card', 'data-testid': 'sla-targets', 'aria-labelledby': 'sla-targets-title' },
        h('h2', { id: 'sla-targets-title', i18n: 'tickets.slaPage.targets' }),
        known.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data-table sla-targets', 'aria-labelledby': 'sla-targets-title' },
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col', i18n: 'tickets.field.priority' }),
            h('th', { scope: 'col', class: 'num', i18n: 'tickets.sla.response' }),
            h('th', { scope: 'col', class: 'num', i18n: 'tickets.sla.resolution' }))),
          h('tbody', {}, known.map((p) => h('tr', { dataset: { priority: p } },
            h('th', { scope: 'row' }, priorityBadge(p)),
            h('td', { class: 'num', text: hoursMinutes(targets[p].responseMinutes) }),
            h('td', { class: 'num', text: hoursMinutes(targets[p].resolutionMinutes) }))))))
          : stateBlock('empty', 'tickets.slaPage.noTargets'),
        h('p', { class: 'small muted', i18n: 'tickets.slaPage.targetsHint' })),
      h('section', { class: 'card admin-card sla-card', 'data-testid': 'sla-calendars', 'aria-labelledby': 'sla-calendars-title' },
        h('h2', { id: 'sla-calendars-title', i18n: 'tickets.slaPage.calendars' }),
        h('ul', { class: 'sla-calendars' }, CATEGORIES.map((c) => {
          const cal = calendarOf(c) === '24x7' ? '24x7' : 'business';
          return h('li', { dataset: { category: c, calendar: cal } },
            h('strong', { i18n: `tickets.category.${c}` }),
            h('span', { class: `badge ${cal === '24x7' ? 'badge-warn' : 'badge-info'}`, i18n: `tickets.slaPage.calendar.${cal}` }));
        })),
        h('h3', { class: 'sla-sub', i18n: 'tickets.slaPage.businessHours' }),
        hours.length ? h('dl', { class: 'sla-hours', 'data-testid': 'sla-hours' }, hours.map((r) => h('div', {},
          h('dt', { text: r.days }),
          h('dd', r.hours ? { text: `${r.hours} WIB` } : { class: 'muted', i18n: 'tickets.slaPage.closed' }))))
          : stateBlock('empty', 'tickets.slaPage.noHours'),
        h('p', { class: 'small muted', i18n: 'tickets.slaPage.calendarsHint' })),
      h('section', { class: 'card admin-card sla-card', 'data-testid': 'sla-escalation', 'aria-labelledby': 'sla-escalation-title' },
        h('h2', { id: 'sla-escalation-title', i18n: 'tickets.slaPage.escalation' }),
        (sla.escalation ?? []).length
          ? h('ol', { class: 'sla-escalation' }, [...sla.escalation].sort((a, b) => a.atPercent - b.atPercent).map((rule) => h('li', {},
            h('p', { class: 'sla-escalation-at' },
              h('strong', { i18n: ['tickets.slaPage.rule.at', { percent: fmt.number(rule.atPercent) }] }), ' ',
              rule.state ? h('span', { class: `badge badge-${rule.state === 'breached' ? 'down' : 'warn'}`, i18n: `tickets.slaState.${rule.state}` }) : null),
            h('ul', {}, ruleSentences(rule).map(([key, params]) => h('li', { i18n: [key, params] }))))))
          : stateBlock('empty', 'tickets.slaPage.noEscalation'),
        h('p', { class: 'small muted', i18n: 'tickets.slaPage.escalationHint' })));
  }

  /** One rule in plain words: [i18n key, params] per action. */
  function ruleSentences(rule) {
    const out = [];
    if (rule.state) out.push(['tickets.slaPage.rule.state', { state: t(`tickets.slaState.${rule.state}`) }]);
    if (rule.raisePriority) out.push(['tickets.slaPage.rule.raise', { top: t('tickets.priority.urgent') }]);
    const notify = rule.notify ?? [];
    if (notify.length) {
      const who = notify.map((n) => (hasKey(`tickets.slaPage.who.${n}`) ? t(`tickets.slaPage.who.${n}`) : n));
      const list = new Intl.ListFormat(locale(), { style: 'long', type: 'conjunction' }).format(who);
      // The warning's notice goes out on WhatsApp and in the console (docs/tickets.md); a breach names no channel.
      out.push([rule.state === 'warning' && notify.includes('supervisor') ? 'tickets.slaPage.rule.notifySupervisors' : 'tickets.slaPage.rule.notify', { who: list }]);
    }
    if (rule.assignUnassignedTo) out.push(['tickets.slaPage.rule.assign', null]);
    return out;
  }

  // ---- the holidays ----------------------------------------------------------------------------------------------
  async function loadHolidays() {
    holidayBody.replaceChildren(stateBlock('loading', 'common.loading'));
    try {
      const answer = await ctx.api.get('/api/v1/tickets/holidays');
      holidays = Array.isArray(answer) ? answer : (answer?.items ?? []);
      paintHolidays();
    } catch (err) {
      holidays = null;
      holidayBody.replaceChildren(errorBlock(err, loadHolidays));
    }
  }

  function paintHolidays(focusDate = null) {
    if (!holidays) return;
    if (!holidays.length) {
      holidayBody.replaceChildren(stateBlock('empty', editor ? 'tickets.slaPage.holidays.emptyEditor' : 'tickets.slaPage.holidays.empty'));
      return;
    }
    const today = todayWib();
    const years = new Map();
    for (const hday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
      const year = hday.date.slice(0, 4);
      if (!years.has(year)) years.set(year, []);
      years.get(year).push(hday);
    }
    const thisYear = today.slice(0, 4);
    holidayBody.replaceChildren(...[...years].map(([year, list]) => {
      const left = list.filter((x) => x.date >= today).length;
      return h('details', { class: 'sla-year', open: year >= thisYear, dataset: { year } },
        h('summary', {},
          h('span', { class: 'sla-year-name', text: year }), ' ',
          h('span', { class: 'muted small', i18n: ['tickets.slaPage.holidays.count', { n: fmt.number(list.length) }] }),
          year === thisYear ? h('span', { class: 'muted small', i18n: ['tickets.slaPage.holidays.left', { n: fmt.number(left) }] }) : null),
        h('ul', { class: 'sla-holidays' }, list.map((x) => h('li', { 'data-row': '', dataset: { date: x.date }, class: x.date < today ? 'is-past' : null },
          h('time', { datetime: x.date, class: 'sla-holiday-date', text: holidayDate(x.date) }),
          h('span', { class: 'sla-holiday-name', text: x.name }),
          x.date === today ? h('span', { class: 'badge badge-warn', i18n: 'tickets.slaPage.holidays.today' }) : null,
          editor ? h('button', { type: 'button', class: 'btn btn-ghost btn-small sla-holiday-delete', 'data-testid': 'holiday-delete',
            'aria-label': t('tickets.slaPage.holidays.deleteLabel', { name: x.name, date: holidayDate(x.date) }),
            i18n: 'tickets.slaPage.holidays.delete', on: { click: () => remove(x) } }) : null))));
    }));
    if (focusDate) {
      const row = holidayBody.querySelector(`li[data-date="${CSS.escape(focusDate)}"]`);
      if (row) {
        row.classList.add('is-fresh');
        row.scrollIntoView({ block: 'nearest' });
        setTimeout(() => row.classList.remove('is-fresh'), 2500);
      }
    }
  }

  function addForm() {
    const form = h('form', { class: 'sla-holiday-form', novalidate: true, 'data-errors': 'tickets.error', 'data-testid': 'holiday-form' },
      h('h3', { class: 'sla-sub', i18n: 'tickets.slaPage.holidays.add' }),
      formAlert(),
      h('div', { class: 'sla-holiday-fields' },
        field({ name: 'date', labelKey: 'tickets.slaPage.holidays.date', type: 'date', required: true, attrs: { min: '2000-01-01', max: '2100-12-31' } }),
        field({ name: 'name', labelKey: 'tickets.slaPage.holidays.name', required: true, attrs: { maxlength: 120, autocomplete: 'off' } }),
        h('div', { class: 'field sla-holiday-submit' },
          h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'holiday-add' }, h('span', { 'data-label': '', i18n: 'tickets.slaPage.holidays.addButton' })))),
      h('p', { class: 'field-hint', i18n: 'tickets.slaPage.holidays.addHint' }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const v = values(form);
      const replaced = holidays?.find((x) => x.date === v.date);
      const saved = await submitting(form, form.querySelector('[type=submit]'), () => ctx.api.post('/api/v1/tickets/holidays', { date: v.date, name: v.name }));
      if (!saved) return;
      holidays = [...(holidays ?? []).filter((x) => x.date !== saved.date), { date: saved.date, name: saved.name }];
      paintHolidays(saved.date);
      notice('ok', replaced ? 'tickets.slaPage.holidays.renamed' : 'tickets.slaPage.holidays.added', { name: saved.name, date: holidayDate(saved.date) });
      form.reset();
      form.elements.namedItem('date').focus();
    });
    return form;
  }

  async function remove(x) {
    const when = holidayDate(x.date);
    if (!(await confirmDialog({ titleKey: 'tickets.slaPage.holidays.deleteTitle', bodyKey: 'tickets.slaPage.holidays.deleteBody',
      confirmKey: 'tickets.slaPage.holidays.delete', params: { name: x.name, date: when }, danger: true }))) return;
    try {
      await ctx.api.del(`/api/v1/tickets/holidays/${encodeURIComponent(x.date)}`);
      notice('ok', 'tickets.slaPage.holidays.deleted', { name: x.name, date: when });
    } catch (err) {
      if (err?.status !== 404) {
        notice('error', 'tickets.slaPage.holidays.deleteFailed', { message: errorText(err) });
        return;
      }
      // Already gone (another supervisor deleted it): the list catches up.
    }
    const at = holidays.findIndex((y) => y.date === x.date);
    holidays = holidays.filter((y) => y.date !== x.date);
    paintHolidays();
    // The focus goes to the next holiday's delete button (or the form), not back to the top of the page.
    const buttons = [...holidayBody.querySelectorAll('.sla-holiday-delete')];
    (buttons[Math.min(at, buttons.length - 1)] ?? root.querySelector('#f-date'))?.focus();
  }

  const notice = (kind, key, params) => notices.replaceChildren(h('p', {
    class: `alert alert-${kind === 'error' ? 'error' : 'success'}`, role: kind === 'error' ? 'alert' : 'status', i18n: [key, params] }));

  fill(root,
    detailHead('tickets', 'tickets.back', h('span', { i18n: 'tickets.slaPage.title' })),
    h('p', { class: 'page-lead muted', i18n: 'tickets.slaPage.lead' }),
    h('div', { class: 'sla-layout' },
      rules,
      h('section', { class: 'card admin-card sla-card sla-holidays-card', 'data-testid': 'sla-holidays', 'aria-labelledby': 'sla-holidays-title' },
        h('h2', { id: 'sla-holidays-title', i18n: 'tickets.slaPage.holidays.title' }),
        h('p', { class: 'small muted', i18n: editor ? 'tickets.slaPage.holidays.leadEditor' : 'tickets.slaPage.holidays.lead' }),
        notices,
        editor ? addForm() : null,
        holidayBody)));

  page.actions([
    editor && { id: 'sla.holiday.add', get label() { return t('tickets.slaPage.holidays.add'); }, run: () => root.querySelector('#f-date')?.focus() },
  ].filter(Boolean));

  // Names of days, months and units follow a language switch.
  const relabel = () => { paintRules(); paintHolidays(); };
  document.addEventListener('i18n:change', relabel);
  await Promise.all([loadRules(), loadHolidays()]);
  return () => document.removeEventListener('i18n:change', relabel);
}
