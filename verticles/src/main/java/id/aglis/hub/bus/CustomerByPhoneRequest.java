package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/** {@link Addresses#IDENTITY_CUSTOMER_BY_PHONE}, the request. {@code phone} in any spelling ({@code 0812…}, {@code +62…}). */
public record CustomerByPhoneRequest(String phone) {

  public JsonObject toJson() {
    return new JsonObject().put("phone", phone);
  }

  public static CustomerByPhoneRequest fromJson(JsonObject json) {
    return new CustomerByPhoneRequest(json == null ? null : json.getString("phone"));
  }
}
