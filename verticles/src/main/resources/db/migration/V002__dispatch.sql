-- WhatsApp dispatch: messages and their timelines, templates, batches, and device state.

create table wa_templates (
  id         bigint generated always as identity primary key,
  name       text not null unique check (name ~ '^[a-z0-9][a-z0-9_.-]{1,63}$'),
  body       text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table wa_batches (
  id           uuid primary key,
  requested_by text,
  total        integer not null,
  created_at   timestamptz not null default now()
);

create table wa_messages (
  id              uuid primary key,
  -- FIFO order within a priority, across every node.
  seq             bigint generated always as identity,
  recipient       text not null,
  body            text not null,
  template        text,
  params          jsonb,
  -- 0 urgent, 1 high, 2 normal, 3 low.
  priority        smallint not null check (priority between 0 and 3),
  status          text not null check (status in ('queued', 'scheduled', 'sending', 'sent', 'delivered', 'read',
                                                  'failed', 'dead', 'cancelled', 'unknown')),
  idempotency_key text unique,
  batch_id        uuid references wa_batches (id),
  device          text,
  pinned          boolean not null default false,
  not_before      timestamptz,
  attempts        integer not null default 0,
  provider_ids    text[] not null default '{}',
  last_error      text,
  requested_by    text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  sent_at         timestamptz,
  delivered_at    timestamptz,
  read_at         timestamptz
);
create unique index wa_messages_seq_key on wa_messages (seq);
-- The reconciler and the status lists read the live messages by status.
create index wa_messages_live_idx on wa_messages (status, seq) where status in ('queued', 'scheduled', 'sending', 'unknown');
create index wa_messages_recipient_idx on wa_messages (recipient, id);
create index wa_messages_batch_idx on wa_messages (batch_id) where batch_id is not null;
create index wa_messages_created_idx on wa_messages (created_at desc, id);
create index wa_messages_provider_ids_idx on wa_messages using gin (provider_ids);

create table wa_message_events (
  id         bigint generated always as identity primary key,
  message_id uuid not null references wa_messages (id) on delete cascade,
  at         timestamptz not null default now(),
  status     text not null,
  detail     jsonb not null default '{}'::jsonb
);
create index wa_message_events_message_idx on wa_message_events (message_id, id);

create table wa_device_state (
  device        text primary key,
  paused        boolean not null default false,
  paused_reason text,
  changed_at    timestamptz not null default now(),
  last_quota    jsonb
);
