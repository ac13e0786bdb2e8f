-- Attachments of incoming messages, fetched from Fonnte within its 30-minute window. Stored in the
-- database so every node can serve them (they are bounded in size); or recorded as missed, with why.

create table wa_attachments (
  inbox_entry_id bigint primary key references wa_inbox (id) on delete cascade,
  source_url     text not null,
  content_type   text,
  size_bytes     integer,
  data           bytea,
  missed_reason  text,
  fetched_at     timestamptz not null default now()
);
