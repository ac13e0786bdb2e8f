package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@link Addresses#DISPATCH_DEVICE_CONNECTION}, the request: a device's WhatsApp session came or went.
 *
 * @param reason Fonnte's reason for a disconnect, or null
 */
public record DeviceConnectionRequest(String device, boolean connected, String reason) {

  public JsonObject toJson() {
    return new JsonObject().put("device", device).put("connected", connected).put("reason", reason);
  }

  public static DeviceConnectionRequest fromJson(JsonObject json) {
    return new DeviceConnectionRequest(json.getString("device"), json.getBoolean("connected", false), json.getString("reason"));
  }
}
