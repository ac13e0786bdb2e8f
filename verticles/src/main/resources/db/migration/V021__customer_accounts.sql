-- What a customer's portal shows about their account: why it is suspended (what to do comes with it), and
-- the plan's speed and monthly price next to its name, so a speed test can be compared with what they pay for.
alter table customers add column status_reason text check (length(status_reason) <= 500);
alter table customers add column plan_speed_mbps integer check (plan_speed_mbps between 1 and 100000);
alter table customers add column plan_price bigint check (plan_price between 0 and 1000000000);

-- One-time codes reach the customer on WhatsApp at urgent priority; the code is the only parameter and is
-- masked wherever staff read message texts (templates named auth.*, which the templates API keeps from being changed
-- or deleted). The old number hears when an account moves to a new one.
insert into wa_templates (name, body) values
  ('auth.phone_changed', E'Nomor WhatsApp akun portal AGLIS Anda baru saja diganti ke {{nomor}}. Bila bukan Anda yang menggantinya, segera hubungi layanan pelanggan kami.'),
  ('auth.reset_code', E'Kode untuk mengatur ulang kata sandi portal AGLIS Anda: *{{kode}}*\nBerlaku {{menit}} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas kami.'),
  ('auth.phone_code', E'Kode untuk memakai nomor ini di portal AGLIS: *{{kode}}*\nBerlaku {{menit}} menit. Abaikan pesan ini bila Anda tidak memintanya.')
on conflict (name) do nothing;
