package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@link Addresses#DISPATCH_QUEUE_NUDGE}: new work is queued. The message itself is the signal: it has no body
 * ({@code null} on the wire), which keeps the nudge, sent on every enqueue under load, as cheap as it can be.
 */
public record QueueNudge() {

  public static final QueueNudge INSTANCE = new QueueNudge();

  /** Always null: the nudge has no body. */
  public JsonObject toJson() {
    return null;
  }

  public static QueueNudge fromJson(JsonObject json) {
    return INSTANCE;
  }
}
