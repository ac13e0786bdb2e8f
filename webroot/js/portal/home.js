// Beranda: a suspended account's reason and what to do (first, above all else), greeting, account basics, the bill to pay now (only when the
// billing API answers), the reports still in progress, and the installation's progress when there is one (the only
// way to it on a phone: five tabs are all that fit). Bills, reports and installation stay live.
import { h, fill, fmt } from '../dom.js';
import { setText } from '../i18n.js';
import { ApiError } from '../api.js';
import {
  statusBadge, isOpen, keepFresh, stateCard, retryButton, skeleton, currentInstallation, stepper, stageSummary,
  isDue, billBadge, owed, currentBill, dayText, periodText, updateBillsDue, accountNotice, planDetails,
} from './common.js';
import { planComparison } from './speedtest.js';

const SHOWN = 3;

function partOfDay(hour) {
  if (hour >= 4 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 15) return 'midday';
  if (hour >= 15 && hour < 18) return 'afternoon';
  return 'evening';
}

/** The hour in WIB, whatever the phone's own time zone says. */
function hourInJakarta() {
  return Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Jakarta' }).format(new Date()));
}

function accountCard(me) {
  const status = me.status ?? 'active';
  const greeting = h('h1', { class: 'greeting view-title', id: 'greeting', tabindex: '-1', 'data-view-title': true });
  setText(greeting, `portal.greeting.${partOfDay(hourInJakarta())}`, { name: me.name || me.customerNo || '' });
  return h('section', { class: 'card greeting-card', 'aria-labelledby': 'greeting' },
    greeting,
    // A suspended account's notice comes right under the greeting, before anything else: it is why the internet is off.
    accountNotice(me),
    h('dl', { class: 'facts facts-compact' },
      h('div', {}, h('dt', { i18n: 'field.customerNo' }), h('dd', { class: 'mono', 'data-testid': 'account-customer-no', text: me.customerNo ?? '—' })),
      h('div', {}, h('dt', { i18n: 'field.plan' }), h('dd', { class: 'plan-cell' }, h('span', { text: me.plan || '—' }), me.plan ? planDetails(me) : null)),
      h('div', {}, h('dt', { i18n: 'portal.field.status' }),
        h('dd', {}, h('span', {
          class: `badge ${status === 'active' ? 'badge-up' : status === 'suspended' || status === 'terminated' ? 'badge-down' : 'badge-neutral'}`,
          i18n: `portal.status.account.${status}`,
          'data-testid': 'account-status',
        })))));
}

export function ticketRow(ticket) {
  return h('li', { class: 'ticket-row', dataset: { ticketId: ticket.id, status: ticket.status }, 'data-testid': 'ticket-row' },
    h('a', { href: `#/tickets/${ticket.id}`, class: 'ticket-link' },
      h('span', { class: 'ticket-top' },
        h('span', { class: 'ticket-number mono', text: ticket.number }),
        statusBadge(ticket.status)),
      h('span', { class: 'ticket-subject', text: ticket.subject }),
      h('span', { class: 'ticket-meta muted' },
        h('span', { i18n: `portal.category.${ticket.category}` }),
        ' · ',
        h('span', { i18n: ['portal.tickets.updated', { time: fmt.relative(ticket.updatedAt ?? ticket.createdAt) }] }))));
}

