package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@link Addresses#IDENTITY_CUSTOMER_BY_PHONE}, the reply: the customer, or not found (then every other field
 * is null, and only {@code found} is on the wire).
 *
 * @param plan null for a customer without a plan
 */
public record CustomerByPhoneReply(boolean found, Long id, String customerNo, String name, String plan, String status) {

  public static CustomerByPhoneReply notFound() {
    return new CustomerByPhoneReply(false, null, null, null, null, null);
  }

  public static CustomerByPhoneReply found(long id, String customerNo, String name, String plan, String status) {
    return new CustomerByPhoneReply(true, id, customerNo, name, plan, status);
  }

  public JsonObject toJson() {
    return found ? new JsonObject().put("found", true).put("id", id).put("customerNo", customerNo).put("name", name)
        .put("plan", plan).put("status", status) : new JsonObject().put("found", false);
  }

  public static CustomerByPhoneReply fromJson(JsonObject json) {
    return json.getBoolean("found", false) ? new CustomerByPhoneReply(true, json.getLong("id"), json.getString("customerNo"),
        json.getString("name"), json.getString("plan"), json.getString("status")) : notFound();
  }
}
