package id.aglis.hub.testing;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;

/** Reading {@code ui.alerts} frames on a test's bridge socket: each frame carries the latest change of each alert. */
public final class AlertChanges {

  private AlertChanges() {
  }

  /** The first change (in a frame after {@code mark}) of an alert of rule {@code ruleKey} that {@code which} accepts. */
  public static JsonObject await(BridgeSocket socket, int mark, String ruleKey, Predicate<JsonObject> which, long timeoutMs)
      throws InterruptedException {
    JsonObject frame = socket.awaitOn(mark, "ui.alerts", body -> of(body, ruleKey).stream().anyMatch(which), timeoutMs);
    return of(frame, ruleKey).stream().filter(which).findFirst().orElseThrow();
  }

  /** A frame's changes of alerts of rule {@code ruleKey}. */
  public static List<JsonObject> of(JsonObject frame, String ruleKey) {
    return frame.getJsonObject("data").getJsonArray("changes").stream().map(JsonObject.class::cast)
        .filter(change -> ruleKey.equals(change.getString("ruleKey"))).toList();
  }
}
