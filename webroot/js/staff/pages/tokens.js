// API tokens (admins): the machine clients' keys. Create one (its secret is shown once, with a copy button and
// a clear warning: the hub keeps only its SHA-256), see which still work and when each was last used, and
// revoke one (every node refuses it at once).
//   #/tokens?q=&active=   the list      #/tokens/new   create      #/tokens/<id>   one token and its use
import { h, fmt, fill } from '../../dom.js';
import { setText, t } from '../../i18n.js';
import { api } from '../../api.js';
import { pagedList, toolbar, query, showListPage } from '../admin/list.js';
import { field, formAlert, submitting, values, apiMessage } from '../admin/form.js';
import { confirmDialog } from '../admin/dialog.js';
import { roleName, pageHead, detailHead, facts, card, badge, rememberList, listHref, loadRecord, historyCard, flash, takeFlash } from '../admin/common.js';

const ROLES = ['admin', 'supervisor', 'cs', 'noc', 'technician'];
const STATE_TONE = { active: 'up', revoked: 'down', expired: 'neutral' };

export default {
  title: 'console.nav.tokens',
  dictionary: 'admin',
  async render(root, ctx) {
    const [first] = ctx.path;
    ctx.actions([{ id: 'tokens.new', get label() { return t('admin.tokens.new'); }, run: () => ctx.navigate('#/tokens/new') }]);
    if (!first) return listView(root, ctx);
    if (first === 'new') return createView(root, ctx);
    return detailView(root, ctx, first);
  },
};

function stateOf(token) {
  if (token.revokedAt) return 'revoked';
  return token.active ? 'active' : 'expired';
}

function stateBadge(token) {
  const state = stateOf(token);
  return badge(STATE_TONE[state], null, `admin.tokenState.${state}`);
}

function lastUsed(token) {
  return token.lastUsedAt ? h('time', { datetime: token.lastUsedAt, title: fmt.dateTime(token.lastUsedAt), text: fmt.relative(token.lastUsedAt) })
    : h('span', { class: 'muted', i18n: 'admin.tokens.neverUsed' });
}

function expires(token) {
  return token.expiresAt ? fmt.dateTime(token.expiresAt) : h('span', { class: 'muted', i18n: 'admin.tokens.noExpiry' });
}

/** Asks, then revokes; resolves with the revoked token, or null when the admin changed their mind. */
async function revoke(token) {
  const sure = await confirmDialog({ titleKey: 'admin.tokens.revokeTitle', bodyKey: 'admin.tokens.revokeBody',
    confirmKey: 'admin.tokens.revoke', params: { name: token.name }, danger: true });
  return sure ? api.post(`/api/v1/tokens/${token.id}/revoke`) : null;
}

function listView(root, ctx) {
  const bar = toolbar({
    params: ctx.params,
    search: { name: 'q', labelKey: 'admin.tokens.search', placeholderKey: 'admin.tokens.searchHint' },
    filters: [{ name: 'active', labelKey: 'admin.tokens.state', type: 'select',
      options: [['', 'admin.filter.all'], ['true', 'admin.tokenState.active'], ['false', 'admin.tokens.notUsable']] }],
    onChange(filters) { ctx.setParams(filters); rememberList('tokens'); list.reload(); },
  });
  const revokeButton = (token) => stateOf(token) !== 'active' ? null : h('button', { type: 'button', class: 'btn btn-danger-outline btn-small',
    i18n: 'admin.tokens.revoke', on: { click: async (event) => {
      const button = event.currentTarget;
      try {
        const revoked = await revoke(token);
        if (revoked) list.replace(revoked);
      } catch (err) {
        const { key, params } = apiMessage(err);
        button.after(h('span', { class: 'field-error', role: 'alert', i18n: [key, params] }));
      }
    } } });
  const list = pagedList({
    load: (cursor) => api.get(query('/api/v1/tokens', bar.values(), cursor)),
    columns: [
      { labelKey: 'admin.field.tokenName', primary: true, cell: (k) => h('a', { href: `#/tokens/${k.id}`, 'data-open': '' },
        h('span', { class: 'primary-name', text: k.name })) },
      { labelKey: 'admin.field.role', cell: (k) => roleName(k.role) },
      { labelKey: 'admin.tokens.state', cell: stateBadge },
      { labelKey: 'admin.tokens.lastUsed', class: 'nowrap', cell: lastUsed },
      { labelKey: 'admin.field.expiresAt', class: 'nowrap optional', cell: expires },
      { labelKey: 'admin.list.created', class: 'nowrap optional', cell: (k) => fmt.dateTime(k.createdAt) },
      { labelKey: 'admin.list.actions', class: 'cell-actions', blank: '', cell: revokeButton },
    ],
    empty: { key: 'admin.tokens.empty', action: h('a', { class: 'btn btn-primary', href: '#/tokens/new', i18n: 'admin.tokens.new' }) },
    filtered: bar.isFiltered,
    onResetFilters: bar.reset,
  });
  return showListPage(root, 'tokens', { bar, list },
    pageHead('admin.tokens.title', 'admin.tokens.lead', h('a', { class: 'btn btn-primary', href: '#/tokens/new', i18n: 'admin.tokens.new' })),
    bar.el, list.el);
}

