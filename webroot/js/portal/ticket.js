// One report: its status in plain words, the conversation (the customer's and staff replies, photos as
// thumbnails), a reply box, "Kirim foto" and "Tutup laporan". Live: a {"type":"ticket","id"} frame for this report
// fetches it again and only the new replies are added (and read out), so a half-written reply is never lost.
import { h, fill, fmt } from '../dom.js';
import { t, setText } from '../i18n.js';
import { ApiError } from '../api.js';
import { errorMessage, showMessage, clearMessage, setBusy } from '../ui.js';
import {
  statusBadge, keepFresh, stateCard, retryButton, skeleton, viewHead, announce, confirmDialog,
  uploadTicketPhoto, photoErrorKey, takeFlash,
} from './common.js';

const REPLY_MAX = 4000;

function authorName(author) {
  if (!author || author.kind === 'customer') return t('portal.ticket.you');
  if (author.kind === 'system') return t('portal.ticket.system');
  return author.name || t('portal.ticket.staff');
}

function authorLabel(author) {
  const span = h('span', { class: 'entry-author' });
  if (!author || author.kind === 'customer') setText(span, 'portal.ticket.you');
  else if (author.kind === 'system') setText(span, 'portal.ticket.system');
  else if (author.name) span.textContent = author.name;
  else setText(span, 'portal.ticket.staff');
  return span;
}

function attachmentThumb(ticketId, attachment) {
  const src = `/api/v1/portal/tickets/${ticketId}/attachments/${attachment.id}`;
  const name = attachment.filename || 'foto';
  return h('a', { class: 'thumb', href: src, target: '_blank', rel: 'noopener', title: t('portal.ticket.openPhoto', { name }) },
    h('img', { src, alt: t('portal.ticket.photoAlt', { name }), loading: 'lazy', decoding: 'async', width: 160, height: 120 }));
}

function entry(ticketId, message) {
  const kind = message.author?.kind ?? 'customer';
  return h('li', {
    class: `entry entry-${kind}`, 'data-testid': 'thread-entry',
    dataset: { messageId: message.id, authorKind: kind, kind: message.kind },
  },
  h('p', { class: 'entry-head' },
    authorLabel(message.author),
    h('time', { class: 'entry-time', datetime: message.createdAt, text: fmt.dateTime(message.createdAt) })),
  message.text ? h('p', { class: 'entry-text', text: message.text }) : null,
  message.attachment ? attachmentThumb(ticketId, message.attachment) : null);
}

function originalEntry(ticket) {
  return h('li', { class: 'entry entry-customer entry-original', 'data-testid': 'thread-entry', dataset: { kind: 'original', authorKind: 'customer' } },
    h('p', { class: 'entry-head' },
      h('span', { class: 'entry-author', i18n: 'portal.ticket.original' }),
      h('time', { class: 'entry-time', datetime: ticket.createdAt, text: fmt.dateTime(ticket.createdAt) })),
    h('p', { class: 'entry-text', text: ticket.description ?? '' }));
}

