// Akun: the account's details (plan, speed, price, status, and a suspended account's reason and what to do), the
// contact details the customer keeps themselves (email, address), the WhatsApp number (changed only after a code sent
// to the new number proves it is theirs), the password, the three WhatsApp notice switches, the language, signing out.
//
//   GET   /api/v1/portal/profile                 details and contact
//   PATCH /api/v1/portal/profile                 {email?, address?} (null clears) → profile
//   POST  /api/v1/portal/profile/phone           {phone, currentPassword} → 202 {phone, expiresInSeconds, resendInSeconds}
//   POST  /api/v1/portal/profile/phone/confirm   {phone, code} → profile
//   POST  /api/v1/portal/profile/password        {currentPassword, newPassword} → 204 (other devices signed out)
//   GET/PUT /api/v1/portal/preferences           {ticketNotices, installationNotices, promotions}, saved per switch
import { h, fill } from '../dom.js';
import { setLang, currentLang, t } from '../i18n.js';
import { ApiError } from '../api.js';
import { logout, wirePasswordToggles } from '../auth.js';
import { errorMessage, showMessage, clearMessage, setBusy } from '../ui.js';
import { fieldError, clearFieldErrors, codeDigits, wireCodeInput, countdown } from '../forms.js';
import { viewHead, stateCard, retryButton, skeleton, accountNotice, planDetails } from './common.js';

const NOTICES = ['ticketNotices', 'installationNotices', 'promotions'];
const MIN_PASSWORD = 8;
const ADDRESS_MAX = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 6281234567890 → 081234567890: the way people write their own number. */
export function localPhone(phone) {
  if (!phone) return '—';
  const digits = String(phone);
  return digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
}

function statusBadge(status) {
  const tone = status === 'active' ? 'badge-up' : status === 'suspended' || status === 'terminated' ? 'badge-down' : 'badge-neutral';
  return h('span', { class: `badge ${tone}`, i18n: `portal.status.account.${status}`, 'data-testid': 'acct-status' });
}

/** The error of a 429 in words: how many minutes to wait. */
function waitMessage(err) {
  const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
  return { key: 'portal.acct.tooMany', params: { minutes } };
}

const fieldOf = (err) => err?.body?.error?.field ?? null;
const is429 = (err) => err instanceof ApiError && err.status === 429;

/** A labelled input inside a .field, with an optional hint tied to it. */
function field(id, labelKey, input, hintKey) {
  input.id = id;
  if (hintKey) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' },
    h('label', { for: id, i18n: labelKey }),
    input,
    hintKey ? h('p', { class: 'field-hint', id: `${id}-hint`, i18n: hintKey }) : null);
}

function passwordField(id, labelKey, autocomplete, hintKey, testid) {
  const input = h('input', { type: 'password', name: id, autocomplete, required: true, 'data-testid': testid });
  const wrap = h('div', { class: 'password-wrap' }, input,
    h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'data-password-toggle': id,
      i18n: 'login.showPassword', 'data-i18n-aria-label': 'login.showPasswordLabel', 'aria-label': t('login.showPasswordLabel') }));
  input.id = id;
  if (hintKey) input.setAttribute('aria-describedby', `${id}-hint`);
  return { input, el: h('div', { class: 'field' }, h('label', { for: id, i18n: labelKey }), wrap,
    hintKey ? h('p', { class: 'field-hint', id: `${id}-hint`, i18n: [hintKey, { min: MIN_PASSWORD }] }) : null) };
}

