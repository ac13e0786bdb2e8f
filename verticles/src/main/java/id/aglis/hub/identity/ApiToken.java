package id.aglis.hub.identity;

import id.aglis.hub.common.Times;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** An API token's record; the secret itself is never stored, only its SHA-256. */
public record ApiToken(long id, String name, Role role, Long createdBy, OffsetDateTime createdAt,
                       OffsetDateTime expiresAt, OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {

  static ApiToken from(Row row) {
    return new ApiToken(row.getLong("id"), row.getString("name"), Role.fromWire(row.getString("role")),
        row.getLong("created_by"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("expires_at"),
        row.getOffsetDateTime("revoked_at"), row.getOffsetDateTime("last_used_at"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("role", role.wire()).put("createdBy", createdBy)
        .put("createdAt", Times.iso(createdAt)).put("expiresAt", Times.iso(expiresAt))
        .put("revokedAt", Times.iso(revokedAt)).put("lastUsedAt", Times.iso(lastUsedAt))
        .put("active", revokedAt == null && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now())));
  }
}
