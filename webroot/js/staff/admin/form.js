// Forms of the administration pages: labelled fields with a hint and an error line each, and the API's
// {"error":{"code","message","field"}} shown next to the field it names, in the reader's language.
import { h } from '../../dom.js';
import { hasKey, setText } from '../../i18n.js';
import { ApiError } from '../../api.js';
import { errorMessage, setBusy } from '../../ui.js';

/**
 * A labelled input. type: text, email, tel, password, number, date, select (options: [[value, key]]),
 * textarea. Extra input attributes (autocomplete, inputmode, maxlength, list, min…) go in `attrs`.
 */
export function field({ name, labelKey, type = 'text', value = '', required = false, hintKey = null, options = [], attrs = {} }) {
  const id = `f-${name}`;
  const described = [hintKey ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const common = { id, name, required, 'aria-describedby': described, ...attrs };
  let input;
  if (type === 'select') {
    input = h('select', common, options.map(([v, key]) => h('option', { value: v, i18n: key, selected: String(v) === String(value ?? '') })));
  } else if (type === 'textarea') {
    input = h('textarea', { rows: 3, ...common }, value ?? '');
  } else {
    input = h('input', { type, value: value ?? '', ...common });
  }
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, h('span', { i18n: labelKey }), required ? h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null),
    input,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    hintKey ? h('p', { class: 'field-hint', id: `${id}-hint`, i18n: hintKey }) : null);
}

/** The region at the top of a form for what belongs to no single field (not allowed, network, conflict). */
export function formAlert() {
  return h('div', { class: 'form-alert', 'data-form-alert': '', 'aria-live': 'assertive' });
}

export function clearErrors(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const line of form.querySelectorAll('.field-error')) { line.hidden = true; line.textContent = ''; line.removeAttribute('data-i18n'); }
  form.querySelector('[data-form-alert]')?.replaceChildren();
}

/** Marks a field invalid with a message; false when the form has no such field. */
export function setFieldError(form, name, key, params) {
  const input = form.elements.namedItem(name);
  const line = form.querySelector(`#f-${CSS.escape(name)}-error`);
  if (!input || !line) return false;
  input.setAttribute('aria-invalid', 'true');
  setText(line, key, params);
  line.hidden = false;
  return true;
}

export function showAlert(form, key, params, kind = 'error') {
  const region = form.querySelector('[data-form-alert]');
  const p = h('p', { class: `alert alert-${kind}`, i18n: [key, params] });
  region?.replaceChildren(p);
}

/** The message for an API error, with this area's own texts for its codes; { key, params }. */
export function apiMessage(err) {
  if (err instanceof ApiError) {
    const own = `admin.error.${err.code}`;
    if (hasKey(own)) return { key: own };
    if (err.status === 404) return { key: 'admin.error.not_found' };
  }
  return errorMessage(err);
}

/**
 * The message for an error the API tied to one field: ours for the field when we have it, else the API's. A form of
 * another area names where its own words are with data-errors (e.g. "alerts.error": alerts.error.invalid.threshold),
 * looked up before the administration pages' ones.
 */
function fieldMessage(err, name, area) {
  const kind = err.code === 'duplicate' ? 'duplicate' : 'invalid';
  const key = [area, 'admin.error'].filter(Boolean).map((prefix) => `${prefix}.${kind}.${name}`).find(hasKey);
  return key ? { key } : { key: `admin.error.${kind}`, params: { message: err.message } };
}

/** Shows an API error next to its field when the form has it, else at the top of the form. */
export function showError(form, err) {
  const name = err instanceof ApiError ? err.body?.error?.field : null;
  if (name) {
    const { key, params } = fieldMessage(err, name, form.dataset.errors);
    if (setFieldError(form, name, key, params)) {
      // A group of inputs (a <fieldset name>) takes the error: its first input takes the focus.
      const named = form.elements.namedItem(name);
      (named instanceof HTMLFieldSetElement ? named.querySelector('input, select, textarea') : named)?.focus();
      return;
    }
  }
  const { key, params } = apiMessage(err);
  showAlert(form, key, params);
}

/**
 * Runs `action` for a submitted form: clears old errors, checks required fields here first (the same message
 * as the API's), keeps the button busy, and shows a failure where it belongs. Resolves with the action's
 * result, or undefined when it failed.
 */
export async function submitting(form, button, action) {
  clearErrors(form);
  const missing = [...form.querySelectorAll('[required]')].filter((input) => !String(input.value).trim());
  if (missing.length) {
    missing.forEach((input) => setFieldError(form, input.name, 'admin.error.required'));
    missing[0].focus();
    return undefined;
  }
  setBusy(button, true, 'admin.saving');
  try {
    return await action();
  } catch (err) {
    showError(form, err);
    return undefined;
  } finally {
    setBusy(button, false);
  }
}

/** The form's values as trimmed strings (checkboxes as booleans; [data-raw] inputs, passwords, as typed). */
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : 'raw' in el.dataset ? el.value : el.value.trim();
  }
  return out;
}

/**
 * What changed against `original`, for a PUT that only names what the person changed (so the audit trail
 * records real changes). Empty strings become null (the API clears the field).
 */
export function changes(next, original) {
  const out = {};
  for (const [k, v] of Object.entries(next)) {
    const value = v === '' ? null : v;
    const before = original?.[k] ?? null;
    if (value !== before && !(value != null && before != null && String(value) === String(before))) out[k] = value;
  }
  return out;
}

/** A random password staff can read out or paste (no look-alike characters), 14 characters. */
export function generatePassword() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A password field with "generate" and "show" buttons, for creating accounts and resets. */
export function passwordField({ name = 'password', labelKey, hintKey, required = false }) {
  const wrap = field({ name, labelKey, type: 'password', required, hintKey,
    attrs: { autocomplete: 'new-password', minlength: 8, maxlength: 128, spellcheck: 'false', 'data-raw': '' } });
  const input = wrap.querySelector('input');
  const show = h('button', { type: 'button', class: 'btn btn-ghost btn-small', i18n: 'admin.password.show', 'aria-pressed': 'false',
    on: { click: () => reveal(input.type === 'password') } });
  const reveal = (on) => {
    input.type = on ? 'text' : 'password';
    show.setAttribute('aria-pressed', String(on));
    setText(show, on ? 'admin.password.hide' : 'admin.password.show');
  };
  const generate = h('button', { type: 'button', class: 'btn btn-secondary btn-small', i18n: 'admin.password.generate',
    on: { click: () => { input.value = generatePassword(); reveal(true); input.focus(); input.select(); } } });
  input.after(h('div', { class: 'password-tools' }, generate, show));
  return wrap;
}
