// Staff accounts (admins and supervisors): find by name or username, filter by role and state, add accounts,
// change them, reset a password, disable and enable (one by one or several at once). Supervisors manage the
// front-line roles only (cs, noc, technician), and nobody disables or demotes their own account: the page
// offers only what the API allows.
//   #/staff?q=&role=&active=   the list        #/staff/new   add
//   #/staff/<id>               one account     #/staff/<id>/edit
import { h, fmt, fill } from '../../dom.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { pagedList, toolbar, query, showListPage } from '../admin/list.js';
import { field, formAlert, passwordField, submitting, values, changes, showAlert, apiMessage } from '../admin/form.js';
import { confirmDialog, openDialog } from '../admin/dialog.js';
import { phone, roleName, pageHead, detailHead, facts, card, badge, rememberList, listHref, loadRecord, historyCard, flash, takeFlash } from '../admin/common.js';

const ROLES = ['admin', 'supervisor', 'cs', 'noc', 'technician'];
const FRONT_LINE = ['cs', 'noc', 'technician'];

export default {
  title: 'console.nav.staff',
  dictionary: 'admin',
  async render(root, ctx) {
    const [first, second] = ctx.path;
    const add = { id: 'staff.new', get label() { return t('admin.staff.new'); }, run: () => ctx.navigate('#/staff/new') };
    ctx.actions([add]);
    if (!first) return listView(root, ctx);
    if (first === 'new') return formView(root, ctx, null);
    if (second === 'edit') return formView(root, ctx, first);
    return detailView(root, ctx, first);
  },
};

/** The roles this person may grant: admins any, supervisors the front line. */
function grantable(ctx) {
  return ctx.can('admin') ? ROLES : FRONT_LINE;
}

function manageable(ctx, member) {
  return ctx.can('admin') || FRONT_LINE.includes(member.role);
}

function isSelf(ctx, member) {
  return ctx.me.kind === 'staff' && ctx.me.id === member.id;
}

function stateBadge(member) {
  return badge(member.active ? 'up' : 'neutral', null, member.active ? 'admin.staff.active' : 'admin.staff.inactive');
}

const disable = (member) => api.del(`/api/v1/staff/${member.id}`);
const enable = (member) => api.put(`/api/v1/staff/${member.id}`, { active: true });

function listView(root, ctx) {
  const bar = toolbar({
    params: ctx.params,
    search: { name: 'q', labelKey: 'admin.staff.search', placeholderKey: 'admin.staff.searchHint' },
    filters: [
      { name: 'role', labelKey: 'admin.field.role', type: 'select', options: [['', 'admin.filter.allRoles'], ...ROLES.map((r) => [r, `role.${r}`])] },
      { name: 'active', labelKey: 'admin.staff.state', type: 'select',
        options: [['', 'admin.filter.all'], ['true', 'admin.staff.active'], ['false', 'admin.staff.inactive']] },
    ],
    onChange(filters) { ctx.setParams(filters); rememberList('staff'); list.reload(); },
  });
  const list = pagedList({
    load: (cursor) => api.get(query('/api/v1/staff', bar.values(), cursor)),
    columns: [
      { labelKey: 'admin.staff.member', primary: true, cell: (s) => h('a', { href: `#/staff/${s.id}`, 'data-open': '' },
        h('span', { class: 'primary-name', text: s.name }), h('span', { class: 'mono muted', text: s.username })) },
      { labelKey: 'admin.field.role', cell: (s) => roleName(s.role) },
      { labelKey: 'admin.field.phone', class: 'mono nowrap', cell: (s) => phone(s.phone) },
      { labelKey: 'admin.staff.state', cell: stateBadge },
      { labelKey: 'admin.list.created', class: 'nowrap optional', cell: (s) => fmt.dateTime(s.createdAt) },
    ],
    selectable: (s) => manageable(ctx, s) && !isSelf(ctx, s),
    nameOf: (s) => `${s.username} · ${s.name}`,
    bulk: [
      { labelKey: 'admin.staff.disable', applies: (s) => s.active, run: disable,
        confirm: { titleKey: 'admin.staff.bulkDisableTitle', bodyKey: 'admin.staff.bulkDisableBody', confirmKey: 'admin.staff.bulkDisableConfirm', danger: true } },
      { labelKey: 'admin.staff.enable', applies: (s) => !s.active, run: enable,
        confirm: { titleKey: 'admin.staff.bulkEnableTitle', bodyKey: 'admin.staff.bulkEnableBody', confirmKey: 'admin.staff.bulkEnableConfirm' } },
    ],
    empty: { key: 'admin.staff.empty' },
    filtered: bar.isFiltered,
    onResetFilters: bar.reset,
  });
  return showListPage(root, 'staff', { bar, list },
    pageHead('admin.staff.title', ctx.can('admin') ? 'admin.staff.leadAdmin' : 'admin.staff.leadSupervisor',
      h('a', { class: 'btn btn-primary', href: '#/staff/new', i18n: 'admin.staff.new' })),
    bar.el, list.el);
}

