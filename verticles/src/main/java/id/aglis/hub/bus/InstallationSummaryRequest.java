package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/** {@link Addresses#INSTALLATION_CUSTOMER_SUMMARY}, the request: whose installations. */
public record InstallationSummaryRequest(Long customerId) {

  public JsonObject toJson() {
    return new JsonObject().put("customerId", customerId);
  }

  public static InstallationSummaryRequest fromJson(JsonObject json) {
    Object id = json == null ? null : json.getValue("customerId");
    return new InstallationSummaryRequest(id instanceof Number n ? n.longValue() : null);
  }
}
