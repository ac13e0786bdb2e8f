package id.aglis.hub.alert;

import id.aglis.hub.alert.engine.Alert;
import id.aglis.hub.alert.engine.AlertRepository;
import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.AlertStateChanged;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ui.alerts}: the open alerts (snapshot) and each change to an alert (frames, the latest change per alert),
 * with the day's counts of alerts that fired and resolved. Staff of every role but technicians see it.
 */
final class AlertStream implements LiveStream {

  private final AlertRepository alerts;

  AlertStream(AlertRepository alerts) {
    this.alerts = alerts;
  }

  @Override
  public BridgeAddress address() {
    return BridgeAddress.forStaff(Addresses.UI_ALERTS, Set.of(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC));
  }

  /** {@code {"open":[alert…],"firing":n}}, alerts as {@code GET /api/v1/alerts/{id}} shows them. */
  @Override
  public Future<JsonObject> snapshot() {
    return alerts.open().map(open -> new JsonObject()
        .put("open", new JsonArray(open.stream().map(Alert::toJson).toList()))
        .put("firing", open.stream().filter(a -> Alert.FIRING.equals(a.state())).count()));
  }

  @Override
  public Projection project(Vertx vertx) {
    return new Changes(vertx);
  }

  /** This node's alert changes since the last frame: the latest per alert. */
  private static final class Changes implements Projection {
    private final MessageConsumer<JsonObject> consumer;
    private final Map<Long, JsonObject> latest = new LinkedHashMap<>();
    private long fired;
    private long resolved;

    Changes(Vertx vertx) {
      consumer = vertx.eventBus().localConsumer(Addresses.ALERT_STATE_CHANGED, m -> {
        AlertStateChanged change = AlertStateChanged.fromJson(m.body());
        latest.remove(change.id());
        latest.put(change.id(), change.toJson());
        if ("firing".equals(change.change())) {
          fired++;
        } else if ("resolved".equals(change.change())) {
          resolved++;
        }
      });
    }

    @Override
    public Future<JsonObject> drain() {
      if (latest.isEmpty()) {
        return Future.succeededFuture();
      }
      JsonObject frame = new JsonObject().put("changes", new JsonArray(latest.values().stream().map(Object.class::cast).toList()))
          .put("counts", new JsonObject().put("fired", fired).put("resolved", resolved));
      latest.clear();
      fired = 0;
      resolved = 0;
      return Future.succeededFuture(frame);
    }

    @Override
    public void close() {
      consumer.unregister();
    }
  }
}
