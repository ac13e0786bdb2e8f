// WhatsApp: the queue, sending (single and batches from CSV), batches' progress, devices, message search with
// timelines and dead-letter handling, templates, the inbox with replies, and analytics. Route #/whatsapp/<tab>?filters;
// each tab is a module in ../whatsapp/<tab>.js exporting `async function render(root, ctx, page)` that returns its stop
// function. `page.actions(list)` adds the tab's palette entries to the page's own.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { TABS } from '../whatsapp/common.js';

export default {
  title: 'console.nav.whatsapp',
  dictionary: 'whatsapp',
  async render(root, ctx) {
    await stylesheet('/css/whatsapp.css');
    const tab = TABS.find((candidate) => candidate.id === ctx.path[0]) ?? TABS[0];
    const body = h('div', { class: 'wa-body' });
    root.append(
      h('header', { class: 'page-head' },
        h('h1', { class: 'page-title', i18n: 'wa.title' }),
        h('p', { class: 'page-lead muted', i18n: `wa.lead.${tab.id}` })),
      h('nav', { class: 'wa-tabs', 'aria-label': t('wa.tabs') },
        h('ul', {}, TABS.map((candidate) => h('li', {},
          h('a', { href: `#/whatsapp/${candidate.id}`, 'aria-current': candidate === tab ? 'page' : null, i18n: candidate.key }))))),
      body);
    root.querySelector('.wa-tabs [aria-current]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });

    const goTo = TABS.filter((candidate) => candidate !== tab).map((candidate) => ({
      id: `wa.go.${candidate.id}`,
      label: `WhatsApp: ${t(candidate.key)}`,
      run: () => ctx.navigate(`#/whatsapp/${candidate.id}`),
    }));
    const page = { actions: (list) => ctx.actions([...list, ...goTo]) };
    page.actions([]);

    // Links inside the page navigate by hash (so the console re-renders with the new tab and filters).
    root.addEventListener('click', (event) => {
      const anchor = event.target.closest('a[href^="#/"]');
      if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
        event.preventDefault();
        ctx.navigate(anchor.getAttribute('href'));
      }
    });

    const module = await import(`../whatsapp/${tab.id}.js`);
    return module.render(body, ctx, page);
  },
};

/** The area's own stylesheet, added once and awaited, so a tab never shows unstyled. */
function stylesheet(href) {
  const present = document.querySelector(`link[rel="stylesheet"][href="${href}"]`);
  if (present) return Promise.resolve();
  return new Promise((resolve) => {
    const link = h('link', { rel: 'stylesheet', href });
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
    document.head.append(link);
  });
}
