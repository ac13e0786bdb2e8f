-- Tickets: what customers report (portal, WhatsApp) or staff open for them, with a thread, a timeline, SLA clocks
-- and escalations. Customer and assignee names are copied in (they rarely change), so the queue needs no joins
-- into identity's tables.

create sequence ticket_no_seq;

create table tickets (
  id                     bigint generated always as identity primary key,
  number                 text not null unique,
  customer_id            bigint not null references customers (id),
  customer_no            text not null,
  customer_name          text not null,
  customer_phone         text,
  category               text not null check (category in ('gangguan', 'lambat', 'tagihan', 'pemasangan', 'lainnya')),
  subject                text not null,
  description            text not null,
  priority               text not null check (priority in ('urgent', 'high', 'normal', 'low')),
  status                 text not null check (status in ('open', 'in_progress', 'waiting_customer', 'resolved', 'closed')),
  source                 text not null check (source in ('portal', 'whatsapp', 'staff')),
  -- The incoming WhatsApp message a ticket was opened from: a message applied twice opens one ticket.
  source_ref             text unique,
  assignee_id            bigint references staff (id),
  assignee_username      text,
  assignee_name          text,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  first_response_at      timestamptz,
  resolved_at            timestamptz,
  closed_at              timestamptz,
  -- SLA: targets in minutes of the ticket's calendar; the clock is what was spent before sla_resumed_at plus the
  -- calendar time since (sla_resumed_at is null while paused or stopped).
  sla_calendar           text not null check (sla_calendar in ('24x7', 'business')),
  response_target_min    integer not null check (response_target_min > 0),
  resolution_target_min  integer not null check (resolution_target_min > 0),
  sla_spent_s            bigint not null default 0,
  sla_resumed_at         timestamptz,
  response_spent_s       bigint,
  sla_state              text not null default 'ok' check (sla_state in ('ok', 'warning', 'breached')),
  -- When the escalation singleton must look at this ticket next (a threshold is crossed); null for never.
  sla_next_at            timestamptz
);
create index tickets_customer_idx on tickets (customer_id, id desc);
create index tickets_open_idx on tickets (id desc) where status not in ('resolved', 'closed');
create index tickets_assignee_idx on tickets (assignee_id, id desc);
create index tickets_sla_next_idx on tickets (sla_next_at) where sla_next_at is not null;

create table ticket_messages (
  id           bigint generated always as identity primary key,
  ticket_id    bigint not null references tickets (id),
  kind         text not null check (kind in ('reply', 'note', 'attachment')),
  author_kind  text not null check (author_kind in ('customer', 'staff', 'system')),
  author_id    bigint,
  author_name  text not null,
  body         text,
  internal     boolean not null default false,
  created_at   timestamptz not null default now()
);
create index ticket_messages_ticket_idx on ticket_messages (ticket_id, id);

create table ticket_attachments (
  id            bigint generated always as identity primary key,
  ticket_id     bigint not null references tickets (id),
  message_id    bigint not null unique references ticket_messages (id),
  filename      text not null,
  content_type  text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes    integer not null,
  data          bytea not null
);
create index ticket_attachments_ticket_idx on ticket_attachments (ticket_id);

create table ticket_events (
  id          bigint generated always as identity primary key,
  ticket_id   bigint not null references tickets (id),
  at          timestamptz not null default now(),
  actor_kind  text not null check (actor_kind in ('customer', 'staff', 'token', 'system')),
  actor_id    bigint,
  actor_name  text not null,
  event       text not null,
  detail      jsonb
);
create index ticket_events_ticket_idx on ticket_events (ticket_id, id);

-- One row per ticket, target and threshold the escalation acted on: the unique key is what makes it exactly once.
create table ticket_escalations (
  ticket_id   bigint not null references tickets (id),
  target      text not null check (target in ('response', 'resolution')),
  at_percent  integer not null,
  fired_at    timestamptz not null default now(),
  primary key (ticket_id, target, at_percent)
);

