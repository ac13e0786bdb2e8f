package id.aglis.hub.dispatch;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A WhatsApp message as stored. {@link #toJson()} is what staff see (API, live queue): messages of the {@code auth.*}
 * templates carry a one-time code, shown masked there, since reading one off the queue would let a reader take the
 * customer's account.
 */
public record WaMessage(UUID id, long seq, String to, String text, String template, JsonObject params, Priority priority,
                        MessageStatus status, String idempotencyKey, UUID batchId, String device, boolean pinned,
                        OffsetDateTime notBefore, int attempts, List<String> providerIds, String lastError,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime sentAt,
                        OffsetDateTime deliveredAt, OffsetDateTime readAt) {

  static WaMessage from(Row row) {
    String[] ids = row.getArrayOfStrings("provider_ids");
    return new WaMessage(row.getUUID("id"), row.getLong("seq"), row.getString("recipient"), row.getString("body"),
        row.getString("template"), (JsonObject) row.getValue("params"), Priority.ofLevel(row.getShort("priority")),
        MessageStatus.fromWire(row.getString("status")), row.getString("idempotency_key"), row.getUUID("batch_id"),
        row.getString("device"), row.getBoolean("pinned"), row.getOffsetDateTime("not_before"), row.getInteger("attempts"),
        ids == null ? List.of() : Arrays.asList(ids), row.getString("last_error"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("sent_at"), row.getOffsetDateTime("delivered_at"),
        row.getOffsetDateTime("read_at"));
  }

  public JsonObject toJson() {
    boolean secret = template != null && template.startsWith(SECRET_TEMPLATES);
    return new JsonObject().put("id", id.toString()).put("to", to).put("text", secret ? masked(text) : text).put("template", template)
        .put("params", secret ? maskedParams() : params).put("priority", priority.wire()).put("status", status.wire())
        .put("idempotencyKey", idempotencyKey).put("batchId", batchId == null ? null : batchId.toString())
        .put("device", device).put("pinned", pinned).put("notBefore", Times.iso(notBefore)).put("attempts", attempts)
        .put("providerIds", new JsonArray(providerIds)).put("lastError", lastError)
        .put("createdAt", Times.iso(createdAt)).put("updatedAt", Times.iso(updatedAt)).put("sentAt", Times.iso(sentAt))
        .put("deliveredAt", Times.iso(deliveredAt)).put("readAt", Times.iso(readAt));
  }

  private static final String SECRET_TEMPLATES = "auth.";

  /** Digits of a code (four or more in a row) become dots; the rest of the text stays readable. */
  private static String masked(String text) {
    return text == null ? null : text.replaceAll("[0-9]{4,}", "••••••");
  }

  private JsonObject maskedParams() {
    if (params == null) {
      return null;
    }
    JsonObject copy = params.copy();
    if (copy.containsKey("kode")) {
      copy.put("kode", "••••••");
    }
    return copy;
  }

  /** The device it must go through, or null when any healthy device may send it. */
  public String pinnedDevice() {
    return pinned ? device : null;
  }
}
