-- Alerting: the rules, the alerts they raise (one row per episode of one rule and label set), each alert's
-- timeline, the silences staff set, and the WhatsApp pages sent (whose codes staff answer with "ACK <code>").

-- A rule's definition is the JSON the API takes (metric, function, threshold, targets, …), validated in Java
-- (AlertRule): the table stays stable while rules learn new options.
create table alert_rules (
  id          bigint generated always as identity primary key,
  key         text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
  builtin     boolean not null default false,
  enabled     boolean not null default true,
  definition  jsonb not null,
  created_by  text,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

-- The rule's key and name are copied in: history outlives a deleted rule.
create table alerts (
  id               bigint generated always as identity primary key,
  rule_id          bigint references alert_rules (id) on delete set null,
  rule_key         text not null,
  rule_name        text not null,
  fingerprint      text not null,
  labels           jsonb not null,
  severity         text not null check (severity in ('critical', 'warning', 'info')),
  state            text not null check (state in ('pending', 'firing', 'nodata', 'resolved', 'inactive')),
  value            double precision,
  -- What staff type after "ACK " on WhatsApp, and see on the console.
  code             text not null unique,
  started_at       timestamptz not null,
  fired_at         timestamptz,
  resolved_at      timestamptz,
  resolved_by      text,
  acked_at         timestamptz,
  acked_by         text,
  escalated_at     timestamptz,
  last_notified_at timestamptz,
  notifications    integer not null default 0,
  silenced_by      bigint,
  inhibited_by     bigint,
  summary          text,
  updated_at       timestamptz not null default now()
);
-- At most one open alert per rule and label set, whichever node evaluates (and through a failover).
create unique index alerts_open_fingerprint on alerts (fingerprint) where state in ('pending', 'firing', 'nodata');
create index alerts_started_idx on alerts (started_at desc, id desc);
create index alerts_rule_idx on alerts (rule_key, started_at desc);

create table alert_events (
  id        bigint generated always as identity primary key,
  alert_id  bigint not null references alerts (id) on delete cascade,
  at        timestamptz not null default now(),
  kind      text not null,
  detail    jsonb not null default '{}'
);
create index alert_events_alert_idx on alert_events (alert_id, id);

create table alert_silences (
  id          bigint generated always as identity primary key,
  matchers    jsonb not null,
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  created_by  text not null,
  comment     text not null,
  created_at  timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index alert_silences_ends_idx on alert_silences (ends_at);

create table alert_pages (
  id          bigint generated always as identity primary key,
  code        text not null,
  alert_ids   bigint[] not null,
  staff_id    bigint not null references staff (id) on delete cascade,
  phone       text not null,
  kind        text not null check (kind in ('firing', 'repeat', 'escalation')),
  message_id  uuid,
  created_at  timestamptz not null default now()
);
create index alert_pages_code_idx on alert_pages (code, phone);

-- The pages' texts, editable in the console's template editor like any other template.
insert into wa_templates (name, body) values
  ('alert.firing', E'🔴 *{{severity}}* {{title}}\n{{detail}}\nSejak {{since}} WIB.\nBalas *ACK {{code}}* bila Anda menanganinya.'),
  ('alert.repeat', E'🔁 *Masih terjadi* ({{severity}}): {{title}}\n{{detail}}\nSejak {{since}} WIB, belum ditangani.\nBalas *ACK {{code}}* bila Anda menanganinya.'),
  ('alert.escalation', E'⚠️ *Eskalasi* ({{severity}}): {{title}}\n{{detail}}\nBelum ditangani sejak {{since}} WIB.\nBalas *ACK {{code}}* bila Anda menanganinya.')
on conflict (name) do nothing;