create table ticket_canned_replies (
  id          bigint generated always as identity primary key,
  title       text not null unique,
  body        text not null,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table ticket_views (
  id          bigint generated always as identity primary key,
  staff_id    bigint not null references staff (id),
  name        text not null,
  filters     jsonb not null,
  created_at  timestamptz not null default now(),
  unique (staff_id, name)
);

-- Days the business calendar does not run (Indonesia's national holidays; editable).
create table holidays (
  day   date primary key,
  name  text not null
);

-- 2026: the joint decree (SKB) on national holidays. 2027: the expected dates of the same holidays; check them
-- against the 2027 decree when it is published (the list is editable in the console and the API).
insert into holidays (day, name) values
  ('2026-01-01', 'Tahun Baru 2026 Masehi'),
  ('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'),
  ('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
  ('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948'),
  ('2026-03-21', 'Idulfitri 1447 Hijriah'),
  ('2026-03-22', 'Idulfitri 1447 Hijriah (hari kedua)'),
  ('2026-04-03', 'Wafat Yesus Kristus'),
  ('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
  ('2026-05-01', 'Hari Buruh Internasional'),
  ('2026-05-14', 'Kenaikan Yesus Kristus'),
  ('2026-05-27', 'Iduladha 1447 Hijriah'),
  ('2026-05-31', 'Hari Raya Waisak 2570 BE'),
  ('2026-06-01', 'Hari Lahir Pancasila'),
  ('2026-06-16', 'Tahun Baru Islam 1448 Hijriah'),
  ('2026-08-17', 'Hari Proklamasi Kemerdekaan RI'),
  ('2026-08-25', 'Maulid Nabi Muhammad SAW'),
  ('2026-12-25', 'Hari Raya Natal'),
  ('2027-01-01', 'Tahun Baru 2027 Masehi'),
  ('2027-01-05', 'Isra Mikraj Nabi Muhammad SAW'),
  ('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili'),
  ('2027-03-08', 'Hari Suci Nyepi Tahun Baru Saka 1949'),
  ('2027-03-10', 'Idulfitri 1448 Hijriah'),
  ('2027-03-11', 'Idulfitri 1448 Hijriah (hari kedua)'),
  ('2027-03-26', 'Wafat Yesus Kristus'),
  ('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'),
  ('2027-05-01', 'Hari Buruh Internasional'),
  ('2027-05-06', 'Kenaikan Yesus Kristus'),
  ('2027-05-17', 'Iduladha 1448 Hijriah'),
  ('2027-05-20', 'Hari Raya Waisak 2571 BE'),
  ('2027-06-01', 'Hari Lahir Pancasila'),
  ('2027-06-06', 'Tahun Baru Islam 1449 Hijriah'),
  ('2027-08-15', 'Maulid Nabi Muhammad SAW'),
  ('2027-08-17', 'Hari Proklamasi Kemerdekaan RI'),
  ('2027-12-25', 'Hari Raya Natal');

insert into ticket_canned_replies (title, body) values
  ('Sedang dicek', E'Terima kasih atas laporannya. Tim kami sedang memeriksa jaringan di area Anda dan akan mengabari secepatnya.'),
  ('Mohon restart modem', E'Mohon matikan modem selama 30 detik lalu nyalakan kembali, kemudian kabari kami apakah internet sudah normal.'),
  ('Teknisi dijadwalkan', E'Teknisi kami sudah dijadwalkan untuk datang ke lokasi Anda. Kami akan mengabari jam kedatangannya.'),
  ('Sudah normal?', E'Gangguan di area Anda sudah kami perbaiki. Apakah internet Anda sudah normal kembali?');

insert into wa_templates (name, body) values
  ('ticket.created', E'Laporan Anda sudah kami terima dengan nomor *{{nomor}}*: {{judul}}.\nKami akan mengabari Anda di sini. Ketik *STATUS* untuk melihat perkembangannya.'),
  ('ticket.reply', E'Balasan untuk laporan *{{nomor}}* dari {{petugas}}:\n{{pesan}}\n\nLihat dan balas di portal pelanggan.'),
  ('ticket.resolved', E'Laporan *{{nomor}}* ({{judul}}) sudah kami selesaikan. Bila masih ada kendala, balas laporan ini di portal pelanggan.'),
  ('ticket.escalation', E'⚠️ *SLA {{tingkat}}* tiket *{{nomor}}* ({{prioritas}}): {{judul}}\nPelanggan: {{pelanggan}}\nTarget {{target}} {{batas}} WIB. Petugas: {{petugas}}.')
on conflict (name) do nothing;
