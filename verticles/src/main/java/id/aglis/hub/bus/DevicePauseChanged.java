package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#DISPATCH_DEVICE_CHANGED}: the dispatcher paused or resumed a WhatsApp device.
 *
 * @param reason why it was paused (e.g. {@code disconnected: …}); null when resumed
 */
public record DevicePauseChanged(String device, boolean paused, String reason, OffsetDateTime at) {

  public JsonObject toJson() {
    return new JsonObject().put("device", device).put("paused", paused).put("reason", reason).put("at", Times.withOffset(at));
  }

  public static DevicePauseChanged fromJson(JsonObject json) {
    return new DevicePauseChanged(json.getString("device"), json.getBoolean("paused", false), json.getString("reason"),
        Times.parse(json.getString("at")));
  }
}
