// Akun: the account's details, the two WhatsApp notice switches (GET/PUT /api/v1/portal/preferences, saved as
// soon as one is flipped), the language, and signing out. Issue 16's profile editing joins this page later.
import { h, fill } from '../dom.js';
import { setLang, currentLang } from '../i18n.js';
import { ApiError } from '../api.js';
import { logout } from '../auth.js';
import { errorMessage, showMessage, clearMessage, setBusy } from '../ui.js';
import { viewHead, stateCard, retryButton, skeleton } from './common.js';

const NOTICES = ['ticketNotices', 'installationNotices'];

export default {
  title: 'portal.title.account',

  async render(view, ctx) {
    const me = ctx.me;
    const status = me.status ?? 'active';
    const prefsBody = h('div', {}, skeleton(2));
    const signOutRegion = h('div', { 'aria-live': 'assertive' });
    const signOut = h('button', { type: 'button', class: 'btn btn-secondary btn-block', 'data-testid': 'sign-out' },
      h('span', { 'data-label': true, i18n: 'portal.acct.signOut' }));

    const langGroup = h('div', { class: 'lang-choice', role: 'radiogroup', 'aria-labelledby': 'acct-lang' },
      [['id', 'lang.id.name'], ['en', 'lang.en.name']].map(([code, key]) => h('label', { class: 'choice choice-inline' },
        h('input', { type: 'radio', name: 'lang', value: code, checked: currentLang() === code, 'data-testid': `lang-${code}` }),
        h('span', { class: 'choice-label', lang: code, i18n: key }))));
    langGroup.addEventListener('change', (e) => setLang(e.target.value));
    document.addEventListener('i18n:change', syncLang);
    function syncLang() {
      for (const input of langGroup.querySelectorAll('input')) input.checked = input.value === currentLang();
    }

    view.append(
      viewHead('portal.title.account'),
      h('section', { class: 'card', 'aria-labelledby': 'acct-details' },
        h('h2', { id: 'acct-details', i18n: 'portal.acct.details' }),
        h('dl', { class: 'facts facts-compact' },
          h('div', {}, h('dt', { i18n: 'field.name' }), h('dd', { text: me.name || '—' })),
          h('div', {}, h('dt', { i18n: 'field.customerNo' }), h('dd', { class: 'mono', text: me.customerNo || '—' })),
          h('div', {}, h('dt', { i18n: 'portal.field.phone' }), h('dd', { class: 'mono', text: me.phone || '—' })),
          h('div', {}, h('dt', { i18n: 'field.plan' }), h('dd', { text: me.plan || '—' })),
          h('div', {}, h('dt', { i18n: 'portal.field.status' }), h('dd', { i18n: `portal.status.account.${status}` })))),
      h('section', { class: 'card', 'aria-labelledby': 'acct-notices' },
        h('h2', { id: 'acct-notices', i18n: 'portal.acct.notices' }),
        h('p', { class: 'muted', i18n: 'portal.acct.noticesIntro' }),
        prefsBody),
      h('section', { class: 'card', 'aria-labelledby': 'acct-lang' },
        h('h2', { id: 'acct-lang', i18n: 'portal.acct.language' }),
        langGroup),
      signOutRegion,
      signOut);

    signOut.addEventListener('click', async () => {
      clearMessage(signOutRegion);
      setBusy(signOut, true, 'common.loggingOut');
      try {
        await logout('/portal/login.html');
      } catch (err) {
        setBusy(signOut, false);
        showMessage(signOutRegion, errorMessage(err));
      }
    });

    let stopped = false;
    async function loadPrefs() {
      try {
        const prefs = await ctx.api.get('/api/v1/portal/preferences');
        if (stopped) return;
        fill(prefsBody, noticeSwitches(prefs));
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        fill(prefsBody, stateCard('error', 'portal.acct.prefsFailed', null, retryButton(() => { fill(prefsBody, skeleton(2)); loadPrefs(); })));
      }
    }

    function noticeSwitches(prefs) {
      const region = h('div', { 'aria-live': 'polite', 'aria-atomic': 'true', class: 'save-status' });
      const list = h('ul', { class: 'switches' }, NOTICES.map((name) => {
        const input = h('input', {
          type: 'checkbox', role: 'switch', id: `pref-${name}`, name, checked: prefs[name] !== false,
          'aria-describedby': `pref-${name}-hint`, 'data-testid': `pref-${name}`,
        });
        input.addEventListener('change', async () => {
          const wanted = input.checked;
          input.disabled = true;
          fill(region, h('p', { class: 'muted', i18n: 'portal.acct.saving' }));
          try {
            const saved = await ctx.api.put('/api/v1/portal/preferences', { [name]: wanted });
            input.checked = saved?.[name] ?? wanted;
            fill(region, h('p', { class: 'saved', i18n: 'portal.acct.saved' }));
          } catch (err) {
            input.checked = !wanted;
            showMessage(region, errorMessage(err));
          } finally {
            input.disabled = false;
          }
        });
        return h('li', { class: 'switch-row' },
          h('label', { class: 'switch', for: `pref-${name}` },
            h('span', { class: 'switch-text' },
              h('span', { class: 'switch-label', i18n: `portal.acct.${name}` }),
              h('span', { class: 'switch-hint', id: `pref-${name}-hint`, i18n: `portal.acct.${name}Hint` })),
            input,
            h('span', { class: 'switch-track', 'aria-hidden': 'true' })));
      }));
      return [list, region];
    }

    loadPrefs();
    return () => {
      stopped = true;
      document.removeEventListener('i18n:change', syncLang);
    };
  },
};