export default {
  title: 'portal.title.home',

  async render(view, ctx) {
    const ticketsBody = h('div', { class: 'card-body' }, skeleton(2));
    const installSection = h('section', { class: 'card', 'aria-labelledby': 'home-install', hidden: true });
    const billSection = h('section', { class: 'card home-bill', 'aria-labelledby': 'home-bill', hidden: true, 'data-testid': 'home-bill' });
    const speedSection = h('section', { class: 'card st-home', 'aria-labelledby': 'home-speed', hidden: true, 'data-testid': 'home-speedtest' });
    view.append(
      accountCard(ctx.me),
      billSection,
      h('section', { class: 'card report-card', 'aria-labelledby': 'home-report' },
        h('h2', { id: 'home-report', i18n: 'portal.home.reportTitle' }),
        h('p', { class: 'muted', i18n: 'portal.home.reportHint' }),
        h('a', { class: 'btn btn-accent btn-block', href: '#/tickets/new', 'data-testid': 'home-report', i18n: 'portal.home.report' })),
      speedSection,
      h('section', { class: 'card', 'aria-labelledby': 'home-open' },
        h('h2', { id: 'home-open', i18n: 'portal.home.openTickets' }),
        ticketsBody),
      installSection);

    let stopped = false;
    async function loadTickets() {
      try {
        const answer = await ctx.api.get('/api/v1/portal/tickets');
        if (stopped) return;
        const open = (answer.items ?? []).filter(isOpen);
        updateCount(open.length);
        fill(ticketsBody,
          open.length
            ? h('ul', { class: 'ticket-list', 'data-testid': 'home-open-tickets' }, open.slice(0, SHOWN).map(ticketRow))
            : stateCard('empty', 'portal.home.noOpenTickets'),
          open.length > SHOWN ? h('p', { class: 'muted', i18n: ['portal.home.moreOpen', { n: open.length - SHOWN }] }) : null,
          h('a', { class: 'card-link', href: '#/tickets', i18n: 'portal.home.allTickets' }));
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && err.status === 401) return;
        fill(ticketsBody, stateCard('error', 'portal.home.ticketsFailed', null, retryButton(loadTickets)));
      }
    }

    async function loadInstallation() {
      const items = await ctx.portal.loadInstallations().catch(() => []);
      if (stopped) return;
      const inst = currentInstallation(items);
      installSection.hidden = !inst;
      if (!inst) return;
      fill(installSection,
        h('h2', { id: 'home-install', i18n: 'portal.home.installation' }),
        stageSummary(inst),
        stepper(inst),
        h('a', { class: 'card-link', href: '#/installation', i18n: 'portal.home.installationLink' }));
    }

    // Shown once the billing API answers; a hub without it (or a failure) leaves the card out, not an error.
    async function loadBill() {
      try {
        const answer = await ctx.api.get('/api/v1/portal/invoices?limit=24');
        if (stopped) return;
        const items = answer.items ?? [];
        const bill = currentBill(items);
        const due = items.filter(isDue);
        updateBillsDue(due.length);
        billSection.hidden = false;
        billSection.dataset.status = bill?.status ?? 'none';
        const left = bill ? owed(bill) : 0;
        fill(billSection,
          h('div', { class: 'bill-current-top' },
            h('h2', { id: 'home-bill', i18n: 'portal.home.bill' }),
            bill ? billBadge(bill.status, { 'data-testid': 'home-bill-status' }) : null),
          !bill
            ? h('p', { class: 'muted', i18n: 'portal.bills.none' })
            : bill.status === 'paid'
              ? h('p', { class: 'home-bill-paid', i18n: ['portal.home.billPaid', { period: periodText(bill.period) }] })
              : [
                h('p', { class: 'muted home-bill-period', text: periodText(bill.period) }),
                h('p', { class: 'bill-amount', 'data-testid': 'home-bill-amount', text: fmt.rupiah(left) }),
                h('p', { class: `home-bill-due${bill.status === 'overdue' ? ' is-late' : ''}` },
                  h('span', { i18n: bill.status === 'overdue' ? 'portal.home.billWasDue' : 'portal.home.billDue' }), ' ',
                  h('time', { datetime: bill.dueDate, 'data-testid': 'home-bill-due', text: dayText(bill.dueDate) }), ' WIB'),
                due.length > 1 ? h('p', { class: 'muted', i18n: ['portal.home.billMore', { n: due.length - 1 }] }) : null,
              ],
          h('a', { class: 'card-link', href: '#/bills', 'data-testid': 'home-bill-link', i18n: 'portal.home.billLink' }));
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        // Keep a card already shown (a refetch that failed); otherwise nothing to show.
      }
    }

    // The last speed test, or an invitation to run one; a hub without the speed test (or a failure) leaves it out.
    async function loadSpeed() {
      try {
        const answer = await ctx.api.get('/api/v1/speedtest/results?limit=1');
        if (stopped) return;
        const last = answer.items?.[0];
        speedSection.hidden = false;
        fill(speedSection,
          h('h2', { id: 'home-speed', i18n: 'speedtest.home.title' }),
          last
            ? [
              h('p', { class: 'st-home-main' },
                h('span', { class: 'st-home-value', 'data-testid': 'home-speedtest-value', text: fmt.number(last.downloadMbps, last.downloadMbps < 10 ? 1 : 0) }),
                ' ', h('span', { class: 'st-home-unit', text: 'Mbps' }), ' ',
                h('span', { class: 'muted', i18n: 'speedtest.result.downloadShort' })),
              planComparison(last, { compact: true }),
              h('p', { class: 'muted st-home-when' }, h('time', { datetime: last.at, text: fmt.dateTime(last.at) })),
              h('a', { class: 'card-link', href: '#/speedtest', 'data-testid': 'home-speedtest-link', i18n: 'speedtest.home.again' }),
            ]
            : [
              h('p', { class: 'muted', i18n: 'speedtest.home.invite' }),
              h('a', { class: 'btn btn-secondary btn-block', href: '#/speedtest', 'data-testid': 'home-speedtest-link', i18n: 'speedtest.home.start' }),
            ]);
      } catch (err) {
        // Left out, or kept as it was: nothing here is worth an error on the home page.
      }
    }

    loadTickets();
    loadBill();
    loadSpeed();
    loadInstallation();
    const stop = keepFresh(['ticket'], loadTickets);
    const stopBills = keepFresh(['payment', 'invoice'], loadBill, 60);
    const stopInstall = ctx.live.on('installation', loadInstallation);
    return () => {
      stopped = true;
      stop();
      stopBills();
      stopInstall();
    };
  },
};

/** The number beside "Laporan" in the tabs: reports still in progress. */
export function updateCount(n) {
  const badge = document.querySelector('[data-open-count]');
  if (!badge) return;
  badge.hidden = !n;
  badge.textContent = n ? String(n) : '';
}
