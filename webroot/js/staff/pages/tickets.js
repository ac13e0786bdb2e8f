// Tickets: the live queue customer service works from, one ticket with its thread, SLA and timeline, a new ticket
// on a customer's behalf, and the canned replies. Routes:
//   #/tickets?status=&priority=&category=&assignee=&sla=&q=&customerId=   the queue (filters in the URL)
//   #/tickets/new[?customerId=]   a new ticket        #/tickets/<id>   one ticket        #/tickets/canned   canned replies
//   #/tickets/sla   the SLA targets, calendars, escalation rules and the holiday list
// Each view is a module in ../tickets/<view>.js exporting `async render(root, ctx)` that returns its stop function.
import { t, useDictionary } from '../../i18n.js';
import { may, stylesheet } from '../tickets/common.js';

export default {
  title: 'console.nav.tickets',
  dictionary: 'tickets',
  async render(root, ctx) {
    // The shared list, form and dialog helpers speak the administration pages' words.
    await Promise.all([useDictionary('admin'), stylesheet('/css/tickets.css')]);
    const [first] = ctx.path;
    const common = [
      may.createTicket(ctx.can) && { id: 'tickets.new', get label() { return t('tickets.action.new'); }, run: () => ctx.navigate('#/tickets/new') },
      { id: 'tickets.queue', get label() { return t('tickets.action.queue'); }, run: () => ctx.navigate('#/tickets') },
      { id: 'tickets.canned', get label() { return t('tickets.action.canned'); }, run: () => ctx.navigate('#/tickets/canned') },
      { id: 'tickets.sla', get label() { return t('tickets.action.sla'); }, run: () => ctx.navigate('#/tickets/sla') },
    ].filter(Boolean);
    const page = { actions: (list) => ctx.actions([...list, ...common]) };
    page.actions([]);
    let view = 'queue';
    if (first === 'new') view = 'new';
    else if (first === 'canned') view = 'canned';
    else if (first === 'sla') view = 'sla';
    else if (first) view = 'ticket';
    const module = await import(`../tickets/${view}.js`);
    return module.render(root, ctx, page);
  },
};
