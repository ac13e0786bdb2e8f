package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#WEBHOOK_DEVICE_CHANGED}: Fonnte reported a device connected or disconnected (and the
 * dispatcher resumed or paused it). On the wire, {@code status} is Fonnte's word: {@code connect} or
 * {@code disconnect}.
 *
 * @param reason Fonnte's reason, or null
 */
public record DeviceConnectionChanged(String device, boolean connected, String reason, OffsetDateTime at) {

  public JsonObject toJson() {
    return new JsonObject().put("device", device).put("status", connected ? "connect" : "disconnect").put("reason", reason)
        .put("at", Times.withOffset(at));
  }

  public static DeviceConnectionChanged fromJson(JsonObject json) {
    return new DeviceConnectionChanged(json.getString("device"), "connect".equals(json.getString("status")),
        json.getString("reason"), Times.parse(json.getString("at")));
  }
}
