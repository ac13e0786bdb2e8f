// Pusat bantuan: the help articles customers read in the portal (docs/kb.md). Every staff member reads them with
// their helpfulness figures; admins, supervisors and CS write, publish, unpublish and delete.
//   #/kb?q=&published=&category=   the articles          #/kb/new   a new one          #/kb/<id>   one article
// The editor shows the Markdown beside the HTML customers will get (POST /kb/preview: exactly what a save stores),
// refreshed as the writer pauses. Saving never publishes: publishing is its own button. Leaving with unsaved changes
// asks first (ctx.guard for the console's routes, beforeunload for the tab).
import { h, fill, fmt, stateBlock } from '../../dom.js';
import { t, useDictionary } from '../../i18n.js';
import { api } from '../../api.js';
import { pagedList, toolbar, query, showListPage } from '../admin/list.js';
import { apiMessage, field, formAlert, showAlert, submitting, values } from '../admin/form.js';
import { confirmDialog, openDialog } from '../admin/dialog.js';
import { badge, detailHead, flash, pageHead, takeFlash } from '../admin/common.js';
import { stylesheet } from '../tickets/common.js';

const PREVIEW_DEBOUNCE_MS = 450;
const may = { write: (can) => can('admin', 'supervisor', 'cs') };

export default {
  title: 'console.nav.kb',
  dictionary: 'kb',
  async render(root, ctx) {
    await Promise.all([useDictionary('admin'), stylesheet('/css/billing.css')]);
    const [first] = ctx.path;
    const writer = may.write(ctx.can);
    const add = writer ? { id: 'kb.new', get label() { return t('kb.new'); }, run: () => ctx.navigate('#/kb/new') } : null;
    ctx.actions(add ? [add] : []);
    if (!first) return listView(root, ctx, writer);
    if (first === 'new' && !writer) { root.append(stateBlock('error', 'console.page.forbidden')); return undefined; }
    return editorView(root, ctx, first === 'new' ? null : first, writer);
  },
};

let categoriesCache = null;
function categories(fresh = false) {
  if (fresh || !categoriesCache) categoriesCache = api.get('/api/v1/kb/categories').then((r) => r.items).catch((e) => { categoriesCache = null; throw e; });
  return categoriesCache;
}

function stateBadge(a) {
  return a.published ? badge('up', null, 'kb.state.published') : badge('neutral', null, 'kb.state.draft');
}

/** "31 ya · 4 tidak · 89 %", or "belum ada suara". */
function helpfulness(helpful) {
  const yes = helpful?.yes ?? 0;
  const no = helpful?.no ?? 0;
  if (!yes && !no) return h('span', { class: 'muted small', i18n: 'kb.helpful.none' });
  const ratio = helpful.ratio ?? yes / (yes + no);
  return h('span', { class: 'kb-helpful', title: t('kb.helpful.title', { yes: fmt.number(yes), no: fmt.number(no) }) },
    h('meter', { class: 'kb-meter', min: '0', max: '1', low: '0.5', optimum: '1', value: String(ratio), 'aria-hidden': 'true' }),
    h('strong', { text: fmt.percent(ratio, 0) }), ' ',
    h('span', { class: 'muted small', i18n: ['kb.helpful.votes', { yes: fmt.number(yes), no: fmt.number(no) }] }));
}

async function listView(root, ctx, writer) {
  let cats = [];
  try { cats = await categories(true); } catch { cats = []; }
  const bar = toolbar({
    params: ctx.params,
    search: { name: 'q', labelKey: 'kb.search', placeholderKey: 'kb.searchHint' },
    filters: [
      { name: 'published', labelKey: 'kb.col.state', type: 'select',
        options: [['', 'kb.filter.allStates'], ['true', 'kb.state.published'], ['false', 'kb.state.draft']] },
      { name: 'category', labelKey: 'kb.col.category', type: 'select',
        options: [['', 'kb.filter.allCategories'], ...cats.map((c) => [c.slug, null])] },
    ],
    onChange(filters) { ctx.setParams(filters); list.reload(); },
  });
  // Category names are the staff's own words, not translated.
  const select = bar.el.querySelector('select[name=category]');
  [...select.options].slice(1).forEach((o, i) => { o.textContent = cats[i].name; });
  const list = pagedList({
    load: (cursor) => api.get(query('/api/v1/kb/articles', bar.values(), cursor)),
    columns: [
      { labelKey: 'kb.col.title', primary: true, cell: (a) => h('a', { href: `#/kb/${a.id}`, 'data-open': '', class: 'kb-title-link', 'data-testid': 'kb-article' },
        h('span', { class: 'primary-name', text: a.title }), h('span', { class: 'mono muted small', text: `/${a.slug}` })) },
      { labelKey: 'kb.col.category', cell: (a) => a.category?.name ?? h('span', { class: 'muted', i18n: 'kb.noCategory' }) },
      { labelKey: 'kb.col.state', cell: stateBadge },
      { labelKey: 'kb.col.helpful', class: 'nowrap', cell: (a) => helpfulness(a.helpful) },
      { labelKey: 'kb.col.updated', class: 'nowrap optional', cell: (a) => h('span', {}, fmt.dateTime(a.updatedAt),
        a.updatedBy ? h('span', { class: 'muted small kb-by', text: a.updatedBy }) : null) },
    ],
    empty: { key: writer ? 'kb.empty' : 'kb.emptyReader', action: writer ? h('a', { class: 'btn btn-primary', href: '#/kb/new', i18n: 'kb.new' }) : null },
    filtered: bar.isFiltered,
    onResetFilters: bar.reset,
  });
  return showListPage(root, 'kb', { bar, list },
    pageHead('kb.title', writer ? 'kb.lead' : 'kb.leadReader',
      writer ? h('a', { class: 'btn btn-primary', href: '#/kb/new', 'data-testid': 'kb-new', i18n: 'kb.new' }) : null,
      h('a', { class: 'btn btn-secondary', href: '/portal/#/help', target: '_blank', rel: 'noopener', i18n: 'kb.openPortal' })),
    takeFlash(), bar.el, list.el);
}

