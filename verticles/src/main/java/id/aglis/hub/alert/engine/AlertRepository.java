package id.aglis.hub.alert.engine;

import id.aglis.hub.common.Times;
import id.aglis.hub.web.PgErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Alerts, their timelines, silences and pages in PostgreSQL. */
public final class AlertRepository {

  /** Codes staff type on a phone: no 0/O, 1/I/L. */
  private static final String CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  public AlertRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Alert>> open() {
    return pool.query(AlertSql.OPEN).execute().map(AlertRepository::alerts);
  }

  /** A new open alert and its first event; empty when one is already open for the fingerprint. */
  Future<Optional<Alert>> openNew(NewAlert alert, OffsetDateTime at) {
    Tuple args = Tuple.tuple().addValue(alert.ruleId()).addValue(alert.ruleKey()).addValue(alert.ruleName()).addValue(alert.fingerprint())
        .addValue(new JsonObject(new TreeMap<>(alert.labels()))).addValue(alert.severity()).addValue(alert.state()).addValue(alert.value())
        .addValue(newCode()).addValue(at).addValue(Alert.FIRING.equals(alert.state()) ? at : null).addValue(alert.summary());
    return pool.withTransaction(tx -> tx.preparedQuery(AlertSql.OPEN_NEW).execute(args)
        .compose(rows -> {
          Optional<Alert> created = alerts(rows).stream().findFirst();
          return created.isEmpty() ? Future.succeededFuture(created)
              : event(tx, created.get().id(), at, alert.state(), new JsonObject().put("value", alert.value())).map(created);
        }))
        .recover(failure -> PgErrors.isUnique(failure, "alerts_code_key") ? openNew(alert, at) : Future.failedFuture(failure));
  }

  /** What the evaluator opens. */
  record NewAlert(long ruleId, String ruleKey, String ruleName, String fingerprint, java.util.Map<String, String> labels, String severity,
                  String state, Double value, String summary) {
  }

  /** The evaluator moves an open alert (state, value, silence, inhibition), with an event when {@code kind} is not null. */
  Future<Optional<Alert>> move(Alert alert, String state, Double value, OffsetDateTime at, String summary, Long silencedBy,
                               Long inhibitedBy, String kind, JsonObject detail) {
    OffsetDateTime resolvedAt = Alert.RESOLVED.equals(state) || Alert.INACTIVE.equals(state) ? at : null;
    OffsetDateTime firedAt = Alert.FIRING.equals(state) ? at : null;
    return pool.withTransaction(tx -> tx.preparedQuery(AlertSql.MOVE).execute(Tuple.from(new Object[] {alert.id(), state, value, firedAt,
            resolvedAt, summary, silencedBy, inhibitedBy}))
        .compose(rows -> {
          Optional<Alert> moved = alerts(rows).stream().findFirst();
          return moved.isEmpty() || kind == null ? Future.succeededFuture(moved) : event(tx, alert.id(), at, kind, detail).map(moved);
        }));
  }

  Future<Alert> notified(Alert alert, OffsetDateTime at, boolean escalation, JsonObject detail) {
    return pool.withTransaction(tx -> tx.preparedQuery(AlertSql.NOTIFIED).execute(Tuple.of(alert.id(), at, escalation))
        .compose(rows -> event(tx, alert.id(), at, escalation ? "escalated" : "notified", detail).map(alerts(rows).get(0))));
  }

  Future<Void> pageSent(String code, List<Long> alertIds, long staffId, String phone, String kind, UUID messageId) {
    return pool.preparedQuery(AlertSql.PAGE_SENT).execute(Tuple.of(code, alertIds.toArray(Long[]::new), staffId, phone, kind, messageId))
        .mapEmpty();
  }

