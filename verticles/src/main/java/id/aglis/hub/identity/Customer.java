package id.aglis.hub.identity;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A customer of the ISP as stored; {@link #toJson()} leaves out the password hash. */
public record Customer(long id, String customerNo, String name, String phone, String email, String address,
                       Double latitude, Double longitude, String plan, String status, String passwordHash,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static Customer from(Row row) {
    return new Customer(row.getLong("id"), row.getString("customer_no"), row.getString("name"), row.getString("phone"),
        row.getString("email"), row.getString("address"), row.getDouble("latitude"), row.getDouble("longitude"),
        row.getString("plan"), row.getString("status"), row.getString("password_hash"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("customerNo", customerNo).put("name", name).put("phone", phone)
        .put("email", email).put("address", address).put("latitude", latitude).put("longitude", longitude)
        .put("plan", plan).put("status", status).put("hasPassword", passwordHash != null)
        .put("createdAt", Times.iso(createdAt)).put("updatedAt", Times.iso(updatedAt));
  }

  public boolean canSignIn() {
    return passwordHash != null && !"terminated".equals(status);
  }
}
