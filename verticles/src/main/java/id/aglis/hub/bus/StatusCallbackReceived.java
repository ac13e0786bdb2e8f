package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@link Addresses#WEBHOOK_STATUS_RECEIVED}: a status callback was recorded. On the wire it is the callback as
 * Fonnte sent it (its fields vary by Fonnte's version, so they stay JSON) with {@code callbackId} added.
 *
 * @param callback the callback's fields as Fonnte sent them, without {@code callbackId}
 */
public record StatusCallbackReceived(long callbackId, JsonObject callback) {

  public JsonObject toJson() {
    return callback.copy().put("callbackId", callbackId);
  }

  public static StatusCallbackReceived fromJson(JsonObject json) {
    JsonObject callback = json.copy();
    callback.remove("callbackId");
    return new StatusCallbackReceived(json.getLong("callbackId"), callback);
  }
}
