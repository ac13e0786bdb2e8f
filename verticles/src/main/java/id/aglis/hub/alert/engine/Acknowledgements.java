package id.aglis.hub.alert.engine;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What people do to alerts, from the console, the API or a WhatsApp reply: acknowledge ("I am on it": no more
 * repeats or escalation) and resolve ("it is fixed": closed now; if the condition still holds, the next round
 * opens a new alert). Each is written with its event under the alert's row lock, and announced on
 * {@link Addresses#ALERT_STATE_CHANGED}.
 */
public final class Acknowledgements {

  private final Vertx vertx;
  private final AlertRepository alerts;

  private final java.time.Clock clock;

  public Acknowledgements(Vertx vertx, AlertRepository alerts, java.time.Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.alerts = alerts;
  }

  /** 404 when there is no such alert; 409 when it is already resolved (or never fired) or already acknowledged. */
  public Future<Alert> acknowledge(long id, String by, String comment, String via) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return alerts.change(id, current -> {
      if (!current.open()) {
        throw ApiError.conflict("alert_closed", "Alert " + current.code() + " is already " + current.state() + "; there is nothing to acknowledge.");
      }
      if (current.ackedAt() != null) {
        throw ApiError.conflict("already_acknowledged", "Alert " + current.code() + " was acknowledged by " + current.ackedBy() + ".");
      }
      return Tuple.of(id, now, by);
    }, AlertSql.ACK, "acknowledged", new JsonObject().put("by", by).put("comment", comment).put("via", via), now)
        .map(found -> published(found, "acknowledged", now));
  }

  public Future<Alert> resolve(long id, String by, String comment) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return alerts.change(id, current -> {
      if (!current.open()) {
        throw ApiError.conflict("alert_closed", "Alert " + current.code() + " is already " + current.state() + ".");
      }
      return Tuple.of(id, now, by);
    }, AlertSql.RESOLVE, "resolved", new JsonObject().put("by", by).put("comment", comment).put("reason", "resolved by staff"), now)
        .map(found -> published(found, "resolved", now));
  }

  /** Acknowledges each of {@code ids} that is still open and unacknowledged; returns the ones it acknowledged. */
  public Future<List<Alert>> acknowledgeAll(List<Long> ids, String by, String via) {
    List<Future<Alert>> each = ids.stream().map(id -> acknowledge(id, by, null, via)).toList();
    return Future.join(each).otherwiseEmpty().map(v -> {
      List<Alert> done = new ArrayList<>();
      each.stream().filter(Future::succeeded).forEach(f -> done.add(f.result()));
      return done;
    });
  }

  private Alert published(Optional<Alert> found, String change, OffsetDateTime now) {
    Alert alert = found.orElseThrow(() -> ApiError.notFound("Alert"));
    vertx.eventBus().publish(Addresses.ALERT_STATE_CHANGED, alert.changed(change, now).toJson());
    return alert;
  }
}
