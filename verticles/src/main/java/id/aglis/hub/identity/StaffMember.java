package id.aglis.hub.identity;

import id.aglis.hub.common.Times;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A staff account as stored. The password hash never leaves this record through {@link #toJson()}. */
public record StaffMember(long id, String username, String name, Role role, String phone, String email,
                          String passwordHash, boolean active, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static StaffMember from(Row row) {
    return new StaffMember(row.getLong("id"), row.getString("username"), row.getString("name"),
        Role.fromWire(row.getString("role")), row.getString("phone"), row.getString("email"),
        row.getString("password_hash"), row.getBoolean("active"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("username", username).put("name", name).put("role", role.wire())
        .put("phone", phone).put("email", email).put("active", active)
        .put("createdAt", Times.iso(createdAt)).put("updatedAt", Times.iso(updatedAt));
  }
}