  /** The alerts of the page this phone got with {@code code}; empty when it got none. */
  public Future<List<Long>> pagedWith(String code, String phone) {
    return pool.preparedQuery(AlertSql.PAGE_BY_CODE).execute(Tuple.of(code, phone)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(row -> ids.addAll(List.of(row.getArrayOfLongs("alert_ids"))));
      return ids;
    });
  }

  public Future<Optional<Alert>> find(long id) {
    return pool.preparedQuery(AlertSql.BY_ID).execute(Tuple.of(id)).map(rows -> alerts(rows).stream().findFirst());
  }

  /**
   * Changes one alert under its row lock: {@code change} sees the current row and answers the statement to run (or
   * fails with the API's error), and the event is written beside it.
   */
  public Future<Optional<Alert>> change(long id, java.util.function.Function<Alert, Tuple> change, String sql, String kind,
                                        JsonObject detail, OffsetDateTime at) {
    return pool.withTransaction(tx -> tx.preparedQuery(AlertSql.BY_ID_FOR_UPDATE).execute(Tuple.of(id)).compose(rows -> {
      Optional<Alert> current = alerts(rows).stream().findFirst();
      if (current.isEmpty()) {
        return Future.succeededFuture(Optional.<Alert>empty());
      }
      Tuple args = change.apply(current.get());
      return tx.preparedQuery(sql).execute(args).compose(updated -> event(tx, id, at, kind, detail).map(alerts(updated).stream().findFirst()));
    }));
  }

  /** The alert's events in order; each page in them carries its message's delivery status now. */
  public Future<JsonArray> timeline(long id) {
    return pool.preparedQuery(AlertSql.TIMELINE).execute(Tuple.of(id)).compose(rows -> {
      JsonArray events = new JsonArray();
      List<UUID> messages = new ArrayList<>();
      for (Row row : rows) {
        JsonObject detail = row.getJsonObject("detail");
        events.add(new JsonObject().put("at", Times.iso(row.getOffsetDateTime("at"))).put("kind", row.getString("kind")).put("detail", detail));
        for (Object page : detail.getJsonArray("pages", new JsonArray())) {
          messages.add(UUID.fromString(((JsonObject) page).getString("messageId")));
        }
      }
      if (messages.isEmpty()) {
        return Future.succeededFuture(events);
      }
      return pool.preparedQuery(AlertSql.PAGE_STATUSES).execute(Tuple.tuple().addArrayOfUUID(messages.toArray(UUID[]::new))).map(statuses -> {
        java.util.Map<String, String> byId = new java.util.HashMap<>();
        statuses.forEach(s -> byId.put(s.getUUID("id").toString(), s.getString("status")));
        for (Object event : events) {
          for (Object page : ((JsonObject) event).getJsonObject("detail").getJsonArray("pages", new JsonArray())) {
            JsonObject p = (JsonObject) page;
            p.put("messageStatus", byId.get(p.getString("messageId")));
          }
        }
        return events;
      });
    });
  }

  public Future<List<Alert>> page(long before, String state, String severity, String rule, OffsetDateTime from, OffsetDateTime to, int limit) {
    return pool.preparedQuery(AlertSql.PAGE).execute(Tuple.from(new Object[] {before, state, severity, rule, from, to, limit}))
        .map(AlertRepository::alerts);
  }

  private static Future<Void> event(SqlClient client, long alertId, OffsetDateTime at, String kind, JsonObject detail) {
    return client.preparedQuery(AlertSql.EVENT).execute(Tuple.of(alertId, at, kind, detail == null ? new JsonObject() : detail)).mapEmpty();
  }

  static String newCode() {
    StringBuilder code = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
    }
    return code.toString();
  }

  static List<Alert> alerts(RowSet<Row> rows) {
    List<Alert> alerts = new ArrayList<>();
    rows.forEach(row -> alerts.add(Alert.from(row)));
    return alerts;
  }

  public Future<List<Silence>> activeSilences(OffsetDateTime at) {
    return pool.preparedQuery(AlertSql.ACTIVE_SILENCES).execute(Tuple.of(at)).map(AlertRepository::silences);
  }

  public Future<List<Silence>> silences(boolean includeEnded) {
    return pool.preparedQuery(AlertSql.SILENCES).execute(Tuple.of(includeEnded)).map(AlertRepository::silences);
  }

  public Future<Silence> addSilence(JsonArray matchers, OffsetDateTime startsAt, OffsetDateTime endsAt, String by, String comment) {
    return pool.preparedQuery(AlertSql.SILENCE_INSERT).execute(Tuple.of(matchers, startsAt, endsAt, by, comment))
        .map(rows -> silences(rows).get(0));
  }

  public Future<Optional<Silence>> endSilence(long id, OffsetDateTime now) {
    return pool.preparedQuery(AlertSql.SILENCE_END).execute(Tuple.of(id, now)).map(rows -> silences(rows).stream().findFirst());
  }

  public Future<RowSet<Row>> analyticsByRule(OffsetDateTime from, OffsetDateTime to) {
    return pool.preparedQuery(AlertSql.ANALYTICS_BY_RULE).execute(Tuple.of(from, to));
  }

  private static List<Silence> silences(RowSet<Row> rows) {
    List<Silence> silences = new ArrayList<>();
    rows.forEach(row -> silences.add(Silence.from(row)));
    return silences;
  }
}
