-- Incoming WhatsApp messages (Fonnte's "incoming" webhook), linked to the customer by phone when known.

create table wa_inbox (
  id            bigint generated always as identity primary key,
  callback_id   bigint not null references wa_callbacks (id),
  -- Fonnte retries a callback it got no 200 for: the same message must land once.
  dedupe_key    text not null unique,
  device        text not null,
  sender        text not null,
  sender_name   text,
  text          text,
  group_member  text,
  location      text,
  attachment_url text,
  filename      text,
  extension     text,
  inbox_id      text,
  sent_at       timestamptz,
  received_at   timestamptz not null,
  customer_id   bigint,
  customer_no   text,
  customer_name text
);
create index wa_inbox_sender_idx on wa_inbox (sender, id desc);