function detailView(root, ctx, id) {
  const render = (s) => {
    const mine = isSelf(ctx, s);
    const may = manageable(ctx, s);
    const toggle = !may || mine ? null : s.active
      ? h('button', { type: 'button', class: 'btn btn-danger-outline', i18n: 'admin.staff.disable', on: { click: () => setActive(s, false) } })
      : h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.staff.enable', on: { click: () => setActive(s, true) } });
    fill(root,
      detailHead('staff', 'admin.staff.back', h('span', {}, s.name, ' ', h('span', { class: 'mono muted title-key', text: s.username })),
        may ? h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.staff.resetPassword', on: { click: () => resetPassword(s) } }) : null,
        toggle,
        may ? h('a', { class: 'btn btn-primary', href: `#/staff/${s.id}/edit`, i18n: 'admin.edit' }) : null),
      takeFlash(),
      may ? null : h('p', { class: 'alert alert-info', i18n: 'admin.staff.onlyAdmin' }),
      mine ? h('p', { class: 'alert alert-info', i18n: 'admin.staff.yourAccount' }) : null,
      h('div', { class: 'detail-grid' },
        card('admin.staff.details', facts([
          ['admin.field.username', h('span', { class: 'mono', text: s.username })],
          ['admin.field.name', s.name],
          ['admin.field.role', roleName(s.role)],
          ['admin.staff.state', stateBadge(s)],
          ['admin.field.phone', s.phone ? h('span', { class: 'mono', text: phone(s.phone) }) : null],
          ['admin.field.email', s.email ? h('a', { href: `mailto:${s.email}`, text: s.email }) : null],
          ['admin.list.created', fmt.dateTime(s.createdAt)],
          ['admin.list.updated', fmt.dateTime(s.updatedAt)],
        ])),
        ctx.can('admin') ? historyCard('staff', s.id) : null));
  };

  async function setActive(s, active) {
    if (!active && !(await confirmDialog({ titleKey: 'admin.staff.disableTitle', bodyKey: 'admin.staff.disableBody',
      confirmKey: 'admin.staff.disable', params: { name: s.name }, danger: true }))) return;
    try {
      const updated = await (active ? enable(s) : disable(s));
      flash(active ? 'admin.staff.enabled' : 'admin.staff.disabled', { name: updated.name });
      render(updated);
    } catch (err) {
      const { key, params } = apiMessage(err);
      root.prepend(h('p', { class: 'alert alert-error', role: 'alert', i18n: [key, params] }));
    }
  }

  async function resetPassword(s) {
    const done = await openDialog((close) => {
      const form = h('form', { class: 'dialog-body', novalidate: true },
        h('h2', { i18n: ['admin.staff.resetTitle', { name: s.name }] }),
        h('p', { class: 'muted', i18n: [isSelf(ctx, s) ? 'admin.staff.resetOwnBody' : 'admin.staff.resetBody', { name: s.name }] }),
        formAlert(),
        passwordField({ labelKey: 'admin.staff.newPassword', hintKey: 'admin.password.rules', required: true }),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close(false) } }),
          h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: 'admin.staff.resetConfirm' }))));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const ok = await submitting(form, form.querySelector('[type=submit]'),
          () => api.put(`/api/v1/staff/${s.id}`, { password: form.elements.namedItem('password').value }));
        if (ok) close(true);
      });
      return form;
    });
    if (done) {
      flash('admin.staff.passwordReset', { name: s.name });
      render(s);
    }
  }

  loadRecord(root, 'staff', `/api/v1/staff/${encodeURIComponent(id)}`, render);
}

