package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@link Addresses#WEBHOOK_CALLBACKS_RECORDED}: callbacks were recorded, apply them now. The message itself is
 * the signal: it has no body ({@code null} on the wire); the callbacks are in PostgreSQL.
 */
public record CallbacksRecorded() {

  public static final CallbacksRecorded INSTANCE = new CallbacksRecorded();

  /** Always null: the signal has no body. */
  public JsonObject toJson() {
    return null;
  }

  public static CallbacksRecorded fromJson(JsonObject json) {
    return INSTANCE;
  }
}
