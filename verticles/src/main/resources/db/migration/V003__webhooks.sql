-- Fonnte webhook ingress: every callback is written here before it is answered (the write-ahead log),
-- then applied; and the link between Fonnte's message id and WhatsApp's state id.

create table wa_callbacks (
  id           bigint generated always as identity primary key,
  kind         text not null check (kind in ('status', 'incoming', 'device')),
  device       text,
  body         jsonb not null,
  received_at  timestamptz not null default now(),
  processed_at timestamptz,
  attempts     integer not null default 0,
  -- A receipt for an id not stored yet (it raced the send reply) waits and is tried again from then on.
  retry_at     timestamptz,
  outcome      text
);
create index wa_callbacks_pending_idx on wa_callbacks (kind, id) where processed_at is null;

-- Later receipts carry only the state id: the first status callback links it to the provider id.
create table wa_provider_states (
  state_id    text primary key,
  provider_id text not null,
  message_id  uuid not null references wa_messages (id) on delete cascade,
  created_at  timestamptz not null default now()
);

alter table wa_messages add column wa_state text;
