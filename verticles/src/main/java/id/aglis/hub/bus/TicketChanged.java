package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@link Addresses#TICKET_CHANGED}: what happened to a ticket and the ticket after it, as staff see it.
 *
 * @param event           {@code created}, {@code status}, {@code priority}, {@code assigned}, {@code replied},
 *                        {@code noted}, {@code attachment}, {@code sla.warning}, {@code sla.breached}, {@code reopened},
 *                        {@code closed}
 * @param customerVisible whether the customer's own page should hear of it (not for internal notes)
 */
public record TicketChanged(long id, String number, long customerId, String event, boolean customerVisible, JsonObject ticket) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("number", number).put("customerId", customerId).put("event", event)
        .put("customerVisible", customerVisible).put("ticket", ticket);
  }

  public static TicketChanged fromJson(JsonObject json) {
    return new TicketChanged(json.getLong("id"), json.getString("number"), json.getLong("customerId"), json.getString("event"),
        json.getBoolean("customerVisible", false), json.getJsonObject("ticket"));
  }
}
