package id.aglis.hub.alert;

import id.aglis.hub.alert.engine.Alert;
import id.aglis.hub.alert.engine.AlertRepository;
import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.AlertStateChanged;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LatestChanges;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
    return new LatestChanges(vertx, Addresses.ALERT_STATE_CHANGED, List.of("fired", "resolved"), body -> {
      AlertStateChanged change = AlertStateChanged.fromJson(body);
      String count = "firing".equals(change.change()) ? "fired" : "resolved".equals(change.change()) ? "resolved" : null;
      return new LatestChanges.Change(change.id(), change.toJson(), count);
    });
  }
}