export default {
  title: 'portal.title.account',

  async render(view, ctx) {
    const me = ctx.me;
    let profile = null;
    let stopped = false;
    const stops = [];

    const noticeSlot = h('div', { class: 'account-notice-slot' });
    const detailsBody = h('div', {}, skeleton(2));
    const contactBody = h('div', {}, skeleton(1));
    const phoneBody = h('div', {}, skeleton(1));
    const passwordBody = h('div', {});
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

    const card = (id, titleKey, body, extra = {}) => h('section', { class: 'card acct-card', 'aria-labelledby': id, ...extra },
      h('h2', { id, i18n: titleKey }), body);

    const contactCard = card('acct-contact', 'portal.acct.contact', contactBody, { 'data-testid': 'acct-contact' });
    const phoneCard = card('acct-phone', 'portal.acct.phone', phoneBody, { 'data-testid': 'acct-phone' });
    view.append(
      viewHead('portal.title.account'),
      noticeSlot,
      card('acct-details', 'portal.acct.details', detailsBody),
      contactCard,
      phoneCard,
      card('acct-password', 'portal.acct.password', passwordBody, { 'data-testid': 'acct-password' }),
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

    // ---------- Details ----------

    function renderDetails(info) {
      fill(noticeSlot, accountNotice(info));
      const status = info.status ?? 'active';
      fill(detailsBody, h('dl', { class: 'facts facts-compact' },
        h('div', {}, h('dt', { i18n: 'field.name' }), h('dd', { text: info.name || '—' })),
        h('div', {}, h('dt', { i18n: 'field.customerNo' }), h('dd', { class: 'mono', text: info.customerNo || '—' })),
        h('div', {}, h('dt', { i18n: 'field.plan' }),
          h('dd', { class: 'plan-cell', 'data-testid': 'acct-plan' },
            info.plan ? [h('span', { text: info.plan }), planDetails(info)] : h('span', { class: 'muted', i18n: 'portal.acct.noPlan' }))),
        h('div', {}, h('dt', { i18n: 'portal.field.status' }), h('dd', {}, statusBadge(status)))));
    }

    // ---------- Contact: email and address ----------

    function renderContact({ saved = false, focus = false } = {}) {
      const edit = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'contact-edit',
        'aria-describedby': 'acct-contact' }, h('span', { i18n: 'portal.acct.edit' }));
      const status = h('div', { class: 'save-status', 'aria-live': 'polite', 'aria-atomic': 'true' },
        saved ? h('p', { class: 'saved', i18n: 'portal.acct.saved' }) : null);
      fill(contactBody,
        h('dl', { class: 'facts facts-compact acct-stack' },
          h('div', {}, h('dt', { i18n: 'portal.acct.email' }),
            h('dd', { class: 'acct-value', 'data-testid': 'acct-email' },
              profile.email ? h('span', { text: profile.email }) : h('span', { class: 'muted', i18n: 'portal.acct.notSet' }))),
          h('div', {}, h('dt', { i18n: 'portal.acct.address' }),
            h('dd', { class: 'acct-value acct-address', 'data-testid': 'acct-address' },
              profile.address ? h('span', { text: profile.address }) : h('span', { class: 'muted', i18n: 'portal.acct.notSet' })))),
        h('div', { class: 'acct-actions' }, edit),
        status);
      edit.addEventListener('click', editContact);
      if (focus) edit.focus();
    }

    function editContact() {
      const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', inputmode: 'email', spellcheck: 'false',
        value: profile.email ?? '', 'data-testid': 'contact-email' });
      const address = h('textarea', { name: 'address', autocomplete: 'street-address', rows: 3, maxlength: ADDRESS_MAX,
        'data-testid': 'contact-address' });
      address.value = profile.address ?? '';
      const region = h('div', { 'aria-live': 'assertive', 'aria-atomic': 'true' });
      const save = h('button', { type: 'submit', class: 'btn btn-accent', 'data-testid': 'contact-save' },
        h('span', { 'data-label': true, i18n: 'portal.acct.save' }));
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'portal.cancel' });
      const form = h('form', { class: 'acct-form', novalidate: true },
        region,
        field('acct-email-input', 'portal.acct.email', email, 'portal.acct.emailHint'),
        field('acct-address-input', 'portal.acct.address', address, 'portal.acct.addressHint'),
        h('div', { class: 'acct-actions' }, save, cancel));
      fill(contactBody, form);
      email.focus();

      form.addEventListener('input', (e) => { if (e.target.matches('input, textarea')) fieldError(e.target, null); });
      cancel.addEventListener('click', () => renderContact({ focus: true }));
      form.addEventListener('keydown', (e) => { if (e.key === 'Escape') renderContact({ focus: true }); });
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (save.disabled) return;
        clearMessage(region);
        clearFieldErrors(form);
        const wanted = { email: email.value.trim() || null, address: address.value.trim() || null };
        if (wanted.email && !EMAIL.test(wanted.email)) {
          fieldError(email, { key: 'portal.acct.emailInvalid' });
          email.focus();
          return;
        }
        setBusy(save, true, 'portal.acct.saving');
        try {
          profile = await ctx.api.patch('/api/v1/portal/profile', wanted) ?? { ...profile, ...wanted };
          if (stopped) return;
          renderContact({ saved: true, focus: true });
        } catch (err) {
          setBusy(save, false);
          if (err instanceof ApiError && err.status === 400 && fieldOf(err) === 'email') {
            fieldError(email, { key: 'portal.acct.emailInvalid' });
            email.focus();
          } else if (err instanceof ApiError && err.status === 400 && fieldOf(err) === 'address') {
            fieldError(address, { key: 'portal.acct.addressInvalid', params: { max: ADDRESS_MAX } });
            address.focus();
          } else {
            showMessage(region, is429(err) ? waitMessage(err) : errorMessage(err));
          }
        }
      });
    }

    // ---------- WhatsApp number ----------

    function renderPhone({ changed = false, focus = false } = {}) {
      const change = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'phone-change' },
        h('span', { i18n: 'portal.acct.phoneChange' }));
      fill(phoneBody,
        h('p', { class: 'acct-phone-number mono', 'data-testid': 'acct-phone-number', text: localPhone(profile.phone) }),
        h('p', { class: 'muted', i18n: 'portal.acct.phoneIntro' }),
        h('div', { class: 'acct-actions' }, change),
        h('div', { class: 'save-status', 'aria-live': 'polite', 'aria-atomic': 'true' },
          changed ? h('p', { class: 'saved', i18n: ['portal.acct.phoneChanged', { phone: localPhone(profile.phone) }] }) : null));
      change.addEventListener('click', () => askNewPhone());
      if (focus) change.focus();
    }

    function askNewPhone(previous = '') {
      const phone = h('input', { type: 'tel', name: 'phone', autocomplete: 'tel', inputmode: 'tel', value: previous,
        'data-testid': 'phone-new' });
      // The current password too: a session alone (a borrowed, unlocked phone) must not be able to move the number.
      const current = passwordField('acct-phone-password', 'portal.acct.currentPassword', 'current-password',
        'portal.acct.phonePasswordHint', 'phone-password');
      const region = h('div', { 'aria-live': 'assertive', 'aria-atomic': 'true' });
      const send = h('button', { type: 'submit', class: 'btn btn-accent', 'data-testid': 'phone-send' },
        h('span', { 'data-label': true, i18n: 'portal.acct.sendCode' }));
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'portal.cancel' });
      const form = h('form', { class: 'acct-form', novalidate: true },
        region,
        field('acct-new-phone', 'portal.acct.newPhone', phone, 'portal.acct.newPhoneHint'),
        current.el,
        h('div', { class: 'acct-actions' }, send, cancel));
      fill(phoneBody, form);
      wirePasswordToggles(form);
      phone.focus();
      cancel.addEventListener('click', () => renderPhone({ focus: true }));
      form.addEventListener('keydown', (e) => { if (e.key === 'Escape') renderPhone({ focus: true }); });
      phone.addEventListener('input', () => fieldError(phone, null));
      current.input.addEventListener('input', () => fieldError(current.input, null));
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (send.disabled) return;
        clearMessage(region);
        fieldError(phone, null);
        fieldError(current.input, null);
        const wanted = phone.value.replace(/[\s().-]/g, '');
        if (!/^\+?\d{8,16}$/.test(wanted)) {
          fieldError(phone, { key: 'portal.acct.phoneInvalid' });
          phone.focus();
          return;
        }
        if (!current.input.value) {
          fieldError(current.input, { key: 'portal.acct.currentRequired' });
          current.input.focus();
          return;
        }
        setBusy(send, true, 'portal.acct.sendingCode');
        try {
          const password = current.input.value;
          const answer = await ctx.api.post('/api/v1/portal/profile/phone', { phone: wanted, currentPassword: password });
          if (stopped) return;
          enterPhoneCode(wanted, answer ?? {}, password);
        } catch (err) {
          setBusy(send, false);
          if (err instanceof ApiError && err.code === 'phone_taken') {
            fieldError(phone, { key: 'portal.acct.phoneTaken' });
            phone.focus();
          } else if (err instanceof ApiError && err.code === 'wrong_password') {
            fieldError(current.input, { key: 'portal.acct.wrongPassword' });
            current.input.select();
            current.input.focus();
          } else if (err instanceof ApiError && err.status === 400 && fieldOf(err) === 'phone') {
            fieldError(phone, { key: 'portal.acct.phoneInvalid' });
            phone.focus();
          } else {
            showMessage(region, is429(err) ? waitMessage(err) : errorMessage(err));
          }
        }
      });
    }

    function enterPhoneCode(typed, answer, password) {
      const normalised = answer.phone ?? typed;
      const code = h('input', { type: 'text', name: 'code', class: 'code-input', inputmode: 'numeric', pattern: '[0-9]*',
        maxlength: 6, autocomplete: 'one-time-code', required: true, 'data-testid': 'phone-code' });
      wireCodeInput(code);
      const region = h('div', { 'aria-live': 'assertive', 'aria-atomic': 'true' });
      const confirm = h('button', { type: 'submit', class: 'btn btn-accent', 'data-testid': 'phone-confirm' },
        h('span', { 'data-label': true, i18n: 'portal.acct.confirm' }));
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'portal.cancel' });
      const resend = h('button', { type: 'button', class: 'btn btn-ghost btn-block', 'data-testid': 'phone-resend' },
        h('span', { 'data-label': true, i18n: 'portal.acct.resend' }));
      const resendStatus = h('div', { class: 'save-status', 'aria-live': 'polite', 'aria-atomic': 'true' });
      const sentText = h('p', { class: 'acct-sent', i18n: ['portal.acct.codeSent', { phone: localPhone(normalised) }] });
      const form = h('form', { class: 'acct-form', novalidate: true },
        sentText,
        region,
        field('acct-phone-code', 'portal.acct.code', code, 'portal.acct.codeHint'),
        h('div', { class: 'acct-actions' }, confirm, cancel));
      fill(phoneBody, form, h('div', { class: 'resend' }, resendStatus, resend),
        h('p', {}, h('button', { type: 'button', class: 'link-button', i18n: 'portal.acct.otherNumber',
          on: { click: () => { stopTimer(); askNewPhone(typed); } } })));
      let stopTimer = countdown(resend, answer.resendInSeconds ?? 60, { waitKey: 'portal.acct.resendIn', readyKey: 'portal.acct.resend' });
      stops.push(() => stopTimer());
      code.focus();

      const leave = (options) => { stopTimer(); renderPhone(options); };
      cancel.addEventListener('click', () => leave({ focus: true }));
      form.addEventListener('keydown', (e) => { if (e.key === 'Escape') leave({ focus: true }); });
      code.addEventListener('input', () => fieldError(code, null));

      resend.addEventListener('click', async () => {
        if (resend.disabled) return;
        clearMessage(resendStatus);
        setBusy(resend, true, 'portal.acct.sendingCode');
        try {
          const again = await ctx.api.post('/api/v1/portal/profile/phone', { phone: typed, currentPassword: password });
          setBusy(resend, false);
          stopTimer();
          stopTimer = countdown(resend, again?.resendInSeconds ?? 60, { waitKey: 'portal.acct.resendIn', readyKey: 'portal.acct.resend' });
          showMessage(resendStatus, { key: 'portal.acct.resent' }, 'success');
          code.value = '';
          code.focus();
        } catch (err) {
          setBusy(resend, false);
          if (is429(err)) {
            stopTimer();
            stopTimer = countdown(resend, err.retryAfter ?? 60, { waitKey: 'portal.acct.resendIn', readyKey: 'portal.acct.resend' });
          }
          showMessage(resendStatus, is429(err) ? waitMessage(err) : errorMessage(err));
        }
      });

      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (confirm.disabled) return;
        clearMessage(region);
        fieldError(code, null);
        const digits = codeDigits(code.value);
        if (digits.length !== 6) {
          fieldError(code, { key: 'portal.acct.codeRequired' });
          code.focus();
          return;
        }
        setBusy(confirm, true, 'portal.acct.saving');
        try {
          profile = await ctx.api.post('/api/v1/portal/profile/phone/confirm', { phone: normalised, code: digits }) ?? { ...profile, phone: normalised };
          if (stopped) return;
          me.phone = profile.phone;
          leave({ changed: true, focus: true });
        } catch (err) {
          setBusy(confirm, false);
          if (err instanceof ApiError && err.code === 'invalid_code') {
            fieldError(code, { key: 'portal.acct.invalidCode' });
            code.select();
            code.focus();
          } else if (err instanceof ApiError && err.code === 'phone_taken') {
            showMessage(region, { key: 'portal.acct.phoneTaken' });
          } else {
            showMessage(region, is429(err) ? waitMessage(err) : errorMessage(err));
          }
        }
      });
    }

    // ---------- Password ----------

    function renderPassword({ changed = false, focus = false } = {}) {
      const open = h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'aria-expanded': 'false',
        'data-testid': 'password-open' }, h('span', { i18n: 'portal.acct.passwordChange' }));
      fill(passwordBody,
        h('p', { class: 'muted', i18n: 'portal.acct.passwordIntro' }),
        h('div', { class: 'acct-actions' }, open),
        h('div', { 'aria-live': 'polite', 'aria-atomic': 'true' },
          changed ? h('p', { class: 'alert alert-success', 'data-testid': 'password-changed', i18n: 'portal.acct.passwordChanged' }) : null));
      open.addEventListener('click', changePassword);
      if (focus) open.focus();
    }

    function changePassword() {
      const current = passwordField('acct-current-password', 'portal.acct.currentPassword', 'current-password', null, 'password-current');
      const next = passwordField('acct-new-password', 'portal.acct.newPassword', 'new-password', 'portal.acct.newPasswordHint', 'password-new');
      const region = h('div', { 'aria-live': 'assertive', 'aria-atomic': 'true' });
      const save = h('button', { type: 'submit', class: 'btn btn-accent', 'data-testid': 'password-save' },
        h('span', { 'data-label': true, i18n: 'portal.acct.passwordSave' }));
      const cancel = h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'portal.cancel' });
      // A hidden username helps password managers file the new password under the right account.
      const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', value: profile?.customerNo ?? me.customerNo ?? '',
        hidden: true, tabindex: '-1', 'aria-hidden': 'true' });
      const form = h('form', { class: 'acct-form', novalidate: true },
        username, region, current.el, next.el,
        h('p', { class: 'muted acct-note', i18n: 'portal.acct.passwordOthers' }),
        h('div', { class: 'acct-actions' }, save, cancel));
      fill(passwordBody, form);
      wirePasswordToggles(form);
      current.input.focus();
      cancel.addEventListener('click', () => renderPassword({ focus: true }));
      form.addEventListener('keydown', (e) => { if (e.key === 'Escape') renderPassword({ focus: true }); });
      form.addEventListener('input', (e) => { if (e.target.matches('input')) fieldError(e.target, null); });
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (save.disabled) return;
        clearMessage(region);
        clearFieldErrors(form);
        const problems = [];
        if (!current.input.value) problems.push([current.input, 'portal.acct.currentRequired']);
        if (next.input.value.length < MIN_PASSWORD) problems.push([next.input, 'portal.acct.newPasswordShort']);
        if (problems.length) {
          problems.forEach(([input, key]) => fieldError(input, { key, params: { min: MIN_PASSWORD } }));
          problems[0][0].focus();
          return;
        }
        setBusy(save, true, 'portal.acct.saving');
        try {
          await ctx.api.post('/api/v1/portal/profile/password', { currentPassword: current.input.value, newPassword: next.input.value });
          if (stopped) return;
          renderPassword({ changed: true, focus: true });
        } catch (err) {
          setBusy(save, false);
          if (err instanceof ApiError && err.code === 'wrong_password') {
            fieldError(current.input, { key: 'portal.acct.wrongPassword' });
            current.input.select();
            current.input.focus();
          } else if (err instanceof ApiError && err.status === 400 && fieldOf(err) === 'newPassword') {
            fieldError(next.input, { key: 'portal.acct.newPasswordShort', params: { min: MIN_PASSWORD } });
            next.input.focus();
          } else {
            showMessage(region, is429(err) ? waitMessage(err) : errorMessage(err));
          }
        }
      });
    }

    // ---------- Loading ----------

    async function loadProfile() {
      try {
        profile = await ctx.api.get('/api/v1/portal/profile');
        if (stopped) return;
        contactCard.hidden = phoneCard.hidden = false;
        renderDetails(profile);
        renderContact();
        renderPhone();
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        // What the sign-in already told us still shows, with one error and a retry; the cards to edit wait for it.
        renderDetails(me);
        contactCard.hidden = phoneCard.hidden = true;
        detailsBody.append(stateCard('error', 'portal.acct.profileFailed', null, retryButton(() => {
          fill(detailsBody, skeleton(2));
          loadProfile();
        })));
      }
    }

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
      // A hub that does not know a switch yet (no such field in its answer) does not get one shown.
      const names = NOTICES.filter((name) => name !== 'promotions' || typeof prefs.promotions === 'boolean');
      const list = h('ul', { class: 'switches' }, names.map((name) => {
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

    renderPassword();
    loadProfile();
    loadPrefs();
    return () => {
      stopped = true;
      stops.forEach((stop) => stop());
      document.removeEventListener('i18n:change', syncLang);
    };
  },
};
