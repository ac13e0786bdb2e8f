-- The portal's speed test: each result a customer saves, with the plan they had at that moment (a snapshot: a
-- later change of plan must not rewrite how an old test compared). Latency and jitter in milliseconds, speeds in
-- megabits per second, as measured by the customer's browser against the hub (see docs/speedtest.md).

create table speed_tests (
  id              bigint generated always as identity primary key,
  customer_id     bigint not null references customers (id),
  at              timestamptz not null default now(),
  -- The API refuses anything outside these ranges with a 400 first; the checks keep the table honest regardless.
  latency_ms      double precision not null check (latency_ms >= 0 and latency_ms <= 60000),
  jitter_ms       double precision not null check (jitter_ms >= 0 and jitter_ms <= 60000),
  download_mbps   double precision not null check (download_mbps >= 0 and download_mbps <= 100000),
  upload_mbps     double precision not null check (upload_mbps >= 0 and upload_mbps <= 100000),
  plan_name       text,
  plan_speed_mbps integer
);
-- Every read is one customer's history, newest first (the portal's list, the customer 360).
create index speed_tests_customer_idx on speed_tests (customer_id, id desc);
