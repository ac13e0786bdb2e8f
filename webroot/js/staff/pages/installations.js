// Installations: the board by stage (scheduled → activated; on a phone a stage filter and one list), one
// installation with its progress and the "post progress" form a technician uses on site, and a new installation.
//   #/installations?q=&technician=&stage=   the board      #/installations/new[?customerId=]   new      #/installations/<id>   one
// Each view is a module in ../installations/<view>.js exporting `async render(root, ctx, page)` that returns its stop function.
import { t, useDictionary } from '../../i18n.js';
import { may, stylesheet } from '../tickets/common.js';

export default {
  title: 'console.nav.installations',
  dictionary: 'tickets',
  async render(root, ctx) {
    await Promise.all([useDictionary('admin'), stylesheet('/css/tickets.css')]);
    const [first] = ctx.path;
    const common = [
      may.createInstallation(ctx.can) && { id: 'inst.new', get label() { return t('inst.action.new'); }, run: () => ctx.navigate('#/installations/new') },
      { id: 'inst.board', get label() { return t('inst.action.board'); }, run: () => ctx.navigate('#/installations') },
    ].filter(Boolean);
    const page = { actions: (list) => ctx.actions([...list, ...common]) };
    page.actions([]);
    const view = !first ? 'board' : first === 'new' ? 'new' : 'detail';
    const module = await import(`../installations/${view}.js`);
    return module.render(root, ctx, page);
  },
};