function detailView(root, ctx, id) {
  const render = (token) => {
    const creator = h('span', { text: token.createdBy ? `#${token.createdBy}` : null, i18n: token.createdBy ? null : 'admin.tokens.bySystem' });
    if (token.createdBy) {
      api.get(`/api/v1/staff/${token.createdBy}`).then((s) => creator.replaceChildren(h('a', { href: `#/staff/${s.id}`, text: `${s.name} (${s.username})` })))
        .catch(() => { /* the id stays shown */ });
    }
    fill(root,
      detailHead('tokens', 'admin.tokens.back', h('span', {}, token.name),
        stateOf(token) === 'active' ? h('button', { type: 'button', class: 'btn btn-danger-outline', i18n: 'admin.tokens.revoke', on: { click: async () => {
          try {
            const revoked = await revoke(token);
            if (revoked) { flash('admin.tokens.revoked', { name: revoked.name }); render(revoked); }
          } catch (err) {
            const { key, params } = apiMessage(err);
            root.prepend(h('p', { class: 'alert alert-error', role: 'alert', i18n: [key, params] }));
          }
        } } }) : null),
      takeFlash(),
      h('div', { class: 'detail-grid' },
        card('admin.tokens.details', facts([
          ['admin.field.tokenName', token.name],
          ['admin.field.role', roleName(token.role)],
          ['admin.tokens.state', stateBadge(token)],
          ['admin.tokens.createdBy', creator],
          ['admin.list.created', fmt.dateTime(token.createdAt)],
          ['admin.field.expiresAt', expires(token)],
          ['admin.tokens.lastUsed', lastUsed(token)],
          token.revokedAt ? ['admin.tokens.revokedAt', fmt.dateTime(token.revokedAt)] : null,
        ]), h('p', { class: 'muted card-foot', i18n: 'admin.tokens.usedNote' })),
        historyCard('token', token.id)));
  };
  loadRecord(root, 'tokens', `/api/v1/tokens/${encodeURIComponent(id)}`, render);
}

/** "2027-01-31" (a WIB day) → the end of that day in WIB, which is when the token stops working. */
function endOfDay(date) {
  return date ? `${date}T23:59:59+07:00` : null;
}

function tomorrow() {
  const wib = new Date(Date.now() + 7 * 3600_000 + 86400_000);
  return wib.toISOString().slice(0, 10);
}

function createView(root, ctx) {
  const form = h('form', { class: 'card admin-form', novalidate: true },
    formAlert(),
    h('div', { class: 'form-grid' },
      field({ name: 'name', labelKey: 'admin.field.tokenName', required: true, hintKey: 'admin.tokens.nameHint', attrs: { maxlength: 80, autocomplete: 'off' } }),
      field({ name: 'role', labelKey: 'admin.field.role', type: 'select', required: true, hintKey: 'admin.tokens.roleHint',
        options: [['', 'admin.staff.chooseRole'], ...ROLES.map((r) => [r, `role.${r}`])] }),
      field({ name: 'expiresAt', labelKey: 'admin.field.expiresAt', type: 'date', hintKey: 'admin.tokens.expiresHint', attrs: { min: tomorrow() } })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: 'admin.tokens.create' })),
      h('a', { class: 'btn btn-ghost', href: listHref('tokens'), i18n: 'admin.cancel' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await submitting(form, form.querySelector('[type=submit]'), () => {
      const v = values(form);
      return api.post('/api/v1/tokens', { name: v.name, role: v.role, ...(v.expiresAt ? { expiresAt: endOfDay(v.expiresAt) } : {}) });
    });
    if (created) showSecret(root, created);
  });
  fill(root, detailHead('tokens', 'admin.tokens.back', h('span', { i18n: 'admin.tokens.new' })), form);
  form.elements.namedItem('name').focus();
}

/** The one moment the secret exists outside the client that will use it. */
function showSecret(root, created) {
  const secret = h('input', { class: 'secret mono', readonly: true, value: created.token, 'aria-labelledby': 'secret-label', spellcheck: 'false',
    on: { focus: (e) => e.target.select() } });
  const copied = h('span', { class: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'btn btn-primary', i18n: 'admin.tokens.copy', on: { click: async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setText(copied, 'admin.tokens.copied');
    } catch {
      // No clipboard access (insecure origin, denied): the text is selected for Ctrl+C.
      secret.focus();
      secret.select();
      setText(copied, 'admin.tokens.copyManually');
    }
  } } });
  fill(root,
    detailHead('tokens', 'admin.tokens.back', h('span', { i18n: ['admin.tokens.createdTitle', { name: created.name }] })),
    h('section', { class: 'card secret-card' },
      h('p', { class: 'alert alert-warn', role: 'alert' }, h('strong', { i18n: 'admin.tokens.onceTitle' }), ' ', h('span', { i18n: 'admin.tokens.onceBody' })),
      h('label', { id: 'secret-label', for: 'secret', class: 'secret-label', i18n: 'admin.tokens.secret' }),
      h('div', { class: 'secret-row' }, secret, copy),
      copied,
      h('p', { class: 'muted', i18n: 'admin.tokens.usage' }),
      h('pre', { class: 'code' }, h('code', { text: 'Authorization: Bearer <token>' })),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', { i18n: 'admin.field.role' }), h('dd', {}, roleName(created.role))),
        h('div', {}, h('dt', { i18n: 'admin.field.expiresAt' }), h('dd', {}, expires(created)))),
      h('div', { class: 'form-actions' },
        h('a', { class: 'btn btn-secondary', href: `#/tokens/${created.id}`, i18n: 'admin.tokens.saved' }))));
  secret.id = 'secret';
  copy.focus();
}
