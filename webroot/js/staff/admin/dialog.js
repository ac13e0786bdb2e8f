// Modal dialogs for the administration pages: a confirmation, and a dialog holding a small form. Both are
// native <dialog>s (focus trapped, Esc closes) that remove themselves when closed; while one is open the
// console's single-key shortcuts are off.
import { h } from '../../dom.js';

/**
 * Opens a dialog whose content `build(close)` returns (its first h2 names it); resolves with the value passed
 * to close(), or undefined when dismissed with Esc.
 */
let opened = 0;

export function openDialog(build, { wide = false } = {}) {
  return new Promise((resolve) => {
    let result;
    const dialog = h('dialog', { class: `admin-dialog${wide ? ' admin-dialog-wide' : ''}` });
    const close = (value) => {
      result = value;
      dialog.close();
    };
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    dialog.append(build(close));
    const heading = dialog.querySelector('h2');
    if (heading) {
      heading.id = `admin-dialog-${++opened}`;
      dialog.setAttribute('aria-labelledby', heading.id);
    }
    document.body.append(dialog);
    dialog.showModal();
    (dialog.querySelector('[autofocus]') ?? dialog.querySelector('input, select, textarea, button'))?.focus();
  });
}

/** "Are you sure?" with the consequence spelled out; resolves true only when confirmed. */
export function confirmDialog({ titleKey, bodyKey, params, confirmKey, danger = false }) {
  return openDialog((close) => h('form', { class: 'dialog-body', method: 'dialog', on: { submit: (e) => { e.preventDefault(); close(true); } } },
    h('h2', { i18n: [titleKey, params] }),
    bodyKey ? h('p', { i18n: [bodyKey, params] }) : null,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close(false) } }),
      h('button', { type: 'submit', class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, i18n: [confirmKey, params], autofocus: true }))))
    .then((answer) => answer === true);
}
