package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#WEBHOOK_MESSAGE_RECEIVED}: someone wrote to one of the ISP's WhatsApp numbers; the inbox
 * entry as {@code GET /api/v1/wa/inbox} shows it (the page adds the attachment's fetch state, which a new entry
 * does not have yet).
 *
 * @param from        the sender, normalised to {@code 62…} when it is a phone number
 * @param name        the sender's WhatsApp name, or null
 * @param groupMember the member who wrote, for a group chat; null otherwise
 * @param attachment  null without one
 * @param inboxId     Fonnte's id of the incoming message, or null
 * @param sentAt      when WhatsApp says it was sent, or null when unknown
 * @param receivedAt  when the hub recorded the callback
 * @param customer    the customer behind the sender's number, or null when none is known
 */
public record IncomingMessageReceived(long id, String device, String from, String name, String text, String groupMember,
                                      String location, Attachment attachment, String inboxId, OffsetDateTime sentAt,
                                      OffsetDateTime receivedAt, Customer customer) {

  /** A file sent with the message, as Fonnte's link to it (Fonnte keeps it for 30 minutes). */
  public record Attachment(String url, String filename, String extension) {

    public JsonObject toJson() {
      return new JsonObject().put("url", url).put("filename", filename).put("extension", extension);
    }

    public static Attachment fromJson(JsonObject json) {
      return json == null ? null : new Attachment(json.getString("url"), json.getString("filename"), json.getString("extension"));
    }
  }

  /** The customer the entry was linked to when it was stored. */
  public record Customer(long id, String customerNo, String name) {

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("customerNo", customerNo).put("name", name);
    }

    public static Customer fromJson(JsonObject json) {
      return json == null ? null : new Customer(json.getLong("id"), json.getString("customerNo"), json.getString("name"));
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("device", device).put("from", from).put("name", name).put("text", text)
        .put("groupMember", groupMember).put("location", location).put("attachment", attachment == null ? null : attachment.toJson())
        .put("inboxId", inboxId).put("sentAt", Times.withOffset(sentAt)).put("receivedAt", Times.withOffset(receivedAt))
        .put("customer", customer == null ? null : customer.toJson());
  }

  public static IncomingMessageReceived fromJson(JsonObject json) {
    return new IncomingMessageReceived(json.getLong("id"), json.getString("device"), json.getString("from"), json.getString("name"),
        json.getString("text"), json.getString("groupMember"), json.getString("location"),
        Attachment.fromJson(json.getJsonObject("attachment")), json.getString("inboxId"), Times.parse(json.getString("sentAt")),
        Times.parse(json.getString("receivedAt")), Customer.fromJson(json.getJsonObject("customer")));
  }
}
