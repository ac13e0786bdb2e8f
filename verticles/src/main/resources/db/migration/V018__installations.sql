-- Installations: a new customer's connection from the first visit to the day it is switched on, each step
-- recorded by the technician (optionally with a photo), and the WhatsApp notice the customer gets at each stage.

-- Numbers (IN-<year>-<6 digits>) come from their own sequence: ids may be skipped by failed inserts, numbers the
-- customer reads should not.
create sequence installation_number_seq;

create table installations (
  id            bigint generated always as identity primary key,
  number        text not null unique check (number ~ '^IN-[0-9]{4}-[0-9]{6,}$'),
  customer_id   bigint not null references customers (id),
  address       text not null,
  plan          text not null,
  stage         text not null default 'scheduled'
                check (stage in ('scheduled', 'survey', 'cabling', 'device_installed', 'activated')),
  scheduled_at  timestamptz not null,
  technician_id bigint references staff (id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  activated_at  timestamptz,
  check ((stage = 'activated') = (activated_at is not null))
);
create index installations_customer_idx on installations (customer_id, id desc);
create index installations_technician_idx on installations (technician_id, id desc);
-- The live snapshot and the WhatsApp STATUS answer read only installations still in progress.
create index installations_open_idx on installations (stage) where activated_at is null;

-- One row per step a technician (or staff for them) recorded; the photo, at most 5 MiB, is checked by its bytes
-- before it is stored, and its type is the one those bytes show.
create table installation_progress (
  id                 bigint generated always as identity primary key,
  installation_id    bigint not null references installations (id) on delete cascade,
  stage              text not null
                     check (stage in ('scheduled', 'survey', 'cabling', 'device_installed', 'activated')),
  note               text check (length(note) <= 2000),
  at                 timestamptz not null,
  technician_id      bigint references staff (id),
  -- Who recorded it, as "<kind>:<login>" (staff:agus.teknisi, token:lapangan).
  actor              text not null,
  photo              bytea,
  photo_content_type text check (photo_content_type in ('image/jpeg', 'image/png', 'image/webp')),
  photo_size         integer check (photo_size between 1 and 5242880),
  created_at         timestamptz not null default now(),
  check ((photo is null) = (photo_content_type is null) and (photo is null) = (photo_size is null))
);
create index installation_progress_installation_idx on installation_progress (installation_id, id);

-- The customer's notice at each stage, editable like every template. {{keterangan}} is the stage's own sentence
-- (the visit's time and technician, or that the connection is live).
insert into wa_templates (name, body) values
  ('installation.stage', E'Halo {{nama}}, pemasangan internet Anda *{{nomor}}* kini pada tahap *{{tahap}}*.\n{{keterangan}}\nPantau perkembangannya di portal pelanggan, atau balas *STATUS*.')
on conflict (name) do nothing;
