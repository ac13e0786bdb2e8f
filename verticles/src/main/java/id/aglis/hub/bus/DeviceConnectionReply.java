package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/** {@link Addresses#DISPATCH_DEVICE_CONNECTION}, the reply: whether the dispatcher now holds the device paused. */
public record DeviceConnectionReply(String device, boolean paused) {

  public JsonObject toJson() {
    return new JsonObject().put("device", device).put("paused", paused);
  }

  public static DeviceConnectionReply fromJson(JsonObject json) {
    return new DeviceConnectionReply(json.getString("device"), json.getBoolean("paused", false));
  }
}
