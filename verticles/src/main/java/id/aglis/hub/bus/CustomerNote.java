package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * What a customer's own address ({@code ui.customer.<id>}, see {@link Addresses#UI_CUSTOMER_PREFIX}) carries: that one of
 * their tickets or their installation changed. It names the thing and its new state only; the page fetches the rest
 * through the customer API, so nothing staff-only can ride along.
 *
 * @param type   {@code ticket} or {@code installation}
 * @param status a ticket's status (null for an installation)
 * @param stage  an installation's stage (null for a ticket)
 * @param event  what happened (a ticket's event name, or the installation's)
 */
public record CustomerNote(String type, long id, String number, String status, String stage, String event) {

  public static CustomerNote ticket(long id, String number, String status, String event) {
    return new CustomerNote("ticket", id, number, status, null, event);
  }

  public static CustomerNote installation(long id, String number, String stage, String event) {
    return new CustomerNote("installation", id, number, null, stage, event);
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("id", id).put("number", number).put("status", status).put("stage", stage)
        .put("event", event);
  }

  public static CustomerNote fromJson(JsonObject json) {
    return new CustomerNote(json.getString("type"), json.getLong("id"), json.getString("number"), json.getString("status"),
        json.getString("stage"), json.getString("event"));
  }
}
