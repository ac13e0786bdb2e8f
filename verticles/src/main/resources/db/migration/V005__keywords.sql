-- Keyword replies to incoming WhatsApp messages, and opting out of promotional (low priority) messages.

create table wa_opt_outs (
  phone        text primary key,
  opted_out_at timestamptz not null default now(),
  via          text
);

-- At most one automatic reply a day to a sender the ISP does not know.
create table wa_auto_replies (
  phone text not null,
  day   date not null,
  primary key (phone, day)
);

-- The reply texts are ordinary templates, so staff can change them with the templates API.
insert into wa_templates (name, body) values
  ('reply.info', 'Halo {{nama}}, ini info akun Anda: nomor pelanggan {{nomor}}, paket {{paket}}, status {{status}}. Terima kasih telah menggunakan layanan kami.'),
  ('reply.info.unknown', 'Maaf, nomor WhatsApp ini belum terdaftar sebagai pelanggan kami. Silakan hubungi layanan pelanggan untuk bantuan.'),
  ('reply.stop', 'Anda tidak akan lagi menerima pesan promosi dari kami. Balas MULAI kapan saja untuk menerimanya lagi.'),
  ('reply.stop.en', 'You will no longer receive promotional messages from us. Reply START at any time to receive them again.'),
  ('reply.start', 'Terima kasih, Anda akan kembali menerima pesan promosi dari kami. Balas BERHENTI untuk berhenti.'),
  ('reply.start.en', 'Thank you, you will receive our promotional messages again. Reply STOP to stop.'),
  ('reply.unknown-sender', 'Terima kasih telah menghubungi kami. Pesan Anda sudah kami terima dan akan dibalas oleh petugas pada jam kerja.')
on conflict (name) do nothing;
