// Pemasangan: the customer's installation(s), each a timeline of stages (scheduled → survey → cabling →
// device_installed → activated) with times in WIB, the technician's notes and photos. Live on installation frames.
import { h, fill, fmt } from '../dom.js';
import { ApiError } from '../api.js';
import { keepFresh, stateCard, retryButton, skeleton, viewHead, stepper, stageSummary, announce } from './common.js';
import { t } from '../i18n.js';

function installationCard(inst) {
  const activated = inst.stage === 'activated';
  return h('section', { class: 'card install-card', 'aria-labelledby': `install-${inst.id}`, 'data-testid': 'installation', dataset: { stage: inst.stage } },
    h('h2', { id: `install-${inst.id}`, class: 'install-title' },
      h('span', { i18n: 'portal.install.number' }), ' ',
      h('span', { class: 'mono', text: inst.number })),
    activated
      ? h('p', { class: 'alert alert-success', i18n: ['portal.install.activated', { time: fmt.dateTime(inst.activatedAt ?? inst.updatedAt) }] })
      : stageSummary(inst),
    h('dl', { class: 'facts facts-compact' },
      inst.plan ? h('div', {}, h('dt', { i18n: 'portal.install.plan' }), h('dd', { text: inst.plan })) : null,
      inst.address ? h('div', {}, h('dt', { i18n: 'portal.install.address' }), h('dd', { text: inst.address })) : null,
      inst.scheduledAt ? h('div', {}, h('dt', { i18n: 'portal.install.scheduled' }), h('dd', { text: fmt.dateTime(inst.scheduledAt) })) : null,
      inst.technician?.name ? h('div', {}, h('dt', { i18n: 'portal.install.technician' }), h('dd', { text: inst.technician.name })) : null),
    h('h3', { class: 'install-steps-title', i18n: 'portal.install.progress' }),
    stepper(inst, { detail: true }));
}

export default {
  title: 'portal.title.installation',

  async render(view, ctx) {
    const body = h('div', { class: 'install-body' }, skeleton(3));
    view.append(viewHead('portal.title.installation'), body);
    let stopped = false;
    let stages = new Map();

    async function load(event) {
      try {
        const answer = await ctx.api.get('/api/v1/portal/installations');
        if (stopped) return;
        const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
        // The one in progress first, then the rest newest first.
        items.sort((a, b) => (a.stage === 'activated') - (b.stage === 'activated'));
        if (event && event.type === 'installation') {
          const moved = items.find((i) => stages.has(i.id) && stages.get(i.id) !== i.stage);
          if (moved) announce('portal.install.updatedLive', { stage: t(`portal.install.stage.${moved.stage}`) });
        }
        stages = new Map(items.map((i) => [i.id, i.stage]));
        fill(body, items.length
          ? items.map(installationCard)
          : stateCard('missing', 'portal.install.none', null, h('a', { class: 'btn btn-secondary', href: '#/', i18n: 'portal.back.home' })));
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        if (event && stages.size) return; // keep what is shown
        fill(body, stateCard('error', 'portal.install.failed', null, retryButton(() => { fill(body, skeleton(3)); load(); })));
      }
    }

    load();
    const stop = keepFresh(['installation'], load, 30);
    return () => {
      stopped = true;
      stop();
    };
  },
};

