package id.aglis.hub.installation;

import id.aglis.hub.platform.HubSettings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The demo's installations, one at each stage and one just activated, all with the demo technician
 * {@code agus.teknisi}, for demo customers (the two prospects among them), so the console's board and a customer's
 * portal page have something to show. Seeded once per database, after the identity demo data the demo feature seeds.
 */
final class InstallationDemo {

  private static final String INSTALLATION = "insert into installations (number, customer_id, address, plan, stage, scheduled_at, "
      + "technician_id, created_at, updated_at, activated_at) "
      + "select 'IN-' || to_char($6::timestamptz at time zone 'Asia/Jakarta', 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0'), "
      + "c.id, c.address, coalesce(c.plan, 'Rumah 20 Mbps'), $2, $3, (select id from staff where username = 'agus.teknisi'), $6, $4, $5 "
      + "from customers c, nextval('installation_number_seq') n where c.customer_no = $1 and c.address is not null returning id";
  private static final String STEP = "insert into installation_progress (installation_id, stage, note, at, technician_id, actor) "
      + "values ($1, $2, $3, $4, (select id from staff where username = 'agus.teknisi'), $5)";

  private final Pool pool;
  private final Clock clock;

  InstallationDemo(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** One demo installation: the customer, how far it got, and when its visit was (or is) scheduled from now. */
  private record Demo(String customerNo, String stage, Duration scheduledFromNow, List<String> notes) {
  }

  Future<Void> seedOnce() {
    return pool.withTransaction(tx -> HubSettings.claim(tx, "demo.seeded.installations", OffsetDateTime.now(clock).toString())
        .compose(first -> first ? seed(tx) : Future.succeededFuture()));
  }

  private Future<Void> seed(SqlConnection tx) {
    List<Demo> demos = List.of(
        new Demo("AGL-000117", Stages.SCHEDULED, Duration.ofDays(2).plusHours(3), List.of("Pelanggan minta kunjungan pagi hari.")),
        new Demo("AGL-000134", "survey", Duration.ofHours(-5), List.of("Jadwal disepakati lewat telepon.",
            "Tiang terdekat 40 m; jalur kabel lewat depan rumah.")),
        new Demo("AGL-000105", "cabling", Duration.ofDays(-1), List.of("Terjadwal.", "Survei selesai, ODP 7 port tersedia.",
            "Kabel drop 60 m sudah ditarik, menunggu pemasangan ONT.")),
        new Demo("AGL-000110", "device_installed", Duration.ofDays(-2), List.of("Terjadwal.", "Survei selesai.", "Kabel selesai.",
            "ONT terpasang di ruang tamu; redaman -19 dBm.")),
        new Demo("AGL-000121", Stages.ACTIVATED, Duration.ofDays(-4), List.of("Terjadwal.", "Survei selesai.", "Kabel selesai.",
            "ONT terpasang.", "Layanan aktif, uji kecepatan 21 Mbps.")));
    OffsetDateTime now = OffsetDateTime.now(clock);
    Future<Void> chain = Future.succeededFuture();
    for (Demo demo : demos) {
      chain = chain.compose(v -> installation(tx, demo, now));
    }
    return chain;
  }

  /** The installation, then a step per stage up to its own, spread from its schedule towards now. */
  private Future<Void> installation(SqlConnection tx, Demo demo, OffsetDateTime now) {
    OffsetDateTime scheduled = now.plus(demo.scheduledFromNow());
    OffsetDateTime created = scheduled.isBefore(now) ? scheduled.minusDays(3) : now.minusHours(2);
    int reached = Stages.rank(demo.stage());
    OffsetDateTime last = stepAt(created, scheduled, now, reached);
    OffsetDateTime activated = Stages.ACTIVATED.equals(demo.stage()) ? last : null;
    return tx.preparedQuery(INSTALLATION).execute(Tuple.of(demo.customerNo(), demo.stage(), scheduled, last, activated, created))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          long id = rows.iterator().next().getLong("id");
          Future<Void> steps = Future.succeededFuture();
          for (int i = 0; i <= reached; i++) {
            int rank = i;
            String note = rank < demo.notes().size() ? demo.notes().get(rank) : null;
            steps = steps.compose(v -> tx.preparedQuery(STEP).execute(Tuple.of(id, Stages.ORDER.get(rank), note,
                stepAt(created, scheduled, now, rank), "staff:" + (rank == 0 ? "dewi.cs" : "agus.teknisi"))).mapEmpty());
          }
          return steps;
        });
  }

  /** The first step when the installation was made; later ones from the visit on, an hour and a half apart. */
  private static OffsetDateTime stepAt(OffsetDateTime created, OffsetDateTime scheduled, OffsetDateTime now, int rank) {
    if (rank == 0) {
      return created;
    }
    OffsetDateTime at = scheduled.plusMinutes(90L * (rank - 1));
    return at.isAfter(now) ? now.minusMinutes(10L * (5 - rank)) : at;
  }
}
