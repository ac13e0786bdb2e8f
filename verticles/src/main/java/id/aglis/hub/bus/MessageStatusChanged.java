package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@link Addresses#DISPATCH_MESSAGE_STATUS}: a message changed status.
 *
 * @param status  the message's new status, as the API spells it ({@code queued}, {@code sent}, {@code read} …)
 * @param device  the device sending it; null until one claimed it
 * @param batchId null for a message not sent as part of a batch
 * @param providerIds Fonnte's ids for the message, oldest first; empty before the first accepted send
 * @param lastError null unless a send failed
 * @param at when the dispatcher saw the change
 */
public record MessageStatusChanged(UUID id, String status, String to, String priority, String device, UUID batchId,
                                   int attempts, List<String> providerIds, String lastError, OffsetDateTime at) {

  public MessageStatusChanged {
    providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("status", status).put("to", to).put("priority", priority)
        .put("device", device).put("batchId", batchId == null ? null : batchId.toString()).put("attempts", attempts)
        .put("providerIds", new JsonArray(providerIds)).put("lastError", lastError).put("at", Times.withOffset(at));
  }

  public static MessageStatusChanged fromJson(JsonObject json) {
    String batchId = json.getString("batchId");
    JsonArray providerIds = json.getJsonArray("providerIds", new JsonArray());
    return new MessageStatusChanged(UUID.fromString(json.getString("id")), json.getString("status"), json.getString("to"),
        json.getString("priority"), json.getString("device"), batchId == null ? null : UUID.fromString(batchId),
        json.getInteger("attempts", 0), providerIds.stream().map(String::valueOf).toList(), json.getString("lastError"),
        Times.parse(json.getString("at")));
  }
}
