package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * What a customer's own address ({@code ui.customer.<id>}, see {@link Addresses#UI_CUSTOMER_PREFIX}) carries: that one of
 * their tickets, their installation, or their bills changed (an invoice posted, updated or voided; a payment recorded). It names the thing and its new state only; the page fetches the rest
 * through the customer API, so nothing staff-only can ride along.
 *
 * @param type   {@code ticket}, {@code installation}, {@code invoice} or {@code payment}
 * @param id     the ticket's, installation's, invoice's or payment's id
 * @param number its number; for a payment, the number of the invoice it pays
 * @param status a ticket's status, or an invoice's (for a payment: the invoice's status after it); null for an installation
 * @param stage  an installation's stage (null otherwise)
 * @param event  what happened (a ticket's event name, the installation's; {@code created}, {@code updated} or
 *               {@code voided} for an invoice; {@code recorded} for a payment)
 */
public record CustomerNote(String type, long id, String number, String status, String stage, String event) {

  public static CustomerNote ticket(long id, String number, String status, String event) {
    return new CustomerNote("ticket", id, number, status, null, event);
  }

  public static CustomerNote installation(long id, String number, String stage, String event) {
    return new CustomerNote("installation", id, number, null, stage, event);
  }

  public static CustomerNote invoice(long id, String number, String status, String event) {
    return new CustomerNote("invoice", id, number, status, null, event);
  }

  /** {@code invoiceNumber} and {@code invoiceStatus}: the invoice the payment went to, as it is now. */
  public static CustomerNote payment(long id, String invoiceNumber, String invoiceStatus) {
    return new CustomerNote("payment", id, invoiceNumber, invoiceStatus, null, "recorded");
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