export default {
  title: 'portal.title.ticket',

  async render(view, ctx) {
    const id = Number(ctx.path[0]);
    const head = viewHead('portal.title.ticket', { back: { href: '#/tickets', key: 'portal.back.tickets' } });
    const title = head.querySelector('h1');
    const flashRegion = h('div', { role: 'status', 'aria-atomic': 'true' });
    const body = h('div', { class: 'ticket-body' }, skeleton(4));
    view.append(head, flashRegion, body);

    const flashed = takeFlash((f) => f.ticket === id);
    if (flashed) flashRegion.replaceChildren(h('p', { class: `alert alert-${flashed.kind === 'error' ? 'error' : 'success'}`, i18n: [flashed.key, flashed.params] }));

    let ticket = null;
    let stopped = false;
    let parts = null; // the rendered pieces updated in place on a refetch

    function build() {
      const status = h('div', { class: 'status-line' });
      const help = h('p', { class: 'status-help', 'data-testid': 'ticket-status-help' });
      const facts = h('dl', { class: 'facts facts-compact' });
      const thread = h('ol', { class: 'thread', 'data-testid': 'ticket-thread', 'aria-labelledby': 'thread-title' });
      const empty = h('p', { class: 'muted thread-empty', i18n: 'portal.ticket.noReplies' });
      const actions = h('div', { class: 'ticket-actions' });
      fill(body,
        h('section', { class: 'card ticket-summary', 'aria-label': t('portal.ticket.number') }, status, help, facts),
        h('section', { class: 'thread-section', 'aria-labelledby': 'thread-title' },
          h('h2', { id: 'thread-title', i18n: 'portal.ticket.thread' }),
          thread, empty),
        actions);
      parts = { status, help, facts, thread, empty, actions, compose: null, closed: null };
    }

    function paintSummary() {
      title.removeAttribute('data-i18n');
      title.textContent = ticket.subject;
      fill(parts.status,
        statusBadge(ticket.status, { 'data-testid': 'ticket-status', dataset: { status: ticket.status } }),
        h('span', { class: 'mono muted', text: ticket.number }));
      setText(parts.help, `portal.ticket.statusHelp.${ticket.status}`);
      fill(parts.facts,
        h('div', {}, h('dt', { i18n: 'portal.ticket.category' }), h('dd', { i18n: `portal.category.${ticket.category}` })),
        h('div', {}, h('dt', { i18n: 'portal.ticket.number' }), h('dd', { class: 'mono', text: ticket.number })),
        h('div', {}, h('dt', { i18n: 'portal.ticket.reportedAt' }), h('dd', { text: fmt.dateTime(ticket.createdAt) })),
        ticket.assignee?.name ? h('div', {}, h('dt', { i18n: 'portal.ticket.assignee' }), h('dd', { text: ticket.assignee.name })) : null);
    }

    /** Adds the replies not shown yet; the ones already there stay (and keep their place for a screen reader). */
    function paintThread({ announceNew }) {
      const messages = (ticket.messages ?? []).filter((m) => !m.internal);
      const shown = new Set([...parts.thread.querySelectorAll('[data-message-id]')].map((el) => el.dataset.messageId));
      if (!parts.thread.querySelector('[data-kind="original"]')) parts.thread.prepend(originalEntry(ticket));
      const fresh = messages.filter((m) => !shown.has(String(m.id)));
      for (const m of fresh) {
        const li = entry(id, m);
        if (announceNew) li.classList.add('entry-new');
        parts.thread.append(li);
      }
      parts.empty.hidden = messages.length > 0;
      if (announceNew) {
        const theirs = fresh.filter((m) => m.author?.kind !== 'customer');
        const last = theirs[theirs.length - 1];
        if (last) announce('portal.ticket.newReply', { name: authorName(last.author), text: last.text || t('portal.ticket.photoAlt', { name: last.attachment?.filename ?? '' }) });
      }
      return fresh;
    }

    function paintActions() {
      const closed = ticket.status === 'closed';
      if (closed) {
        parts.compose?.remove();
        parts.compose = null;
        if (!parts.closed) {
          parts.closed = h('div', { class: 'card closed-card', 'data-testid': 'ticket-closed' },
            h('p', { i18n: 'portal.ticket.statusHelp.closed' }),
            h('a', { class: 'btn btn-accent btn-block', href: '#/tickets/new', i18n: 'portal.ticket.newFromClosed' }));
          parts.actions.replaceChildren(parts.closed);
        }
        return;
      }
      if (!parts.compose) {
        parts.compose = compose();
        parts.actions.replaceChildren(parts.compose);
      }
    }

    function compose() {
      const region = h('div', { 'aria-live': 'assertive', 'aria-atomic': 'true' });
      const status = h('div', { role: 'status', 'aria-atomic': 'true' });
      const text = h('textarea', {
        id: 'reply-text', name: 'text', rows: 3, maxlength: REPLY_MAX, 'data-testid': 'reply-text',
        'aria-describedby': 'reply-hint',
      });
      const send = h('button', { type: 'submit', class: 'btn btn-accent', id: 'reply-send', 'data-testid': 'reply-send' },
        h('span', { 'data-label': true, i18n: 'portal.ticket.send' }));
      const file = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/*', hidden: true, id: 'reply-photo', 'data-testid': 'reply-photo' });
      const photoButton = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'reply-photo-button' },
        h('span', { 'aria-hidden': 'true', text: '📷 ' }), h('span', { 'data-label': true, i18n: 'portal.ticket.addPhoto' }));
      const closeButton = h('button', { type: 'button', class: 'btn btn-ghost btn-block close-button', 'data-testid': 'ticket-close' },
        h('span', { 'data-label': true, i18n: 'portal.ticket.close' }));

      const form = h('form', { class: 'card compose', novalidate: true, 'data-testid': 'reply-form' },
        region,
        h('div', { class: 'field' },
          h('label', { for: 'reply-text', i18n: 'portal.ticket.reply' }),
          text,
          h('p', { class: 'field-hint', id: 'reply-hint', i18n: 'portal.ticket.replyHint' })),
        h('div', { class: 'compose-actions' }, photoButton, send),
        file,
        status);

      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (send.disabled) return;
        clearMessage(region);
        const value = text.value.trim();
        if (!value) {
          showMessage(region, { key: 'portal.ticket.replyRequired' });
          text.setAttribute('aria-invalid', 'true');
          text.focus();
          return;
        }
        setBusy(send, true, 'portal.ticket.sending');
        try {
          const message = await ctx.api.post(`/api/v1/portal/tickets/${id}/replies`, { text: value });
          text.value = '';
          text.removeAttribute('aria-invalid');
          if (message?.id != null && ticket) {
            ticket.messages = [...(ticket.messages ?? []), message];
            paintThread({ announceNew: false });
            parts.thread.lastElementChild?.scrollIntoView({ block: 'nearest' });
          }
          refresh(); // a reply may reopen a resolved report
        } catch (err) {
          showMessage(region, errorMessage(err));
        } finally {
          setBusy(send, false);
        }
      });
      text.addEventListener('input', () => text.removeAttribute('aria-invalid'));

      photoButton.addEventListener('click', () => file.click());
      file.addEventListener('change', async () => {
        const chosen = file.files?.[0];
        file.value = '';
        if (!chosen) return;
        clearMessage(region);
        setBusy(photoButton, true, 'portal.ticket.uploading');
        try {
          await uploadTicketPhoto(ctx.api, id, chosen);
          showMessage(status, { key: 'portal.ticket.photoSent' }, 'success');
          await refresh();
        } catch (err) {
          showMessage(region, { key: photoErrorKey(err) });
        } finally {
          setBusy(photoButton, false);
        }
      });

      closeButton.addEventListener('click', async () => {
        const yes = await confirmDialog({
          titleKey: 'portal.ticket.closeTitle', textKey: 'portal.ticket.closeText', confirmKey: 'portal.ticket.closeConfirm', danger: true,
        });
        if (!yes) return;
        setBusy(closeButton, true, 'portal.ticket.closing');
        try {
          const closed = await ctx.api.post(`/api/v1/portal/tickets/${id}/close`);
          if (closed?.status) ticket = { ...ticket, ...closed, messages: closed.messages ?? ticket.messages };
          else await refresh();
          paint({ announceNew: false });
          flashRegion.replaceChildren(h('p', { class: 'alert alert-success', i18n: 'portal.ticket.closed' }));
          title.focus();
        } catch (err) {
          setBusy(closeButton, false);
          showMessage(region, errorMessage(err));
        }
      });

      return h('div', { class: 'compose-wrap' }, form, closeButton);
    }

    function paint({ announceNew }) {
      if (!parts) build();
      paintSummary();
      paintThread({ announceNew });
      paintActions();
    }

    let inFlight = null;
    let again = false;
    /** Fetches the report again; overlapping calls (a burst of frames) collapse into one more fetch. */
    async function refresh() {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      inFlight = (async () => {
        do {
          again = false;
          await load(true);
        } while (again && !stopped);
      })().finally(() => { inFlight = null; });
      return inFlight;
    }

    async function load(quiet = false) {
      try {
        const before = ticket?.status;
        const next = await ctx.api.get(`/api/v1/portal/tickets/${id}`);
        if (stopped) return;
        ticket = next;
        paint({ announceNew: quiet });
        if (quiet && before && before !== ticket.status) {
          announce('portal.ticket.updatedLive', { status: t(`portal.ticket.status.${ticket.status}`) });
        }
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        if (quiet && ticket) return; // keep what is shown; the next frame or poll tries again
        if (err instanceof ApiError && err.status === 404) {
          fill(body, stateCard('missing', 'portal.ticket.notFound', null,
            h('a', { class: 'btn btn-accent', href: '#/tickets', i18n: 'portal.back.tickets' })));
          return;
        }
        fill(body, stateCard('error', 'portal.ticket.failed', null, retryButton(() => { fill(body, skeleton(4)); load(); })));
      }
    }

    load();
    const stop = keepFresh(['ticket'], (event) => {
      if (event?.id == null || Number(event.id) === id) refresh();
    }, 20);
    return () => {
      stopped = true;
      stop();
    };
  },
};
