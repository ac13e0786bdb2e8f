// The portal's sign-in page, and its "forgot password" help in two more steps on the same page:
//   (no #)  sign in                      POST /api/v1/auth/customer/login
//   #lupa   ask for a code on WhatsApp   POST /api/v1/auth/customer/reset-code {login}   → 202 always
//   #kode   the code and a new password  POST /api/v1/auth/customer/reset {login, code, password} → signed in
// The steps are the address's #, so a phone's Back button goes back a step. Each step's heading takes the focus
// when it appears, so a screen reader says where the person is; errors are read from live regions.
import { initI18n, setText, t } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { wireLoginForm, wirePasswordToggles, safeNext } from '../auth.js';
import { errorMessage, showMessage, clearMessage, setBusy } from '../ui.js';
import { fieldError, clearFieldErrors, codeDigits, wireCodeInput, countdown } from '../forms.js';

const AREA = '/portal/';
const HOME = '/portal/index.html';
const RESET_CODE = '/api/v1/auth/customer/reset-code';
const RESET = '/api/v1/auth/customer/reset';
const MIN_PASSWORD = 8;
// Which account a code was asked for and when it may be asked again, kept for this tab only: a reload on the code
// step (or the WhatsApp app pushing the browser out of memory) keeps the person where they were.
const STORE = 'aglis.portal.reset';

await initI18n();

wireLoginForm(document.getElementById('login-form'), {
  kind: 'customer',
  endpoint: '/api/v1/auth/customer/login',
  home: HOME,
  area: AREA,
  invalidKey: 'login.customer.error.invalid',
  // Customers paste numbers from chats with stray spaces; the server normalises the rest.
  toBody: (form) => ({ login: String(form.get('login')).trim(), password: String(form.get('password')) }),
});

const steps = Object.fromEntries([...document.querySelectorAll('[data-step]')].map((el) => [el.dataset.step, el]));
const TITLES = { signin: 'login.customer.pageTitle', request: 'login.forgot.pageTitle', code: 'login.forgot.pageTitle' };

const requestForm = document.getElementById('request-form');
const resetForm = document.getElementById('reset-form');
const loginInput = document.getElementById('login');
const resetLogin = document.getElementById('reset-login');
const codeInput = document.getElementById('reset-code');
const newPassword = document.getElementById('reset-password');
const resendButton = steps.code.querySelector('[data-resend]');
const resendStatus = steps.code.querySelector('[data-resend-status]');
const sentTo = steps.code.querySelector('[data-sent-to]');
let stopCountdown = () => {};
let shown = null;
let memory = null; // the same as STORE, for when storage is blocked

function readSent() {
  try {
    const sent = JSON.parse(sessionStorage.getItem(STORE) ?? 'null');
    return sent && typeof sent.login === 'string' ? sent : null;
  } catch {
    return null;
  }
}

function remember(login, answer) {
  const sent = { login, resendAt: Date.now() + (answer?.resendInSeconds ?? 60) * 1000 };
  try {
    sessionStorage.setItem(STORE, JSON.stringify(sent));
  } catch {
    // storage blocked: the flow still works until a reload
  }
  memory = sent;
  return sent;
}
const sentCode = () => readSent() ?? memory;

function forget() {
  memory = null;
  try {
    sessionStorage.removeItem(STORE);
  } catch {
    // nothing kept
  }
}

/** Shows the step the address names; a code step without a code asked for goes back to asking. */
function route() {
  let step = { '#lupa': 'request', '#kode': 'code' }[location.hash] ?? 'signin';
  if (step === 'code' && !sentCode()) {
    history.replaceState(null, '', '#lupa');
    step = 'request';
  }
  show(step);
}

function show(step) {
  const first = shown === null;
  if (step === shown) return;
  shown = step;
  for (const [name, el] of Object.entries(steps)) el.hidden = name !== step;
  document.title = t(TITLES[step]);
  document.querySelector('title').setAttribute('data-i18n', TITLES[step]);
  if (step === 'request' && !resetLogin.value) resetLogin.value = loginInput.value.trim() || sentCode()?.login || '';
  if (step === 'code') enterCodeStep();
  else stopCountdown();
  // The page's first view keeps the browser's own focus; a step reached later moves it to its heading.
  if (!first || step !== 'signin') steps[step].querySelector('h1').focus();
}

function enterCodeStep() {
  const sent = sentCode();
  setText(sentTo, 'login.forgot.sentTo', { login: sent.login });
  startResendCountdown(Math.max(0, (sent.resendAt - Date.now()) / 1000));
}

function startResendCountdown(seconds) {
  stopCountdown();
  stopCountdown = countdown(resendButton, seconds, { waitKey: 'login.forgot.resendIn', readyKey: 'login.forgot.resend' });
}

