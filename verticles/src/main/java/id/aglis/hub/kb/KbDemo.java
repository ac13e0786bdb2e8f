package id.aglis.hub.kb;

import id.aglis.hub.platform.HubSettings;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Demo help articles, once per database: what an ISP's customers ask most (paying, a slow or dead line, the red LOS
 * light, WiFi passwords, a blocked service, moving house, upgrades), in Bahasa Indonesia, published in four
 * categories, saved through the same renderer as the editor's; and votes from a dozen demo customers, so the help
 * center's "was this helpful" figures show something on a first look.
 */
final class KbDemo {

  private record Category(String slug, String name, int position) {
  }

  private record Entry(String category, String slug, String title, String summary, String markdown) {
  }

  private static final List<Category> CATEGORIES = List.of(
      new Category("tagihan", "Tagihan & Pembayaran", 10),
      new Category("gangguan", "Gangguan & Koneksi", 20),
      new Category("akun", "Akun & WiFi", 30),
      new Category("layanan", "Layanan & Pemasangan", 40));

  private static final List<Entry> ARTICLES = List.of(
      new Entry("tagihan", "cara-bayar-tagihan", "Cara bayar tagihan internet",
          "Bayar lewat transfer bank, virtual account, minimarket atau e-wallet.", """
          Tagihan terbit setiap tanggal **1** dan jatuh tempo tanggal **10** setiap bulan.

          ## Pilihan pembayaran

          | Cara | Biaya admin | Terkonfirmasi |
          |:-----|:-----------:|:--------------|
          | Virtual account (BCA, BRI, Mandiri, BNI) | Rp 0 | otomatis, 1–5 menit |
          | Minimarket (Indomaret, Alfamart) | Rp 2.500 | otomatis, 1–5 menit |
          | E-wallet (GoPay, OVO, DANA) | Rp 0 | otomatis, 1–5 menit |
          | Transfer manual | sesuai bank | 1×24 jam kerja |

          ## Langkah bayar dengan virtual account
          1. Buka portal pelanggan, menu **Tagihan**.
          2. Pilih tagihan yang belum dibayar dan salin nomor virtual account.
          3. Bayar dari m-banking atau ATM dengan nomor tersebut.
          4. Status tagihan berubah menjadi *Lunas* dan kwitansi dikirim lewat WhatsApp.

          > Simpan bukti bayar sampai status tagihan berubah menjadi *Lunas*.
          """),
      new Entry("tagihan", "tagihan-sudah-dibayar-belum-lunas", "Sudah bayar tetapi tagihan belum lunas",
          "Apa yang harus dilakukan bila pembayaran belum tercatat.", """
          Pembayaran lewat virtual account, minimarket dan e-wallet tercatat otomatis dalam beberapa menit.

          Bila setelah **1 jam** status masih *Belum dibayar*:
          - pastikan nominal yang dibayar sama dengan total tagihan;
          - pastikan nomor virtual account sesuai tagihan bulan ini;
          - kirim foto bukti bayar lewat menu **Bantuan → Buat tiket** dengan kategori *Tagihan*.

          Transfer manual dicek oleh tim keuangan pada hari kerja, paling lambat 1×24 jam.
          """),
      new Entry("gangguan", "internet-lambat", "Internet lambat? Coba langkah ini dulu",
          "Langkah sederhana sebelum melapor gangguan kecepatan.", """
          Kecepatan bisa turun karena banyak perangkat terhubung, sinyal WiFi lemah, atau gangguan di jaringan.

          ## Periksa sendiri
          1. Jalankan **Tes kecepatan** di portal dengan HP dekat modem.
          2. Matikan unduhan besar dan update otomatis di perangkat lain.
          3. Restart modem (lihat artikel *Cara restart modem*).
          4. Bila memungkinkan, sambungkan laptop dengan kabel LAN dan tes lagi.

          Bila hasil tes tetap jauh di bawah paket Anda (misalnya di bawah 50%), buat tiket kategori *Lambat*
          dan lampirkan hasil tes kecepatan.
          """),
      new Entry("gangguan", "lampu-los-merah", "Lampu LOS merah di modem",
          "Artinya sinyal fiber optik terputus; ini yang bisa Anda lakukan.", """
          Lampu **LOS** yang menyala atau berkedip **merah** berarti modem tidak menerima sinyal dari kabel fiber optik.
          Internet tidak akan bisa dipakai sampai sinyal kembali.

          ## Yang bisa dicek
          - Pastikan kabel fiber (kabel kecil berwarna kuning atau putih) tidak tertekuk tajam, terjepit pintu, atau putus.
          - Pastikan konektor kabel terpasang rapat di port **PON** modem.
          - Jangan mencabut atau membersihkan ujung konektor dengan benda apa pun.

          Bila lampu LOS tetap merah, buat tiket kategori *Gangguan*. Teknisi kami akan dijadwalkan datang;
          gangguan LOS ditangani 24 jam setiap hari.
          """),
      new Entry("gangguan", "cara-restart-modem", "Cara restart modem dengan benar",
          "Restart modem menyelesaikan banyak masalah koneksi.", """
          1. Tekan tombol **Power** di belakang modem sampai semua lampu mati, atau cabut adaptornya.
          2. Tunggu **30 detik**.
          3. Nyalakan kembali dan tunggu 2–3 menit sampai lampu **PON** hijau menyala tetap.
          4. Sambungkan kembali perangkat Anda ke WiFi.

          Jangan menekan tombol **Reset** (lubang kecil): itu menghapus pengaturan modem, termasuk nama dan kata sandi WiFi.
          """),
      new Entry("gangguan", "status-gangguan-massal", "Cek gangguan massal di daerah Anda",
          "Bila tetangga juga tidak bisa internet, mungkin ada gangguan di jaringan.", """
          Saat ada gangguan massal (misalnya kabel utama putus), kami mengirim pemberitahuan lewat WhatsApp
          dan menampilkannya di dashboard portal.

          Anda tidak perlu membuat tiket baru selama gangguan massal sedang ditangani: perbaikan sudah berjalan,
          dan kami akan mengabari bila layanan pulih.
          """),
      new Entry("akun", "ganti-kata-sandi-wifi", "Ganti nama dan kata sandi WiFi",
          "Ubah nama jaringan (SSID) dan kata sandi WiFi dari browser.", """
          1. Sambungkan HP atau laptop ke WiFi rumah Anda.
          2. Buka browser dan ketik alamat **192.168.1.1**.
          3. Masuk dengan *username* dan *password* yang tertera di stiker belakang modem.
          4. Buka menu **WLAN** → **Basic** (nama menu bisa sedikit berbeda per merek modem).
          5. Ubah **SSID** (nama WiFi) dan **WPA Passphrase** (kata sandi WiFi), lalu simpan.

          Gunakan kata sandi minimal 8 karakter yang tidak mudah ditebak. Setelah disimpan,
          semua perangkat perlu disambungkan ulang dengan kata sandi baru.
          """),
      new Entry("akun", "lupa-kata-sandi-portal", "Lupa kata sandi (password) portal pelanggan",
          "Atur ulang kata sandi portal dengan kode yang dikirim lewat WhatsApp.", """
          1. Di halaman masuk portal, pilih **Lupa kata sandi**.
          2. Masukkan nomor pelanggan atau nomor WhatsApp yang terdaftar.
          3. Kami mengirim **kode 6 angka** lewat WhatsApp; kode berlaku 10 menit.
          4. Masukkan kode, lalu buat kata sandi baru (minimal 8 karakter).

          Tim kami **tidak pernah** meminta kode tersebut. Jangan berikan kode kepada siapa pun.
          Bila nomor WhatsApp Anda sudah tidak aktif, hubungi layanan pelanggan untuk verifikasi data.
          """),
      new Entry("layanan", "layanan-diblokir-sementara", "Layanan diblokir sementara (isolir)",
          "Mengapa layanan terisolir dan cara membukanya kembali.", """
          Layanan diblokir sementara bila tagihan belum dibayar **7 hari** setelah jatuh tempo.
          Saat terisolir, semua halaman web akan diarahkan ke halaman pemberitahuan.

          ## Cara membuka blokir
          1. Bayar tagihan yang tertunggak (lihat *Cara bayar tagihan internet*).
          2. Layanan aktif kembali otomatis dalam **15 menit** setelah pembayaran tercatat.
          3. Bila belum aktif, restart modem.

          Bila layanan diblokir karena alasan lain, alasannya tertulis di dashboard portal.
          """),
      new Entry("layanan", "jadwal-pemasangan", "Jadwal pemasangan baru",
          "Tahapan pemasangan dari pendaftaran sampai internet aktif.", """
          1. **Survei lokasi**: teknisi memastikan ada jaringan (ODP) dekat rumah Anda, 1–3 hari kerja.
          2. **Penjadwalan**: kami menghubungi Anda lewat WhatsApp untuk memilih tanggal dan jam.
          3. **Pemasangan**: penarikan kabel dan pemasangan modem, sekitar 2–4 jam.
          4. **Aktivasi**: internet langsung bisa dipakai; tagihan pertama dihitung sejak tanggal aktif.

          Progres pemasangan bisa dilihat di dashboard portal.
          """),
      new Entry("layanan", "pindah-alamat", "Pindah alamat pemasangan",
          "Pindahkan layanan ke rumah baru tanpa berhenti berlangganan.", """
          Ajukan pindah alamat paling lambat **7 hari** sebelum pindah lewat menu **Bantuan → Buat tiket**
          kategori *Lainnya*, dengan alamat lengkap dan titik lokasi (share location) rumah baru.

          - Kami survei dulu apakah jaringan tersedia di alamat baru.
          - Biaya pindah alamat Rp 150.000, ditagihkan di tagihan berikutnya.
          - Bawa modem dan adaptornya; jangan lepas kabel fiber sendiri, teknisi yang akan mencabutnya.
          """),
      new Entry("layanan", "upgrade-paket", "Upgrade atau ganti paket internet",
          "Naikkan kecepatan kapan saja; berlaku mulai tagihan berikutnya.", """
          Upgrade paket bisa diajukan kapan saja lewat menu **Bantuan → Buat tiket** kategori *Lainnya*.

          - Kecepatan baru aktif paling lambat **1×24 jam** setelah disetujui.
          - Selisih harga dihitung proporsional pada tagihan berikutnya.
          - Downgrade paket berlaku mulai awal bulan berikutnya.

          Daftar paket dan harga terbaru ada di [situs kami](https://www.aglis.id/paket).
          """));

