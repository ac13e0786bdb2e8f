-- Identity and access: staff, customers, API tokens, the audit log, and hub-wide settings.

create table hub_settings (
  key        text primary key,
  value      text not null,
  created_at timestamptz not null default now()
);

create table staff (
  id            bigint generated always as identity primary key,
  username      text not null unique check (username ~ '^[a-z][a-z0-9._-]{2,31}$'),
  name          text not null,
  role          text not null check (role in ('admin', 'supervisor', 'cs', 'noc', 'technician')),
  phone         text,
  email         text,
  password_hash text not null,
  active        boolean not null default true,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);

create sequence customer_no_seq;

create table customers (
  id            bigint generated always as identity primary key,
  customer_no   text not null,
  name          text not null,
  phone         text,
  email         text,
  address       text,
  latitude      double precision check (latitude between -90 and 90),
  longitude     double precision check (longitude between -180 and 180),
  plan          text,
  status        text not null default 'active' check (status in ('prospect', 'active', 'suspended', 'terminated')),
  password_hash text,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
-- Customer numbers are matched case-insensitively at login, so uniqueness is too.
create unique index customers_customer_no_key on customers (lower(customer_no));
-- A WhatsApp number is a login, so it names one customer at most.
create unique index customers_phone_key on customers (phone) where phone is not null;
create index customers_name_idx on customers (lower(name));

create table api_tokens (
  id           bigint generated always as identity primary key,
  name         text not null,
  role         text not null check (role in ('admin', 'supervisor', 'cs', 'noc', 'technician')),
  token_hash   text not null unique,
  created_by   bigint references staff (id),
  created_at   timestamptz not null default now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);

create table audit_log (
  id          bigint generated always as identity primary key,
  at          timestamptz not null default now(),
  actor_kind  text not null,
  actor_id    bigint,
  actor_name  text,
  action      text not null,
  target_kind text,
  target_id   text,
  ip          text,
  detail      jsonb not null default '{}'::jsonb
);
create index audit_log_action_idx on audit_log (action, id desc);