/** A 429 says how long to wait; the button stays off until then. */
function tooMany(err, region, button) {
  const seconds = err.retryAfter ?? 60;
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  showMessage(region, { key: 'login.forgot.tooMany', params: { minutes } });
  button.disabled = true;
  setTimeout(() => { button.disabled = false; }, seconds * 1000);
}

// ---------- Step 1: ask for a code ----------

requestForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const region = requestForm.querySelector('[data-error-region]');
  const submit = requestForm.querySelector('[type="submit"]');
  if (submit.disabled) return;
  clearMessage(region);
  clearFieldErrors(requestForm);
  const login = resetLogin.value.trim();
  if (!login) {
    fieldError(resetLogin, { key: 'login.forgot.loginRequired' });
    resetLogin.focus();
    return;
  }
  setBusy(submit, true, 'login.forgot.sending');
  try {
    const answer = await api.post(RESET_CODE, { login });
    setBusy(submit, false);
    remember(login, answer);
    codeInput.value = '';
    clearFieldErrors(resetForm);
    clearMessage(resetForm.querySelector('[data-error-region]'));
    clearMessage(resendStatus);
    location.hash = '#kode';
  } catch (err) {
    setBusy(submit, false);
    if (err instanceof ApiError && err.status === 429) {
      tooMany(err, region, submit);
    } else if (err instanceof ApiError && err.code === 'invalid_field') {
      fieldError(resetLogin, { key: 'login.forgot.loginRequired' });
      resetLogin.focus();
    } else {
      showMessage(region, errorMessage(err));
    }
  }
});

// ---------- Step 2: the code and a new password ----------

wireCodeInput(codeInput);
wirePasswordToggles(resetForm);
resetForm.addEventListener('input', (ev) => { if (ev.target.matches('input')) fieldError(ev.target, null); });

resetForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const region = resetForm.querySelector('[data-error-region]');
  const submit = resetForm.querySelector('[type="submit"]');
  if (submit.disabled) return;
  clearMessage(region);
  clearFieldErrors(resetForm);
  const code = codeDigits(codeInput.value);
  const password = newPassword.value;
  const problems = [];
  if (code.length !== 6) problems.push([codeInput, 'login.forgot.codeRequired']);
  if (password.length < MIN_PASSWORD) problems.push([newPassword, 'login.forgot.passwordShort']);
  if (problems.length) {
    problems.forEach(([input, key]) => fieldError(input, { key, params: { min: MIN_PASSWORD } }));
    problems[0][0].focus();
    return;
  }
  setBusy(submit, true, 'login.forgot.saving');
  try {
    await api.post(RESET, { login: sentCode().login, code, password });
    forget();
    location.replace(safeNext(AREA) ?? HOME); // stays busy while the portal loads
  } catch (err) {
    setBusy(submit, false);
    if (err instanceof ApiError && err.code === 'invalid_code') {
      fieldError(codeInput, { key: 'login.forgot.invalidCode' });
      showMessage(region, { key: 'login.forgot.invalidCode' });
      codeInput.select();
      codeInput.focus();
    } else if (err instanceof ApiError && err.code === 'invalid_field' && (err.body?.error?.field ?? 'password') === 'password') {
      fieldError(newPassword, { key: 'login.forgot.passwordShort', params: { min: MIN_PASSWORD } });
      newPassword.focus();
    } else if (err instanceof ApiError && err.status === 429) {
      tooMany(err, region, submit);
    } else {
      showMessage(region, errorMessage(err));
    }
  }
});

resendButton.addEventListener('click', async () => {
  if (resendButton.disabled) return;
  const sent = sentCode();
  clearMessage(resendStatus);
  setBusy(resendButton, true, 'login.forgot.sending');
  try {
    const answer = await api.post(RESET_CODE, { login: sent.login });
    setBusy(resendButton, false);
    remember(sent.login, answer);
    showMessage(resendStatus, { key: 'login.forgot.resent' }, 'success');
    startResendCountdown(answer?.resendInSeconds ?? 60);
    codeInput.value = '';
    clearFieldErrors(resetForm);
    codeInput.focus();
  } catch (err) {
    setBusy(resendButton, false);
    if (err instanceof ApiError && err.status === 429) {
      const seconds = err.retryAfter ?? 60;
      showMessage(resendStatus, { key: 'login.forgot.tooMany', params: { minutes: Math.max(1, Math.ceil(seconds / 60)) } });
      startResendCountdown(seconds);
    } else {
      showMessage(resendStatus, errorMessage(err));
    }
  }
});

window.addEventListener('hashchange', route);
route();
for (const form of [requestForm, resetForm]) form.querySelector('[type="submit"]').disabled = false;
