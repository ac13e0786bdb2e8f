// One ticket (#/tickets/<id>): the thread (the customer's replies, staff replies, internal notes set apart,
// attachments as thumbnails), the reply box with its "internal note" switch, canned replies and an image to attach,
// status / priority / assignee, the SLA panel (response and resolution: target, due, percent, paused) and the
// timeline. Live: a ui.tickets frame that names this ticket makes the page read it again (technicians, who have no
// stream, every 30 seconds). What is typed in the reply box survives every refresh.
import { fill, h, fmt, stateBlock } from '../../dom.js';
import { hasKey, setText, t } from '../../i18n.js';
import { ApiError } from '../../api.js';
import { detailHead, facts, listHref, phone, takeFlash } from '../admin/common.js';
import { confirmDialog } from '../admin/dialog.js';
import {
  PRIORITIES, STATUSES, assigneeOptions, categoryLabel, debounce, errorBlock, errorText, fillAssignees, imageProblem, may, minutes,
  priorityBadge, slaBadge, slaClock, startTicker, statusBadge, targetClockEl, thumbnail,
} from './common.js';

const POLL_MS = 30_000;

export async function render(root, ctx, page) {
  const id = ctx.path[0];
  const { me, can } = ctx;
  const base = `/api/v1/tickets/${encodeURIComponent(id)}`;
  const canEdit = may.editTicket(can);
  let ticket = null;
  let canned = null;
  let loadedOnce = false;

  const head = h('div', { class: 'tk-head' });
  const notices = h('div', { class: 'tk-notice', 'aria-live': 'polite' });
  const thread = h('ol', { class: 'tk-thread', 'data-testid': 'ticket-thread' });
  const side = h('div', { class: 'tk-side' });
  const reply = replyBox();
  const layout = h('div', { class: 'tk-layout', hidden: true },
    h('div', { class: 'tk-main' },
      h('section', { class: 'card tk-thread-card' },
        h('h2', { class: 'visually-hidden', i18n: 'tickets.thread.title' }), thread),
      reply.el),
    side);
  const state = h('div', { class: 'list-state' }, stateBlock('loading', 'common.loading'));
  root.append(head, notices, layout, state);
  const flashed = takeFlash();
  if (flashed) notices.append(flashed);

  const notice = (kind, key, params) => notices.replaceChildren(h('p', {
    class: `alert alert-${kind === 'error' ? 'error' : kind === 'ok' ? 'success' : 'info'}`, role: kind === 'error' ? 'alert' : 'status', i18n: [key, params] }));

  async function load() {
    try {
      const fresh = await ctx.api.get(base);
      const grew = !ticket || (fresh.messages?.length ?? 0) > (ticket.messages?.length ?? 0);
      ticket = fresh;
      paint(grew);
      state.replaceChildren();
      layout.hidden = false;
      loadedOnce = true;
    } catch (err) {
      if (loadedOnce) { notice('error', 'tickets.ticket.refreshFailed', { message: errorText(err) }); return; }
      layout.hidden = true;
      fill(head, detailHead('tickets', 'tickets.back', h('span', { text: `#${id}` })));
      state.replaceChildren(err instanceof ApiError && err.status === 404
        ? stateBlock('empty', 'tickets.ticket.notFound', null, h('a', { class: 'btn btn-secondary', href: listHref('tickets'), i18n: 'tickets.back' }))
        : errorBlock(err, load));
    }
  }

  function paint(scrollThread) {
    const tk = ticket;
    fill(head, detailHead('tickets', 'tickets.back',
      h('span', { class: 'tk-title' }, h('span', { class: 'mono muted title-key', text: tk.number }), ' ', h('span', { 'data-testid': 'ticket-subject', text: tk.subject })),
      may.openCustomer(can) && tk.customer?.id != null
        ? h('a', { class: 'btn btn-secondary', href: `#/customers/${tk.customer.id}`, i18n: 'tickets.ticket.customer360' }) : null),
    h('p', { class: 'tk-badges' }, statusBadge(tk.status), ' ', priorityBadge(tk.priority), ' ', slaBadge(tk.sla?.state), ' ',
      h('span', { class: 'badge badge-neutral' }, categoryLabel(tk.category)), ' ',
      h('span', { class: 'muted small', i18n: ['tickets.ticket.openedVia', { source: t(`tickets.source.${tk.source}`), when: fmt.dateTime(tk.createdAt) }] })));
    paintThread(scrollThread);
    reply.update(tk);
    fill(side, propertiesCard(tk), slaCard(tk), customerCard(tk), timelineCard(tk));
  }

  // ---- the thread -----------------------------------------------------------------------------------------------
  function paintThread(scroll) {
    const tk = ticket;
    const entries = [];
    // The customer's first words are the ticket's description (staff may have written them down for the customer).
    if (tk.description) {
      entries.push(entry({ id: 'description', kind: 'reply', author: { kind: 'customer', name: tk.customer?.name },
        text: tk.description, internal: false, createdAt: tk.createdAt }, true));
    }
    for (const m of tk.messages ?? []) entries.push(entry(m));
    thread.replaceChildren(...(entries.length ? entries : [h('li', {}, stateBlock('empty', 'tickets.thread.empty'))]));
    if (scroll) requestAnimationFrame(() => { thread.lastElementChild?.scrollIntoView({ block: 'nearest' }); });
  }

  function entry(m, isDescription = false) {
    const author = m.author ?? { kind: 'system' };
    const internal = m.internal || m.kind === 'note';
    const who = author.kind === 'customer' ? 'customer' : author.kind === 'system' ? 'system' : 'staff';
    const classes = ['tk-msg', `from-${who}`, internal ? 'is-note' : '', isDescription ? 'is-description' : ''].filter(Boolean).join(' ');
    const att = m.attachment;
    const src = att ? `${base}/attachments/${encodeURIComponent(att.id)}` : null;
    return h('li', { class: classes, 'data-testid': 'thread-entry', dataset: { id: String(m.id), kind: m.kind, authorKind: who, internal: String(Boolean(internal)) } },
      h('div', { class: 'tk-msg-meta' },
        h('strong', { text: author.name ?? t(`tickets.author.${who}`) }),
        h('span', { class: 'muted small', i18n: `tickets.author.${who}` }),
        internal ? h('span', { class: 'badge tk-note-badge', i18n: 'tickets.thread.internal' }) : null,
        isDescription ? h('span', { class: 'badge badge-neutral', i18n: 'tickets.thread.description' }) : null,
        h('time', { class: 'muted small', datetime: m.createdAt, title: fmt.dateTime(m.createdAt), text: fmt.dateTime(m.createdAt) })),
      m.text ? h('p', { class: 'tk-msg-text', text: m.text }) : null,
      att ? h('figure', { class: 'tk-attachment' },
        att.contentType?.startsWith('image/') ? thumbnail(src, att.filename) : null,
        h('figcaption', { class: 'small muted' }, h('a', { href: src, target: '_blank', rel: 'noopener', text: att.filename ?? t('tickets.thread.attachment') }),
          att.sizeBytes != null ? ` · ${fmt.bytes(att.sizeBytes)}` : '')) : null);
  }

  // ---- the reply box --------------------------------------------------------------------------------------------
  function replyBox() {
    const text = h('textarea', { id: 'ticket-reply', name: 'text', rows: 4, maxlength: 4000, 'data-testid': 'reply-text',
      'data-i18n-placeholder': 'tickets.reply.placeholder', placeholder: t('tickets.reply.placeholder') });
    const internal = h('input', { type: 'checkbox', id: 'ticket-reply-internal', 'data-testid': 'reply-internal' });
    const cannedSelect = h('select', { id: 'ticket-canned', 'data-testid': 'canned-select' }, h('option', { value: '', i18n: 'tickets.reply.cannedPick' }));
    const file = h('input', { type: 'file', id: 'ticket-attach', accept: 'image/jpeg,image/png,image/webp', class: 'visually-hidden', 'data-testid': 'reply-attach' });
    const fileName = h('span', { class: 'small muted tk-file-name' });
    const send = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ticket-reply-send', 'data-testid': 'reply-send' },
      h('span', { 'data-label': '', i18n: 'tickets.reply.send' }));
    const result = h('div', { class: 'tk-reply-result', 'aria-live': 'polite' });
    const closed = h('p', { class: 'alert alert-info', hidden: true, i18n: 'tickets.reply.closed' });
    const form = h('form', { class: 'card tk-reply', 'data-testid': 'reply-box', id: 'ticket-reply-box', novalidate: true },
      h('div', { class: 'tk-reply-head' },
        h('label', { for: 'ticket-reply', class: 'tk-reply-label', i18n: 'tickets.reply.label' }),
        h('label', { class: 'tk-internal-toggle', for: 'ticket-reply-internal' }, internal, h('span', { i18n: 'tickets.reply.internal' }))),
      text,
      h('p', { class: 'small muted tk-reply-hint', 'data-reply-hint': '', i18n: 'tickets.reply.hintPublic' }),
      h('div', { class: 'tk-reply-tools' },
        h('div', { class: 'tk-canned-pick' },
          h('label', { for: 'ticket-canned', class: 'visually-hidden', i18n: 'tickets.reply.canned' }), cannedSelect),
        h('label', { for: 'ticket-attach', class: 'btn btn-ghost btn-small', tabindex: '0', role: 'button',
          on: { keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); file.click(); } } } },
        h('span', { i18n: 'tickets.reply.attach' })),
        file, fileName,
        h('span', { class: 'tk-reply-send' }, h('span', { class: 'small muted hide-narrow', i18n: 'tickets.reply.sendKeys' }), send)),
      result);
    const wrap = h('div', { class: 'tk-reply-wrap' }, closed, form);

    const paintMode = () => {
      const on = internal.checked;
      form.classList.toggle('is-internal', on);
      setText(send.querySelector('[data-label]'), on ? 'tickets.reply.saveNote' : 'tickets.reply.send');
      const hint = form.querySelector('[data-reply-hint]');
      setText(hint, on ? 'tickets.reply.hintInternal' : 'tickets.reply.hintPublic');
    };
    internal.addEventListener('change', paintMode);
    file.addEventListener('change', () => {
      const chosen = file.files[0];
      const problem = imageProblem(chosen);
      if (problem) { file.value = ''; fileName.textContent = ''; result.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: problem })); return; }
      result.replaceChildren();
      fileName.textContent = chosen ? `${chosen.name} (${fmt.bytes(chosen.size)})` : '';
    });
    cannedSelect.addEventListener('change', () => {
      const picked = canned?.find((c) => String(c.id) === cannedSelect.value);
      if (picked) {
        const body = fillPlaceholders(picked.text);
        text.value = text.value.trim() ? `${text.value.trimEnd()}\n\n${body}` : body;
        text.focus();
        text.setSelectionRange(text.value.length, text.value.length);
      }
      cannedSelect.value = '';
    });
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const words = text.value.trim();
      const image = file.files[0];
      if (!words && !image) { result.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', i18n: 'tickets.reply.empty' })); text.focus(); return; }
      send.disabled = true;
      send.setAttribute('aria-busy', 'true');
      result.replaceChildren();
      try {
        if (words) {
          await ctx.api.post(`${base}/replies`, { text: words, internal: internal.checked });
          text.value = '';
        }
        if (image) {
          await ctx.api.upload(`${base}/attachments?filename=${encodeURIComponent(image.name)}${internal.checked ? '&internal=true' : ''}`, image);
          file.value = '';
          fileName.textContent = '';
        }
        result.replaceChildren(h('p', { class: 'alert alert-success', role: 'status', i18n: internal.checked ? 'tickets.reply.noteSaved' : 'tickets.reply.sent' }));
        setTimeout(() => result.querySelector('.alert-success')?.remove(), 4000);
        await load();
        text.focus();
      } catch (err) {
        result.replaceChildren(h('p', { class: 'alert alert-error', role: 'alert', text: errorText(err) }));
      } finally {
        send.disabled = false;
        send.removeAttribute('aria-busy');
      }
    });

    return {
      el: wrap,
      focus: () => text.focus(),
      toggleInternal: () => { internal.checked = !internal.checked; paintMode(); text.focus(); },
      update(tk) {
        const isClosed = tk.status === 'closed';
        form.hidden = isClosed;
        closed.hidden = !isClosed;
      },
      setCanned(list) {
        cannedSelect.replaceChildren(h('option', { value: '', i18n: list.length ? 'tickets.reply.cannedPick' : 'tickets.reply.cannedNone' }),
          ...list.map((c) => h('option', { value: String(c.id), text: c.title })));
        cannedSelect.disabled = !list.length;
      },
    };
  }

  /** A canned reply may name the customer and the ticket: {name}, {number}, {nama}, {nomor}. */
  function fillPlaceholders(body) {
    const values = { name: ticket?.customer?.name, nama: ticket?.customer?.name, number: ticket?.number, nomor: ticket?.number, agent: me.name, petugas: me.name };
    return body.replace(/\{(\w+)\}/g, (match, key) => values[key] ?? match);
  }

  // ---- the side cards -------------------------------------------------------------------------------------------
  function propertiesCard(tk) {
    const isClosed = tk.status === 'closed';
    const mayStatus = canEdit || (can('technician') && tk.assignee?.username === me.username);
    const status = h('select', { id: 'tk-status', 'data-testid': 'ticket-status', 'data-status': tk.status, disabled: isClosed || !mayStatus },
      STATUSES.map((s) => h('option', { value: s, i18n: `tickets.status.${s}`, selected: s === tk.status })));
    const priority = h('select', { id: 'tk-priority', 'data-testid': 'ticket-priority', disabled: isClosed || !canEdit },
      PRIORITIES.map((p) => h('option', { value: p, i18n: `tickets.priority.${p}`, selected: p === tk.priority })));
    const assignee = h('select', { id: 'tk-assignee', 'data-testid': 'ticket-assignee', disabled: isClosed || !canEdit });
    const line = h('p', { class: 'small tk-prop-result', 'aria-live': 'polite' });
    // The current assignee is shown by name even when they have left the directory (disabled since).
    const pick = { current: tk.assignee?.username ?? '', seen: tk.assignee ? [tk.assignee] : [] };
    if (canEdit && !isClosed) {
      fillAssignees(assignee, me, { ...pick, onError: (err) => {
        line.textContent = t('tickets.assignee.directoryFailed', { message: errorText(err) });
        line.className = 'small tk-prop-result tk-bad';
      } });
    } else {
      assigneeOptions(assignee, [], me, pick);
    }
    const patch = async (field, value, select) => {
      if (field === 'status' && value === 'closed' && !(await confirmClose())) { select.value = tk[field]; return; }
      select.disabled = true;
      setText(line, 'admin.saving');
      line.className = 'small tk-prop-result muted';
      try {
        ticket = { ...ticket, ...(await ctx.api.patch(base, { [field]: value })) };
        setText(line, 'tickets.ticket.saved');
        line.className = 'small tk-prop-result tk-ok';
        await load();
      } catch (err) {
        line.textContent = errorText(err);
        line.className = 'small tk-prop-result tk-bad';
        select.value = field === 'assignee' ? (tk.assignee?.username ?? '') : tk[field];
        select.disabled = false;
      }
    };
    status.addEventListener('change', () => patch('status', status.value, status));
    priority.addEventListener('change', () => patch('priority', priority.value, priority));
    assignee.addEventListener('change', () => patch('assignee', assignee.value || null, assignee));
    const takeIt = canEdit && !isClosed && tk.assignee?.username !== me.username
      ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'ticket-take', i18n: 'tickets.ticket.takeIt',
        on: { click: () => { assignee.value = me.username; patch('assignee', me.username, assignee); } } }) : null;
    const quick = !isClosed && mayStatus && tk.status !== 'resolved'
      ? h('button', { type: 'button', class: 'btn btn-secondary btn-small', 'data-testid': 'ticket-resolve', i18n: 'tickets.ticket.resolve',
        on: { click: () => { status.value = 'resolved'; patch('status', 'resolved', status); } } }) : null;
    return h('section', { class: 'card admin-card tk-props' },
      h('h2', { i18n: 'tickets.ticket.properties' }),
      h('div', { class: 'field' }, h('label', { for: 'tk-status', i18n: 'tickets.field.status' }), status),
      h('div', { class: 'field' }, h('label', { for: 'tk-priority', i18n: 'tickets.field.priority' }), priority),
      h('div', { class: 'field' }, h('label', { for: 'tk-assignee', i18n: 'tickets.field.assignee' }), assignee),
      takeIt || quick ? h('div', { class: 'form-actions' }, takeIt, quick) : null,
      isClosed ? h('p', { class: 'small muted', i18n: 'tickets.ticket.closedFinal' }) : null,
      line);
  }

  function confirmClose() {
    return confirmDialog({ titleKey: 'tickets.ticket.closeTitle', bodyKey: 'tickets.ticket.closeBody',
      confirmKey: 'tickets.ticket.closeConfirm', params: { number: ticket.number }, danger: true });
  }

  function customerCard(tk) {
    const c = tk.customer ?? {};
    return h('section', { class: 'card admin-card tk-customer' },
      h('h2', { i18n: 'tickets.col.customer' }),
      facts([
        ['tickets.field.customer', may.openCustomer(can) && c.id != null ? h('a', { href: `#/customers/${c.id}`, text: c.name ?? '—' }) : c.name],
        ['admin.field.customerNo', c.customerNo ? h('span', { class: 'mono', text: c.customerNo }) : null],
        ['admin.field.phone', c.phone ? h('span', { class: 'mono', text: phone(c.phone) }) : null],
      ]),
      c.phone && can('admin', 'supervisor', 'cs', 'noc')
        ? h('p', { class: 'card-foot' }, h('a', { href: `#/whatsapp/inbox?from=${encodeURIComponent(c.phone)}`, i18n: 'tickets.ticket.waConversation' })) : null);
  }

  function slaCard(tk) {
    const sla = tk.sla;
    if (!sla) return h('section', { class: 'card admin-card tk-sla' }, h('h2', { i18n: 'tickets.sla.title' }), stateBlock('empty', 'tickets.sla.none'));
    const target = (key, tg) => {
      if (!tg) return null;
      const pct = Math.max(0, Math.min(100, tg.percent ?? 0));
      return h('div', { class: 'tk-sla-target', dataset: { state: tg.metAt ? 'met' : (tg.state ?? 'ok') }, 'data-testid': `sla-${key}` },
        h('div', { class: 'tk-sla-line' },
          h('strong', { i18n: `tickets.sla.${key}` }),
          tg.metAt ? h('span', { class: 'badge badge-up', i18n: 'tickets.sla.metBadge' }) : slaBadge(tg.state)),
        h('div', { class: 'tk-bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(pct)),
          'aria-label': t(`tickets.sla.${key}`) }, h('span', { style: `width:${pct}%` })),
        facts([
          ['tickets.sla.target', minutes(tg.targetMinutes)],
          ['tickets.sla.due', tg.dueAt ? fmt.dateTime(tg.dueAt) : h('span', { class: 'muted', i18n: sla.paused ? 'tickets.sla.paused' : 'tickets.sla.noDue' })],
          tg.metAt ? ['tickets.sla.metAt', fmt.dateTime(tg.metAt)] : ['tickets.sla.leftLabel', targetClockEl(tg, sla.paused)],
          ['tickets.sla.percent', `${fmt.number(tg.percent ?? 0)} %`],
        ]));
    };
    return h('section', { class: 'card admin-card tk-sla', 'data-testid': 'sla-panel' },
      h('h2', { i18n: 'tickets.sla.title' }),
      h('p', { class: 'tk-sla-now' }, slaClock(tk), ' ',
        sla.paused ? h('span', { class: 'badge badge-neutral', i18n: 'tickets.sla.pausedBadge' }) : null,
        h('span', { class: 'muted small', i18n: `tickets.sla.calendar.${sla.calendar === '24x7' ? '24x7' : 'business'}` })),
      sla.paused ? h('p', { class: 'small muted', i18n: 'tickets.sla.pausedHint' }) : null,
      target('response', sla.response),
      target('resolution', sla.resolution));
  }

  function timelineCard(tk) {
    const events = [...(tk.timeline ?? [])].reverse();
    return h('section', { class: 'card admin-card tk-timeline', 'data-testid': 'ticket-timeline' },
      h('h2', { i18n: 'tickets.timeline.title' }),
      events.length ? h('ol', { class: 'timeline' }, events.map((e) => h('li', { dataset: { event: e.event } },
        h('time', { datetime: e.at, text: fmt.dateTime(e.at) }),
        h('span', {}, h('strong', { i18n: `tickets.event.${e.event}` }), ' · ',
          h('span', { class: 'muted', text: e.actor?.name ?? t(`tickets.author.${e.actor?.kind ?? 'system'}`) })),
        detailOf(e))))
        : stateBlock('empty', 'tickets.timeline.empty'));
  }

  function detailOf(e) {
    const d = e.detail;
    if (d == null || d === '') return null;
    if (typeof d !== 'object') return h('span', { class: 'small', text: String(d) });
    // Ids are for machines (the message is in the thread already).
    const entries = Object.entries(d).filter(([k, v]) => v != null && v !== '' && !/id$/i.test(k));
    if (!entries.length) return null;
    const vocab = e.event === 'priority' || d.action === 'priority' ? 'tickets.priority' : e.event === 'status' ? 'tickets.status' : null;
    const named = (prefix, v) => (hasKey(`${prefix}.${v}`) ? t(`${prefix}.${v}`) : String(v));
    const show = (k, v) => {
      if (typeof v === 'object') return v.name ?? v.username ?? JSON.stringify(v);
      if ((k === 'from' || k === 'to') && vocab) return named(vocab, v);
      if (k === 'source') return named('tickets.source', v);
      if (k === 'target') return named('tickets.sla', String(v).toLowerCase());
      if (k === 'reason' || k === 'action') return named('tickets.event', v);
      if (k === 'percent') return `${fmt.number(v)} %`;
      return String(v);
    };
    return h('ul', { class: 'chips' }, entries.map(([k, v]) => h('li', { class: 'chip' },
      h('span', { class: 'muted', text: hasKey(`tickets.detail.${k}`) ? t(`tickets.detail.${k}`) : k }), h('span', { text: show(k, v) }))));
  }

  // ---- live ------------------------------------------------------------------------------------------------------
  const refetch = debounce(load, 300);
  const stops = [startTicker(root)];
  if (may.liveTickets(can)) {
    stops.push(ctx.bus.watch('ui.tickets', {
      frame(frame) {
        if ((frame.data?.changes ?? []).some((c) => String(c.id) === String(id) || String(c.ticket?.id) === String(id))) refetch();
      },
      snapshot() { if (loadedOnce) refetch(); },
    }));
  } else {
    const poll = setInterval(load, POLL_MS);
    stops.push(() => clearInterval(poll));
  }
  const relabel = () => { if (ticket) paint(false); };
  document.addEventListener('i18n:change', relabel);

  page.actions([
    { id: 'ticket.reply', get label() { return t('tickets.action.reply'); }, run: () => reply.focus() },
    { id: 'ticket.note', get label() { return t('tickets.action.note'); }, run: () => reply.toggleInternal() },
    canEdit && { id: 'ticket.take', get label() { return t('tickets.ticket.takeIt'); }, run: () => side.querySelector('[data-testid="ticket-take"]')?.click() },
  ].filter(Boolean));

  await load();
  ctx.api.get('/api/v1/tickets/canned-replies')
    .then((answer) => { canned = Array.isArray(answer) ? answer : (answer?.items ?? []); reply.setCanned(canned); })
    .catch(() => reply.setCanned([]));

  return () => {
    stops.forEach((stop) => stop());
    refetch.cancel();
    document.removeEventListener('i18n:change', relabel);
  };
}