function editorView(root, ctx, id, writer) {
  let article = null;
  let saved = '';
  let previewTimer = 0;
  let previewGeneration = 0;
  let stopped = false;

  const snapshot = (form) => JSON.stringify(values(form));
  const dirty = (form) => writer && form && snapshot(form) !== saved;
  const beforeUnload = (e) => { if (dirty(root.querySelector('form.kb-form'))) { e.preventDefault(); e.returnValue = ''; } };
  window.addEventListener('beforeunload', beforeUnload);
  ctx.guard?.(() => {
    const form = root.querySelector('form.kb-form');
    if (!dirty(form)) return true;
    return confirmDialog({ titleKey: 'kb.leave.title', bodyKey: 'kb.leave.body', confirmKey: 'kb.leave.confirm', danger: true });
  });

  async function start() {
    root.replaceChildren(stateBlock('loading', 'common.loading'));
    try {
      const [a, cats] = await Promise.all([id ? api.get(`/api/v1/kb/articles/${encodeURIComponent(id)}`) : null, categories(true)]);
      if (stopped) return;
      article = a;
      build(cats);
    } catch (err) {
      console.error(err);
      const { key, params } = apiMessage(err);
      root.replaceChildren(stateBlock('error', key, params, err?.status === 404
        ? h('a', { class: 'btn btn-secondary', href: '#/kb', i18n: 'kb.back' })
        : h('button', { type: 'button', class: 'btn btn-primary', i18n: 'common.retry', on: { click: start } })));
    }
  }

  function build(cats) {
    const a = article;
    const readOnly = !writer;
    const ro = readOnly ? { readonly: true } : {};
    const categorySelect = field({ name: 'category', labelKey: 'kb.field.category', type: 'select', value: a?.category?.slug ?? '',
      options: [['', 'kb.noCategory'], ...cats.map((c) => [c.slug, null])], attrs: { disabled: readOnly, 'data-testid': 'kb-category' } });
    const select = categorySelect.querySelector('select');
    [...select.options].slice(1).forEach((o, i) => { o.removeAttribute('data-i18n'); o.textContent = cats[i].name; });
    if (writer) {
      select.after(h('button', { type: 'button', class: 'btn btn-ghost btn-small kb-new-category', i18n: 'kb.category.new',
        on: { click: () => newCategory(select) } }));
    }
    const markdown = field({ name: 'bodyMarkdown', labelKey: 'kb.field.body', type: 'textarea', value: a?.bodyMarkdown ?? '', required: true,
      hintKey: 'kb.field.bodyHint', attrs: { rows: 18, maxlength: 50000, spellcheck: 'true', class: 'kb-markdown', 'data-raw': '', 'data-testid': 'kb-body', ...ro } });
    const preview = h('div', { class: 'kb-preview-body article-body', 'data-testid': 'kb-preview' });
    const previewState = h('span', { class: 'muted small kb-preview-state', 'aria-live': 'polite' });
    const saveButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'kb-save' }, h('span', { 'data-label': '', i18n: 'kb.save' }));
    const form = h('form', { class: 'card admin-form kb-form', novalidate: true, 'data-errors': 'kb.error',
      on: { submit: (e) => { e.preventDefault(); save(form, saveButton); }, input: () => paintDirty(form) } },
    formAlert(),
    h('div', { class: 'form-grid' },
      h('div', { class: 'span-2' }, field({ name: 'title', labelKey: 'kb.field.title', value: a?.title, required: true,
        attrs: { maxlength: 150, autocomplete: 'off', 'data-testid': 'kb-title', ...ro } })),
      field({ name: 'slug', labelKey: 'kb.field.slug', value: a?.slug, hintKey: a ? 'kb.field.slugHintExisting' : 'kb.field.slugHint',
        attrs: { maxlength: 100, autocomplete: 'off', spellcheck: 'false', class: 'mono', pattern: '[a-z0-9]+(-[a-z0-9]+)*', ...ro } }),
      categorySelect,
      h('div', { class: 'span-2' }, field({ name: 'summary', labelKey: 'kb.field.summary', type: 'textarea', value: a?.summary,
        hintKey: 'kb.field.summaryHint', attrs: { maxlength: 300, rows: 2, ...ro } }))),
    h('div', { class: 'kb-editor' },
      h('div', { class: 'kb-editor-source' }, markdown),
      h('section', { class: 'kb-preview', 'aria-labelledby': 'kb-preview-title' },
        h('div', { class: 'kb-preview-head' }, h('h2', { id: 'kb-preview-title', i18n: 'kb.preview.title' }), previewState),
        preview)),
    writer ? h('div', { class: 'form-actions kb-actions' },
      saveButton,
      h('span', { class: 'kb-dirty muted small', 'data-kb-dirty': '', 'aria-live': 'polite' }),
      a ? publishButton(a) : null,
      a ? h('button', { type: 'button', class: 'btn btn-danger-outline kb-delete', 'data-testid': 'kb-delete', i18n: 'kb.delete', on: { click: () => remove() } }) : null,
      h('a', { class: 'btn btn-ghost', href: '#/kb', i18n: 'admin.cancel' })) : null);

    fill(root,
      detailHead('kb', 'kb.back', a ? h('span', { 'data-testid': 'kb-heading' }, a.title) : h('span', { i18n: 'kb.new' })),
      takeFlash(),
      a ? statusLine(a) : null,
      readOnly ? h('p', { class: 'alert alert-info', i18n: 'kb.readOnly' }) : null,
      form);
    saved = snapshot(form);
    paintDirty(form);
    const textarea = form.elements.namedItem('bodyMarkdown');
    const refreshPreview = () => {
      clearTimeout(previewTimer);
      if (!writer) { showHtml(a?.bodyHtml ?? ''); return; }
      previewState.textContent = t('kb.preview.pending');
      previewTimer = setTimeout(() => renderPreview(textarea.value), PREVIEW_DEBOUNCE_MS);
    };
    const showHtml = (html) => {
      // The hub's sanitised HTML (the same the portal serves), parsed inert and adopted: no script runs.
      const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
      preview.replaceChildren(...(html.trim() ? [...doc.body.childNodes] : [h('p', { class: 'muted', i18n: 'kb.preview.empty' })]));
    };
    async function renderPreview(text) {
      const mine = ++previewGeneration;
      try {
        const { bodyHtml } = await api.post('/api/v1/kb/preview', { bodyMarkdown: text });
        if (mine !== previewGeneration || stopped) return;
        showHtml(bodyHtml);
        previewState.textContent = t('kb.preview.current');
        preview.dataset.state = 'ok';
      } catch (err) {
        if (mine !== previewGeneration || stopped) return;
        const { key, params } = apiMessage(err);
        previewState.textContent = `${t('kb.preview.failed')} ${t(key, params)}`;
        preview.dataset.state = 'error';
      }
    }
    textarea.addEventListener('input', refreshPreview);
    if (a?.bodyHtml != null) { showHtml(a.bodyHtml); previewState.textContent = t('kb.preview.current'); } else refreshPreview();
    if (!a) form.elements.namedItem('title').focus();
  }

  function statusLine(a) {
    return h('div', { class: 'kb-status card', 'data-testid': 'kb-status', 'data-published': String(a.published) },
      stateBadge(a),
      h('span', { class: 'small', i18n: a.published
        ? ['kb.status.publishedOn', { time: fmt.dateTime(a.publishedAt) }]
        : a.publishedAt ? ['kb.status.wasPublished', { time: fmt.dateTime(a.publishedAt) }] : 'kb.status.neverPublished' }),
      h('span', { class: 'small' }, h('span', { class: 'muted', i18n: 'kb.col.helpful' }), ' ', helpfulness(a.helpful)),
      h('span', { class: 'small muted', i18n: ['kb.status.updated', { time: fmt.dateTime(a.updatedAt), by: a.updatedBy ?? '—' }] }),
      a.published ? h('a', { class: 'small', href: `/portal/#/help/${encodeURIComponent(a.slug)}`, target: '_blank', rel: 'noopener', i18n: 'kb.status.view' }) : null);
  }

  function publishButton(a) {
    const button = h('button', { type: 'button', class: `btn ${a.published ? 'btn-secondary' : 'btn-accent'}`, 'data-testid': a.published ? 'kb-unpublish' : 'kb-publish',
      on: { click: () => publish(!a.published, root.querySelector('form.kb-form'), button) } }, h('span', { 'data-label': '', i18n: a.published ? 'kb.unpublish' : 'kb.publish' }));
    return button;
  }

  function paintDirty(form) {
    const line = form.querySelector('[data-kb-dirty]');
    if (line) line.textContent = dirty(form) ? t('kb.unsaved') : '';
  }

  function body(form) {
    const v = values(form);
    const out = { title: v.title, summary: v.summary || null, bodyMarkdown: v.bodyMarkdown, category: v.category || null };
    // A replace without a slug keeps the stored one (a public link never moves by accident).
    if (v.slug && v.slug !== article?.slug) out.slug = v.slug;
    return out;
  }

  async function save(form, button, { quiet = false } = {}) {
    const wasNew = !article;
    const answer = await submitting(form, button, () => (article
      ? api.put(`/api/v1/kb/articles/${article.id}`, body(form))
      : api.post('/api/v1/kb/articles', body(form))));
    if (!answer) return null;
    article = answer;
    saved = snapshot(form);
    if (wasNew) {
      flash('kb.created', { title: answer.title });
      ctx.navigate(`#/kb/${answer.id}`);
    } else if (!quiet) {
      flash('kb.saved', { title: answer.title });
      build(await categories());
    }
    return answer;
  }

  async function publish(on, form, button) {
    if (dirty(form)) {
      const stored = await save(form, form.querySelector('[data-testid=kb-save]'), { quiet: true });
      if (!stored) return;
    }
    button.disabled = true;
    try {
      article = await api.post(`/api/v1/kb/articles/${article.id}/${on ? 'publish' : 'unpublish'}`);
      flash(on ? 'kb.published' : 'kb.unpublished', { title: article.title });
      build(await categories());
    } catch (err) {
      button.disabled = false;
      const { key, params } = apiMessage(err);
      showAlert(form, key, params);
    }
  }

  async function remove() {
    if (!(await confirmDialog({ titleKey: 'kb.deleteTitle', bodyKey: 'kb.deleteBody', confirmKey: 'kb.delete',
      params: { title: article.title }, danger: true }))) return;
    const form = root.querySelector('form.kb-form');
    try {
      await api.del(`/api/v1/kb/articles/${article.id}`);
      saved = snapshot(form);
      flash('kb.deleted', { title: article.title });
      ctx.navigate('#/kb');
    } catch (err) {
      const { key, params } = apiMessage(err);
      showAlert(form, key, params);
    }
  }

  /** The category's slug field: named "slug" (the API's errors name it so), its label tied to its own id, not the editor's. */
  function categorySlug() {
    const wrap = field({ name: 'slug', labelKey: 'kb.field.slug', hintKey: 'kb.category.slugHint', attrs: { maxlength: 100, autocomplete: 'off', class: 'mono', spellcheck: 'false' } });
    wrap.querySelector('input').id = 'f-category-slug';
    wrap.querySelector('label').htmlFor = 'f-category-slug';
    return wrap;
  }

  /** A category made on the spot: name (and slug) in a small dialog, then chosen in the select. */
  async function newCategory(select) {
    const created = await openDialog((close) => {
      const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, h('span', { 'data-label': '', i18n: 'kb.category.create' }));
      const form = h('form', { class: 'dialog-body', novalidate: true, 'data-errors': 'kb.error',
        on: { submit: async (e) => {
          e.preventDefault();
          const v = values(form);
          const done = await submitting(form, submit, () => api.post('/api/v1/kb/categories', { name: v.name, ...(v.slug ? { slug: v.slug } : {}) }));
          if (done) close(done);
        } } },
      h('h2', { i18n: 'kb.category.new' }),
      formAlert(),
      field({ name: 'name', labelKey: 'kb.category.name', required: true, attrs: { maxlength: 80, autofocus: true, autocomplete: 'off' } }),
      categorySlug(),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary', i18n: 'admin.cancel', on: { click: () => close() } }), submit));
      return form;
    });
    if (!created) return;
    categoriesCache = null;
    select.append(h('option', { value: created.slug, text: created.name }));
    select.value = created.slug;
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.focus();
  }

  start();
  return () => {
    stopped = true;
    clearTimeout(previewTimer);
    window.removeEventListener('beforeunload', beforeUnload);
  };
}
