// Session helpers shared by staff and customer pages.
import { api, ApiError } from './api.js';
import { setText, translate } from './i18n.js';
import { errorMessage, showMessage, clearMessage, setBusy } from './ui.js';

const ME = '/api/v1/auth/me';
const LOGOUT = '/api/v1/auth/logout';

/** The signed-in principal, or null when nobody is signed in. Other failures throw. */
export async function currentPrincipal() {
  try {
    return await api.get(ME);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/**
 * Resolve with the principal if it is of `kind`; otherwise send the browser to
 * loginUrl (remembering where it was) and never resolve, so callers render nothing.
 * Network/server errors are thrown so the page can show them instead of looping.
 */
export async function requireLogin(kind, loginUrl) {
  const me = await currentPrincipal();
  if (me && me.kind === kind) return me;
  const target = new URL(loginUrl, location.origin);
  target.searchParams.set('next', location.pathname + location.search + location.hash);
  location.replace(target.pathname + target.search);
  return new Promise(() => {});
}

export async function logout(redirectUrl) {
  try {
    await api.post(LOGOUT);
  } catch (err) {
    // Already signed out (expired session) is as good as a successful logout.
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  }
  location.replace(redirectUrl);
}

/**
 * The ?next= target after login, only if it points back into this area of the
 * site: anything else (other origins, //host, javascript:) would be an open redirect.
 */
export function safeNext(areaPrefix) {
  const raw = new URLSearchParams(location.search).get('next');
  if (!raw) return null;
  try {
    const url = new URL(raw, location.origin);
    if (url.origin !== location.origin || !url.pathname.startsWith(areaPrefix)) return null;
    if (url.pathname === location.pathname) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

/**
 * Buttons marked [data-password-toggle="inputId"] show/hide that password field.
 * The label itself flips (Show/Hide) rather than using aria-pressed, so the
 * visible text always matches the accessible name.
 */
export function wirePasswordToggles(root = document) {
  for (const btn of root.querySelectorAll('[data-password-toggle]')) {
    const input = document.getElementById(btn.dataset.passwordToggle);
    if (!input) continue;
    btn.setAttribute('aria-controls', input.id);
    btn.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      btn.setAttribute('data-i18n-aria-label', show ? 'login.hidePasswordLabel' : 'login.showPasswordLabel');
      setText(btn, show ? 'login.hidePassword' : 'login.showPassword');
      translate(btn);
    });
  }
}

/**
 * Wire a login form. The form holds inputs with `required`, a submit button
 * (disabled in the HTML until this runs, so an early tap can't do a native
 * submit) and an empty [data-error-region] live region.
 *
 * options: kind ('staff'|'customer'), endpoint, home, area (path prefix for
 * ?next=), toBody(FormData) -> JSON body, invalidKey (i18n key for 401).
 */
export function wireLoginForm(form, { kind, endpoint, home, area, toBody, invalidKey }) {
  const region = form.querySelector('[data-error-region]');
  const submit = form.querySelector('[type="submit"]');
  const password = form.querySelector('input[type="password"]');
  const target = safeNext(area) ?? home;
  let lockedUntil = 0;

  // Skip the form if already signed in. This GET also gives us the CSRF cookie
  // before the user submits, saving a round trip on slow connections.
  currentPrincipal()
    .then((me) => { if (me?.kind === kind) location.replace(target); })
    .catch(() => {}); // real problems will surface on submit

  wirePasswordToggles(form);
  form.addEventListener('input', (ev) => ev.target.removeAttribute?.('aria-invalid'));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (submit.disabled || Date.now() < lockedUntil) return;
    clearMessage(region);

    const missing = [...form.querySelectorAll('[required]')].filter((el) => !el.value.trim());
    for (const el of form.querySelectorAll('[required]')) {
      if (missing.includes(el)) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
    if (missing.length) {
      showMessage(region, { key: 'login.error.required' });
      missing[0].focus();
      return;
    }

    setBusy(submit, true, 'login.submitting');
    try {
      await api.post(endpoint, toBody(new FormData(form)));
      location.replace(target); // stay busy while the next page loads
    } catch (err) {
      setBusy(submit, false);
      if (err instanceof ApiError && err.code === 'invalid_credentials') {
        showMessage(region, { key: invalidKey });
        password.value = '';
        password.setAttribute('aria-invalid', 'true');
        password.focus();
        return;
      }
      showMessage(region, errorMessage(err));
      if (err instanceof ApiError && err.code === 'too_many_attempts') {
        // Keep the button off until the server would accept another try.
        const wait = (err.retryAfter ?? 60) * 1000;
        lockedUntil = Date.now() + wait;
        submit.disabled = true;
        setTimeout(() => { submit.disabled = false; }, wait);
      }
    }
  });

  submit.disabled = false;
}
