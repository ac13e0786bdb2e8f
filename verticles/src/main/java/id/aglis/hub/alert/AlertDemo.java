package id.aglis.hub.alert;

import id.aglis.hub.platform.HubSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The demo's alert history, so the console's history and analytics show what a week of a small ISP looks like
 * on a first look: a device that dropped and came back, a queue that backed up, a blip, a node that ran hot, and
 * a silence for maintenance. Seeded once per database (after the built-in rules, which the alerts point at),
 * alongside the identity demo data the demo feature seeds earlier.
 */
final class AlertDemo {

  private static final String ALERT = "insert into alerts (rule_id, rule_key, rule_name, fingerprint, labels, severity, state, value, "
      + "code, started_at, fired_at, resolved_at, acked_at, acked_by, last_notified_at, notifications, summary) "
      + "values ((select id from alert_rules where key = $1), $1, $2, md5($1 || $3::jsonb::text), $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $9, $13, $14) "
      + "returning id";
  private static final String EVENT = "insert into alert_events (alert_id, at, kind, detail) values ($1, $2, $3, $4)";
  private static final String SILENCE = "insert into alert_silences (matchers, starts_at, ends_at, created_by, comment) values ($1, $2, $3, $4, $5)";

  private final Pool pool;
  private final Clock clock;

  AlertDemo(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** One past alert: its row and its timeline. */
  private record Past(String rule, String name, JsonObject labels, String severity, String state, double value, String code,
                      Duration ago, Duration firedAfter, Duration ackedAfter, String ackedBy, String ackVia, Duration resolvedAfter,
                      String summary) {
  }

  Future<Void> seedOnce() {
    return pool.withTransaction(tx -> HubSettings.claim(tx, "demo.seeded.alerts", OffsetDateTime.now(clock).toString())
        .compose(first -> first ? seed(tx) : Future.succeededFuture()));
  }

  private Future<Void> seed(SqlConnection tx) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Past> history = List.of(
        new Past("wa-device-down", "Perangkat WhatsApp terputus atau dijeda", new JsonObject().put("device", "sandbox"), "critical",
            "resolved", 0, "DM7KQ", Duration.ofDays(6).plusHours(3), Duration.ZERO, Duration.ofMinutes(4), "budi.noc", "whatsapp",
            Duration.ofMinutes(23), "Perangkat sandbox tidak dapat mengirim"),
        new Past("wa-queue-depth", "Antrean WhatsApp menumpuk", new JsonObject(), "warning", "resolved", 6240, "QD4RW",
            Duration.ofDays(4).plusHours(5), Duration.ofMinutes(5), Duration.ofMinutes(11), "rina.spv", "api",
            Duration.ofMinutes(52), "6240 pesan menunggu di antrean"),
        new Past("event-loop-lag", "Event loop tersendat", new JsonObject().put("node", "standalone"), "warning", "inactive", 0.7,
            "EL3PX", Duration.ofDays(3).plusHours(2), null, null, null, null, Duration.ofSeconds(70),
            "Keterlambatan event loop 0.70 detik di node standalone"),
        new Past("heap-high", "Memori heap hampir penuh", new JsonObject().put("node", "standalone"), "warning", "resolved", 0.93,
            "HP8ZM", Duration.ofDays(2).plusHours(8), Duration.ofMinutes(5), null, null, null, Duration.ofMinutes(17),
            "Heap 93.0% terpakai di node standalone"),
        new Past("wa-dead-letters", "Pesan gagal total (dead letter)", new JsonObject(), "warning", "resolved", 2, "DL6TN",
            Duration.ofHours(20), Duration.ZERO, Duration.ofMinutes(2), "budi.noc", "whatsapp", Duration.ofMinutes(15),
            "2 pesan gagal total dalam 15 menit"));
    Future<Void> chain = Future.succeededFuture();
    for (Past past : history) {
      chain = chain.compose(v -> alert(tx, past, now));
    }
    OffsetDateTime lastWeek = now.minusDays(5).withHour(1).withMinute(0).withSecond(0).withNano(0);
    JsonArray heapMatchers = new JsonArray().add(new JsonObject().put("label", "alertname").put("op", "=").put("value", "heap-high"));
    return chain.compose(v -> tx.preparedQuery(SILENCE).execute(Tuple.of(heapMatchers, lastWeek, lastWeek.plusHours(3), "rina.spv",
        "Pemeliharaan server terjadwal (pembaruan JVM)"))).mapEmpty();
  }

  private Future<Void> alert(SqlConnection tx, Past past, OffsetDateTime now) {
    OffsetDateTime started = now.minus(past.ago());
    OffsetDateTime fired = past.firedAfter() == null ? null : started.plus(past.firedAfter());
    OffsetDateTime acked = past.ackedAfter() == null ? null : fired.plus(past.ackedAfter());
    OffsetDateTime resolved = started.plus(past.resolvedAfter());
    Tuple row = Tuple.tuple().addValue(past.rule()).addValue(past.name()).addValue(past.labels()).addValue(past.severity())
        .addValue(past.state()).addValue(past.value()).addValue(past.code()).addValue(started).addValue(fired).addValue(resolved)
        .addValue(acked).addValue(past.ackedBy()).addValue(fired == null ? 0 : 1).addValue(past.summary());
    return tx.preparedQuery(ALERT).execute(row).compose(rows -> {
      long id = rows.iterator().next().getLong("id");
      Future<Void> events = event(tx, id, started, fired == null ? "pending" : past.firedAfter().isZero() ? "firing" : "pending",
          new JsonObject().put("value", past.value()));
      if (fired != null && !past.firedAfter().isZero()) {
        events = events.compose(v -> event(tx, id, fired, "firing", new JsonObject().put("value", past.value())));
      }
      if (fired != null) {
        events = events.compose(v -> event(tx, id, fired, "notified", new JsonObject().put("kind", "firing").put("code", past.code())
            .put("channels", new JsonArray().add("dashboard").add("whatsapp"))
            .put("pages", new JsonArray().add(new JsonObject().put("staff", "budi.noc").put("name", "Budi Santoso")))
            .put("skipped", new JsonArray())));
      }
      if (acked != null) {
        events = events.compose(v -> event(tx, id, acked, "acknowledged", new JsonObject().put("by", past.ackedBy()).put("via", past.ackVia())));
      }
      String end = fired == null ? "inactive" : "resolved";
      JsonObject reason = new JsonObject().put("reason", fired == null ? "cleared before its 'for'" : "condition cleared");
      return events.compose(v -> event(tx, id, resolved, end, reason));
    });
  }

  private static Future<Void> event(SqlConnection tx, long alertId, OffsetDateTime at, String kind, JsonObject detail) {
    return tx.preparedQuery(EVENT).execute(Tuple.of(alertId, at, kind, detail)).mapEmpty();
  }
}