function formView(root, ctx, id) {
  const creating = id == null;
  const build = (s) => {
    if (s && !manageable(ctx, s)) {
      fill(root, detailHead('staff', 'admin.staff.back', h('span', {}, s.name)),
        h('p', { class: 'alert alert-info', i18n: 'admin.staff.onlyAdmin' }));
      return;
    }
    const own = s && isSelf(ctx, s);
    const roles = grantable(ctx);
    const form = h('form', { class: 'card admin-form', novalidate: true },
      formAlert(),
      h('div', { class: 'form-grid' },
        field({ name: 'username', labelKey: 'admin.field.username', value: s?.username, required: creating,
          hintKey: creating ? 'admin.staff.usernameHint' : 'admin.staff.usernameFixed',
          attrs: { maxlength: 32, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', readonly: !creating } }),
        field({ name: 'name', labelKey: 'admin.field.name', value: s?.name, required: true, attrs: { maxlength: 120, autocomplete: 'off' } }),
        field({ name: 'role', labelKey: 'admin.field.role', type: 'select', value: s?.role ?? (creating ? '' : null), required: true,
          hintKey: own ? 'admin.staff.ownRole' : ctx.can('admin') ? null : 'admin.staff.roleHintSupervisor',
          options: [...(creating ? [['', 'admin.staff.chooseRole']] : []), ...roles.map((r) => [r, `role.${r}`])], attrs: { disabled: own } }),
        field({ name: 'phone', labelKey: 'admin.field.phone', type: 'tel', value: s?.phone ? phone(s.phone) : '',
          hintKey: 'admin.staff.phoneHint', attrs: { maxlength: 32, autocomplete: 'off', inputmode: 'tel' } }),
        field({ name: 'email', labelKey: 'admin.field.email', type: 'email', value: s?.email, attrs: { maxlength: 254, autocomplete: 'off' } }),
        creating ? passwordField({ labelKey: 'admin.field.password', hintKey: 'admin.staff.passwordNew', required: true }) : null),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: creating ? 'admin.staff.create' : 'admin.save' })),
        h('a', { class: 'btn btn-ghost', href: creating ? listHref('staff') : `#/staff/${s.id}`, i18n: 'admin.cancel' })));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const saved = await submitting(form, form.querySelector('[type=submit]'), async () => {
        const v = values(form);
        for (const k of ['phone', 'email']) if (v[k] === '') v[k] = null;
        if (creating) return api.post('/api/v1/staff', v);
        delete v.username;
        if (own) delete v.role;
        const changed = changes(v, { ...s, phone: s.phone ? phone(s.phone) : null });
        if (!Object.keys(changed).length) { showAlert(form, 'admin.noChanges', null, 'info'); return undefined; }
        return api.put(`/api/v1/staff/${s.id}`, changed);
      });
      if (saved) {
        flash(creating ? 'admin.staff.created' : 'admin.saved', { name: saved.name });
        ctx.navigate(`#/staff/${saved.id}`);
      }
    });
    fill(root,
      detailHead('staff', 'admin.staff.back', h('span', { i18n: creating ? 'admin.staff.new' : ['admin.staff.editTitle', { name: s.name }] })),
      form);
    form.elements.namedItem(creating ? 'username' : 'name').focus();
  };
  if (creating) build(null);
  else loadRecord(root, 'staff', `/api/v1/staff/${encodeURIComponent(id)}`, build);
}
