package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * {@link Addresses#DISPATCH_MESSAGE_ENQUEUE}, the reply, once the message is committed in PostgreSQL.
 *
 * @param created false when an earlier request with the same idempotency key already stored the message
 */
public record EnqueueMessageReply(UUID id, String status, boolean created) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("status", status).put("created", created);
  }

  public static EnqueueMessageReply fromJson(JsonObject json) {
    return new EnqueueMessageReply(UUID.fromString(json.getString("id")), json.getString("status"), json.getBoolean("created", false));
  }
}
