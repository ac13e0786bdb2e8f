-- Billing: invoices as the billing system issues them (by its own number), payments as the bank or payment
-- gateway reports them (by its own reference), each with a short code printed on its PDF that staff can check.
-- Amounts are whole rupiah (bigint); an invoice's status is computed (see docs/billing.md), never stored, except
-- for what it is computed from: the total, what has been paid, the due date and whether it was voided.

create table invoices (
  id                bigint generated always as identity primary key,
  -- The billing system's number; posting it again updates the invoice while nothing is paid.
  number            text not null unique check (length(number) between 1 and 64),
  customer_id       bigint not null references customers (id),
  -- The customer as they were when the invoice was posted: an invoice keeps the name it was issued to.
  customer_no       text not null,
  customer_name     text not null,
  period            text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  issue_date        date not null,
  due_date          date not null check (due_date >= issue_date),
  -- [{"description","amount"}], amounts whole rupiah, at least one line.
  lines             jsonb not null check (jsonb_typeof(lines) = 'array' and jsonb_array_length(lines) >= 1),
  total             bigint not null check (total > 0),
  -- Kept in the same transaction as each payment, under the invoice's row lock, so it can never exceed the total.
  paid              bigint not null default 0 check (paid >= 0 and paid <= total),
  verification_code text not null unique,
  voided_at         timestamptz,
  void_reason       text check (length(void_reason) <= 500),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  check ((voided_at is null) = (void_reason is null))
);
create index invoices_customer_idx on invoices (customer_id, id desc);
-- The staff list filters by what is still owed ("overdue", "unpaid") far more than by what is settled.
create index invoices_open_idx on invoices (due_date) where voided_at is null and paid < total;

create table payments (
  id                bigint generated always as identity primary key,
  -- The bank's or gateway's reference; the same reference with the same content is the same payment.
  reference         text not null unique check (length(reference) between 1 and 64),
  invoice_id        bigint not null references invoices (id),
  -- The invoice's customer, so the portal's "my payments" needs no join to decide whose a payment is.
  customer_id       bigint not null references customers (id),
  amount            bigint not null check (amount > 0),
  method            text not null check (length(method) between 1 and 32),
  paid_at           timestamptz not null,
  -- SHA-256 over invoice number, amount, method and paid-at instant: a reference posted again with other content
  -- is a 409, not a second payment nor a silent overwrite.
  content_hash      text not null,
  verification_code text not null unique,
  created_at        timestamptz not null default now()
);
create index payments_invoice_idx on payments (invoice_id, id);
create index payments_customer_idx on payments (customer_id, id desc);

-- The customer's receipt notice, editable like every template. {{jumlah}} is already written as "Rp 350.000";
-- {{sisa}} is the sentence about what is still owed (empty when the invoice is settled).
insert into wa_templates (name, body) values
  ('billing.payment', E'Pembayaran {{jumlah}} untuk tagihan *{{nomor}}* (periode {{periode}}) sudah kami terima pada {{tanggal}} WIB. Terima kasih.\n{{sisa}}Kode verifikasi kuitansi: *{{kode}}*. Unduh kuitansinya di portal pelanggan.')
on conflict (name) do nothing;
