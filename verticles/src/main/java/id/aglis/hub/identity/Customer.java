package id.aglis.hub.identity;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A customer of the ISP as stored; {@link #toJson()} leaves out the password hash. {@code plan} is the plan's name,
 * with its speed and monthly price (whole rupiah) beside it; {@code statusReason} says why an account is suspended
 * or terminated, for the customer's own portal.
 */
public record Customer(long id, String customerNo, String name, String phone, String email, String address,
                       Double latitude, Double longitude, String plan, Integer planSpeedMbps, Long planPrice,
                       String status, String statusReason, String passwordHash,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static Customer from(Row row) {
    return new Customer(row.getLong("id"), row.getString("customer_no"), row.getString("name"), row.getString("phone"),
        row.getString("email"), row.getString("address"), row.getDouble("latitude"), row.getDouble("longitude"),
        row.getString("plan"), row.getInteger("plan_speed_mbps"), row.getLong("plan_price"),
        row.getString("status"), row.getString("status_reason"), row.getString("password_hash"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("customerNo", customerNo).put("name", name).put("phone", phone)
        .put("email", email).put("address", address).put("latitude", latitude).put("longitude", longitude)
        .put("plan", plan).put("planSpeedMbps", planSpeedMbps).put("planPrice", planPrice)
        .put("status", status).put("statusReason", statusReason).put("hasPassword", passwordHash != null)
        .put("createdAt", Times.iso(createdAt)).put("updatedAt", Times.iso(updatedAt));
  }

  /** What the customer's own portal shows of the account (no coordinates, no internal ids). */
  public JsonObject toProfileJson() {
    return new JsonObject().put("customerNo", customerNo).put("name", name).put("phone", phone).put("email", email)
        .put("address", address).put("plan", plan).put("planSpeedMbps", planSpeedMbps).put("planPrice", planPrice)
        .put("status", status).put("statusReason", statusReason);
  }

  public boolean canSignIn() {
    return passwordHash != null && !"terminated".equals(status);
  }

  Customer withContact(String newEmail, String newAddress) {
    return new Customer(id, customerNo, name, phone, newEmail, newAddress, latitude, longitude, plan, planSpeedMbps,
        planPrice, status, statusReason, passwordHash, createdAt, updatedAt);
  }

  Customer withPhone(String newPhone) {
    return new Customer(id, customerNo, name, newPhone, email, address, latitude, longitude, plan, planSpeedMbps,
        planPrice, status, statusReason, passwordHash, createdAt, updatedAt);
  }
}
