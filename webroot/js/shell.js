// The signed-in page shell shared by staff and customer pages:
// translate the page, require a session, fill in who is signed in, wire logout.
//
// Markup it understands:
//   <main data-shell> with [data-state="loading"|"error"|"ready"] blocks
//   [data-shell-error]       live region for load/logout errors
//   [data-principal="field"] gets the principal's field as text (name, username, …)
//   [data-principal-role]    gets the translated role name
//   [data-signed-in]         hidden until the principal is known (e.g. header user area)
//   [data-roles="admin supervisor"] hidden unless the user has one of these roles
//   [data-logout], [data-retry] buttons
import { initI18n, setText, hasKey } from './i18n.js';
import { requireLogin, logout } from './auth.js';
import { errorMessage, showMessage, clearMessage, showState, setBusy } from './ui.js';

function fillPrincipal(me) {
  for (const el of document.querySelectorAll('[data-principal]')) {
    const value = me[el.dataset.principal];
    el.textContent = value == null || value === '' ? '—' : String(value);
  }
  for (const el of document.querySelectorAll('[data-principal-role]')) {
    const key = `role.${me.role}`;
    if (hasKey(key)) setText(el, key);
    else el.textContent = me.role ?? '—';
  }
  for (const el of document.querySelectorAll('[data-roles]')) {
    el.hidden = !el.dataset.roles.split(/\s+/).includes(me.role);
  }
  for (const el of document.querySelectorAll('[data-signed-in]')) el.hidden = false;
}

/** Resolves with the principal, or null if it could not be loaded (error shown). */
export async function startShell({ kind, loginUrl }) {
  await initI18n();
  const main = document.querySelector('[data-shell]');
  const region = document.querySelector('[data-shell-error]');

  for (const btn of document.querySelectorAll('[data-retry]')) {
    btn.addEventListener('click', () => location.reload());
  }
  for (const btn of document.querySelectorAll('[data-logout]')) {
    btn.addEventListener('click', async () => {
      clearMessage(region);
      setBusy(btn, true, 'common.loggingOut');
      try {
        await logout(loginUrl);
      } catch (err) {
        setBusy(btn, false);
        showMessage(region, errorMessage(err));
      }
    });
  }

  showState(main, 'loading');
  try {
    const me = await requireLogin(kind, loginUrl);
    fillPrincipal(me);
    showState(main, 'ready');
    return me;
  } catch (err) {
    showMessage(region, errorMessage(err));
    showState(main, 'error');
    return null;
  }
}
