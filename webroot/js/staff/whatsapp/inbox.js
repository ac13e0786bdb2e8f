// Kotak masuk: what people wrote to the ISP's numbers, newest first, linked to the customer when the number is known,
// live from ui.wa (frames carry new entries in `inbox`). Opening a sender (?from=62…) shows the conversation (their
// messages and ours, with delivery status) and a reply box that sends POST /messages to them.
import { h, fmt, stateBlock, fill } from '../../dom.js';
import { t } from '../../i18n.js';
import { errorState, errorText, may, normalisePhone, notice, pager, phoneText, randomKey, statusBadge, whileBusy } from './common.js';

export async function render(root, ctx, page) {
  const search = h('input', { type: 'search', 'data-search': '', id: 'wa-inbox-search', value: ctx.params.get('q') ?? '', autocomplete: 'off' });
  const listBox = h('div', {}, stateBlock('loading', 'common.loading'));
  const convo = h('div', { class: 'conversation' });
  root.append(h('div', { class: 'split inbox' },
    h('section', { class: 'card split-list' },
      h('div', { class: 'list-head' },
        h('div', { class: 'field' }, h('label', { for: 'wa-inbox-search', i18n: 'wa.inbox.search' }), search)),
      listBox),
    convo));

  let entries = [];
  let openFrom = ctx.params.get('from');
  let thread = null; // { from, outgoing: [messages] }

  function matches(e, q) {
    return !q || [e.from, e.name, e.text, e.customer?.name, e.customer?.customerNo].some((v) => v?.toLowerCase().includes(q));
  }

  function showList() {
    const q = search.value.trim().toLowerCase();
    const shown = entries.filter((e) => matches(e, q));
    if (!entries.length) {
      listBox.replaceChildren(stateBlock('empty', 'wa.inbox.empty'));
      return;
    }
    if (!shown.length) {
      listBox.replaceChildren(stateBlock('empty', 'wa.inbox.noMatch'));
      return;
    }
    listBox.replaceChildren(h('ul', { class: 'pick-list inbox-list' }, shown.map((e) => h('li', { 'data-row': '', class: e.from === openFrom ? 'is-open' : '' },
      h('a', { href: `#/whatsapp/inbox?from=${encodeURIComponent(e.from)}`, 'data-open': '', 'aria-current': e.from === openFrom ? 'true' : null },
        h('span', { class: 'inbox-line' },
          h('strong', { text: e.customer?.name ?? e.name ?? phoneText(e.from) }),
          h('time', { class: 'muted small', datetime: e.sentAt ?? e.receivedAt, text: fmt.dateTime(e.sentAt ?? e.receivedAt) })),
        h('span', { class: 'inbox-line' },
          h('span', { class: 'mono small', text: phoneText(e.from) }),
          e.customer ? h('span', { class: 'badge badge-up', text: e.customer.customerNo }) : h('span', { class: 'badge badge-neutral', i18n: 'wa.inbox.unknownSender' })),
        h('span', { class: 'snippet', text: snippet(e) }))))));
  }

  function snippet(e) {
    const text = e.text || (e.attachment ? `📎 ${e.attachment.filename || t('wa.inbox.attachment')}` : e.location ? `📍 ${t('wa.inbox.location')}` : '—');
    return text.length > 110 ? `${text.slice(0, 110)}…` : text;
  }

  async function openThread(from) {
    openFrom = from;
    ctx.setParams({ from });
    showList();
    if (!from) {
      thread = null;
      convo.replaceChildren(h('section', { class: 'card' }, stateBlock('empty', 'wa.inbox.pick')));
      return;
    }
    convo.replaceChildren(h('section', { class: 'card' }, stateBlock('loading', 'common.loading')));
    thread = { from, outgoing: [] };
    const phone = normalisePhone(from);
    if (phone) {
      try {
        thread.outgoing = (await ctx.api.get(`/api/v1/messages?to=${phone}&limit=30`)).items;
      } catch (err) {
        thread.error = err;
      }
    }
    if (thread.from === from) showThread();
    convo.scrollIntoView({ block: 'nearest' });
  }

  /** The conversation's card: header and messages are redrawn as things change, the reply box is kept (and what is typed). */
  function showThread() {
    if (!thread.card) thread.card = threadCard();
    const { from } = thread;
    const incoming = entries.filter((e) => e.from === from);
    const who = incoming[0];
    const customer = who?.customer;
    const items = [
      ...incoming.map((e) => ({ at: e.sentAt ?? e.receivedAt, node: incomingBubble(e) })),
      ...thread.outgoing.map((m) => ({ at: m.createdAt, node: outgoingBubble(m) })),
    ].sort((a, b) => new Date(a.at) - new Date(b.at));
    fill(thread.head,
      h('h2', { text: customer?.name ?? who?.name ?? phoneText(from) }),
      h('p', { class: 'muted small' },
        h('span', { class: 'mono', text: phoneText(from) }),
        customer ? [' · ', may.openCustomers(ctx.can)
          ? h('a', { href: `#/customers?q=${encodeURIComponent(customer.customerNo)}`, text: customer.customerNo })
          : h('span', { text: customer.customerNo })] : [' · ', h('span', { i18n: 'wa.inbox.unknownSender' })],
        who?.device ? [' · ', h('span', { i18n: ['wa.inbox.via', { device: who.device }] })] : null),
      thread.error ? h('p', { class: 'alert alert-error', text: errorText(thread.error) }) : null);
    thread.list.replaceChildren(...(items.length ? items.map((i) => h('li', {}, i.node)) : [h('li', {}, stateBlock('empty', 'wa.inbox.noThread'))]));
    thread.list.scrollTop = thread.list.scrollHeight;
    thread.form.hidden = !normalisePhone(from) || incoming.some((e) => e.groupMember);
    thread.cannot.hidden = !thread.form.hidden;
    if (!convo.contains(thread.card)) convo.replaceChildren(thread.card);
  }

  function threadCard() {
    const { from } = thread;
    const phone = normalisePhone(from);
    const result = h('div', { 'aria-live': 'polite' });
    const text = h('textarea', { rows: 3, id: 'wa-reply', maxlength: 60000, placeholder: t('wa.inbox.replyPlaceholder') });
    const send = h('button', { class: 'btn btn-primary', type: 'submit', i18n: 'wa.inbox.send' });
    let key = randomKey('reply');
    text.addEventListener('input', () => { key = randomKey('reply'); });
    const form = h('form', { class: 'reply-box' },
      h('label', { for: 'wa-reply', i18n: ['wa.inbox.replyTo', { to: phoneText(from) }] }),
      text,
      h('div', { class: 'form-actions' }, send, h('span', { class: 'muted small hide-narrow', i18n: 'wa.inbox.sendHint' })),
      result);
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim()) { text.focus(); return; }
      await whileBusy(send, async () => {
        try {
          const answer = await ctx.api.post('/api/v1/messages', { to: phone, text: text.value, priority: 'high', idempotencyKey: key });
          thread.outgoing.unshift({ id: answer.id, to: phone, text: text.value, status: answer.status, createdAt: new Date().toISOString() });
          text.value = '';
          key = randomKey('reply');
          result.replaceChildren();
          showThread();
          text.focus();
        } catch (err) {
          notice(result, 'error', errorText(err));
        }
      });
    });
    thread.head = h('header', { class: 'thread-head' });
    thread.list = h('ol', { class: 'thread-items' });
    thread.form = form;
    thread.cannot = h('p', { class: 'muted', i18n: 'wa.inbox.cannotReply', hidden: true });
    return h('section', { class: 'card thread' }, thread.head, thread.list, form, thread.cannot);
  }

  function incomingBubble(e) {
    return h('div', { class: 'wa-bubble incoming' },
      e.groupMember ? h('p', { class: 'muted small', i18n: ['wa.inbox.member', { member: e.groupMember }] }) : null,
      e.text ? h('p', { class: 'wa-bubble-text', text: e.text }) : null,
      e.attachment ? attachment(e) : null,
      e.location ? h('p', { class: 'small' }, `📍 ${e.location}`) : null,
      h('p', { class: 'wa-bubble-meta' }, h('time', { datetime: e.receivedAt, text: fmt.dateTime(e.sentAt ?? e.receivedAt) })));
  }

  function outgoingBubble(m) {
    return h('div', { class: 'wa-bubble outgoing', dataset: { id: m.id } },
      h('p', { class: 'wa-bubble-text', text: m.text }),
      h('p', { class: 'wa-bubble-meta' },
        h('a', { href: `#/whatsapp/messages/${m.id}`, text: fmt.dateTime(m.createdAt) }), ' ', statusBadge(m.status)));
  }

  function attachment(e) {
    const a = e.attachment;
    if (a.status === 'stored') {
      return h('p', { class: 'small' }, h('a', { href: `/api/v1/wa/inbox/${e.id}/attachment`, target: '_blank', rel: 'noopener' },
        `📎 ${a.filename || t('wa.inbox.attachment')}`), a.size ? ` (${fmt.bytes(a.size)})` : null);
    }
    return h('p', { class: 'small muted' }, `📎 ${a.filename || t('wa.inbox.attachment')} — `,
      h('span', { i18n: a.status === 'missed' ? 'wa.inbox.attachmentMissed' : 'wa.inbox.attachmentFetching' }));
  }

  const paging = pager(
    (cursor) => ctx.api.get(`/api/v1/wa/inbox?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    (items, append) => {
      entries = append ? entries.concat(items) : items;
      showList();
      if (thread && !append) showThread();
    },
    { onError: (err, first) => { if (first) listBox.replaceChildren(errorState(err, () => paging.reload())); } });
  root.querySelector('.split-list').append(paging.el);

  search.addEventListener('input', () => { ctx.setParams({ q: search.value.trim() || null }); showList(); });
  root.addEventListener('click', (event) => {
    const anchor = event.target.closest('a[href^="#/whatsapp/inbox?from="]');
    if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    openThread(new URLSearchParams(anchor.getAttribute('href').split('?')[1]).get('from'));
  });

  await paging.reload();
  await openThread(openFrom);

  const stop = ctx.bus.watch('ui.wa', {
    frame(frame) {
      const fresh = frame.data.inbox ?? [];
      if (frame.data.inboxSkipped) {
        paging.reload();
      } else if (fresh.length) {
        const known = new Set(entries.map((e) => e.id));
        entries = [...fresh.filter((e) => !known.has(e.id)).reverse(), ...entries];
        showList();
        if (thread && fresh.some((e) => e.from === thread.from)) showThread();
      }
      if (thread?.outgoing.length) {
        let moved = false;
        for (const item of frame.data.feed ?? []) {
          const m = item.kind === 'message' && thread.outgoing.find((x) => x.id === item.id);
          if (m) { m.status = item.status; moved = true; }
        }
        if (moved) showThread();
      }
    },
  });
  page.actions([
    { id: 'wa.inbox.reply', label: t('wa.inbox.action.reply'), run: () => convo.querySelector('#wa-reply')?.focus() },
    { id: 'wa.inbox.latest', label: t('wa.inbox.action.latest'), run: () => { if (entries[0]) openThread(entries[0].from); } },
  ]);
  return stop;
}