  /** The demo customers who vote (identity's demo, seeded before this). */
  private static final int VOTERS = 12;

  private final KbRepository repository;
  private final CustomerDirectory customers;
  private final Clock clock;

  KbDemo(KbRepository repository, CustomerDirectory customers, Clock clock) {
    this.repository = repository;
    this.customers = customers;
    this.clock = clock;
  }

  Future<Void> seedOnce() {
    return repository.pool().withTransaction(tx -> HubSettings.claim(tx, "demo.seeded.kb", OffsetDateTime.now(clock).toString()))
        .compose(first -> first ? seed() : Future.succeededFuture());
  }

  private Future<Void> seed() {
    Future<?> chain = Future.succeededFuture();
    for (Category c : CATEGORIES) {
      chain = chain.compose(v -> repository.insertCategory(c.slug(), c.name(), c.position()));
    }
    for (Entry e : ARTICLES) {
      chain = chain.compose(v -> repository.insert(new KbRepository.Draft(e.slug(), e.title(), e.summary(), e.markdown(),
              ArticleHtml.render(e.markdown()), e.category(), "Demo")))
          .compose(article -> repository.publish(article.id(), true, "Demo"));
    }
    return chain.compose(v -> votes());
  }

  /** Most readers find most articles helpful, some do not: a spread that varies by article. */
  private Future<Void> votes() {
    Future<?> chain = Future.succeededFuture();
    for (int c = 1; c <= VOTERS; c++) {
      int voter = c;
      chain = chain.compose(v -> customers.byCustomerNo(String.format("AGL-%06d", 100 + voter))).compose(found -> {
        Future<?> votes = Future.succeededFuture();
        for (int a = 0; a < ARTICLES.size() && found.isPresent(); a++) {
          int article = a;
          if ((article + voter) % 3 != 0) {
            votes = votes.compose(v -> repository.vote(ARTICLES.get(article).slug(), found.get().id(), (article * 7 + voter) % 5 != 0));
          }
        }
        return votes;
      });
    }
    return chain.mapEmpty();
  }
}
