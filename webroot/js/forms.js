// Form pieces the customer's sign-in help and account page share: an error under one field (tied to it for screen
// readers), a one-time code as typed on a phone, and a "send again" button that counts down.
import { setText } from './i18n.js';

/**
 * Shows a message under `input` (or clears it with null): the input is marked aria-invalid and points at the message
 * with aria-describedby, so a screen reader reads the reason when the field gets focus.
 */
export function fieldError(input, message) {
  const id = `${input.id}-error`;
  let p = document.getElementById(id);
  const described = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (!message) {
    p?.remove();
    input.removeAttribute('aria-invalid');
    if (described.length) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
    return;
  }
  if (!p) {
    p = document.createElement('p');
    p.id = id;
    p.className = 'field-error';
    (input.closest('.field') ?? input.parentElement).append(p);
  }
  setText(p, message.key, message.params);
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [id, ...described].join(' '));
}

/** Clears every field error inside root. */
export function clearFieldErrors(root) {
  for (const input of root.querySelectorAll('[aria-invalid="true"]')) fieldError(input, null);
}

/** A code as people type or paste it ("123 456", "１２３４５６" from some keyboards): its digits only. */
export function codeDigits(value) {
  return String(value ?? '')
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xFF10 + 48))
    .replace(/\D/g, '');
}

/** Keeps a code input to digits as it is typed or pasted, at most `length` of them. */
export function wireCodeInput(input, length = 6) {
  input.addEventListener('input', () => {
    const digits = codeDigits(input.value).slice(0, length);
    if (digits !== input.value) input.value = digits;
  });
}

/** "1:05" */
export function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Disables `button` for `seconds`, its label saying how long is left (waitKey with {time}); then enables it with
 * readyKey. The label is the button's [data-label] child (or the button). Returns a stop function.
 */
export function countdown(button, seconds, { waitKey, readyKey }) {
  const label = button.querySelector('[data-label]') ?? button;
  const until = Date.now() + Math.max(0, seconds) * 1000;
  let timer = null;
  const tick = () => {
    const left = (until - Date.now()) / 1000;
    if (left <= 0) {
      stop();
      button.disabled = false;
      setText(label, readyKey);
      return;
    }
    button.disabled = true;
    setText(label, waitKey, { time: clock(left) });
  };
  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
  }
  tick();
  if (seconds > 0) timer = setInterval(tick, 1000);
  return stop;
}
