// Small DOM helpers shared by pages: error messages, page states, busy buttons.
import { ApiError } from './api.js';
import { setText } from './i18n.js';

/** Map an error to an i18n key (+ params). Pages handle their own special codes first. */
export function errorMessage(err) {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected' };
  switch (err.code) {
    case 'network':
      return { key: 'error.network' };
    case 'csrf':
      return { key: 'error.csrf' };
    case 'too_many_attempts': {
      const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
      return { key: minutes === 1 ? 'error.tooManyAttempts.one' : 'error.tooManyAttempts.other', params: { minutes } };
    }
    case 'unauthenticated':
      return { key: 'error.unauthenticated' };
    default:
      if (err.status === 403) return { key: 'error.forbidden' };
      if (err.status >= 500) return { key: 'error.server', params: { code: err.code } };
      return { key: 'error.generic', params: { code: err.code } };
  }
}

/**
 * Show a message inside a live region. The region element itself stays in the
 * DOM permanently (screen readers only announce changes to regions they already
 * know about); only its child is replaced.
 */
export function showMessage(region, { key, params }, kind = 'error') {
  const p = document.createElement('p');
  p.className = `alert alert-${kind}`;
  setText(p, key, params);
  region.replaceChildren(p);
}

export function clearMessage(region) {
  region.replaceChildren();
}

/** Show the [data-state="name"] block inside root and hide its siblings. */
export function showState(root, name) {
  for (const el of root.querySelectorAll('[data-state]')) {
    el.hidden = el.dataset.state !== name;
  }
  root.setAttribute('aria-busy', String(name === 'loading'));
}

/** Disable a button while work is in progress, optionally swapping its label. */
export function setBusy(button, busy, busyKey) {
  button.disabled = busy;
  button.setAttribute('aria-busy', String(busy));
  const label = button.querySelector('[data-label]') ?? button;
  if (busy && busyKey) {
    label.dataset.idleKey ??= label.getAttribute('data-i18n') ?? '';
    setText(label, busyKey);
  } else if (!busy && label.dataset.idleKey) {
    setText(label, label.dataset.idleKey);
    delete label.dataset.idleKey;
  }
}
