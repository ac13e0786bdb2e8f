package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#AUDIT_ENTRY_RECORDED}: an entry written to the audit log, as {@code GET /api/v1/audit} also
 * shows it. {@code actorId} and {@code actorName} are null for anonymous events (a failed login); {@code detail}
 * never holds a secret.
 */
public record AuditEntryRecorded(long id, OffsetDateTime at, String actorKind, Long actorId, String actorName, String action,
                                 String targetKind, String targetId, String ip, JsonObject detail) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("at", Times.withOffset(at)).put("actorKind", actorKind).put("actorId", actorId)
        .put("actorName", actorName).put("action", action).put("targetKind", targetKind).put("targetId", targetId)
        .put("ip", ip).put("detail", detail);
  }

  public static AuditEntryRecorded fromJson(JsonObject json) {
    return new AuditEntryRecorded(json.getLong("id"), Times.parse(json.getString("at")), json.getString("actorKind"),
        json.getLong("actorId"), json.getString("actorName"), json.getString("action"), json.getString("targetKind"),
        json.getString("targetId"), json.getString("ip"), json.getJsonObject("detail"));
  }
}
