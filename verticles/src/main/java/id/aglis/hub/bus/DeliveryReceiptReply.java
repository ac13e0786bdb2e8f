package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * {@link Addresses#DISPATCH_MESSAGE_RECEIPT}, the reply. Not applied when no message is known yet for the
 * receipt's ids (it arrived before the send reply stored them): the ingress keeps it and asks again.
 *
 * @param messageStatus the message's status once the receipt was applied (unchanged if the receipt moved it
 *                      nowhere, e.g. a duplicate or a late {@code delivered} after {@code read})
 */
public record DeliveryReceiptReply(boolean applied, UUID messageId, String messageStatus) {

  public static DeliveryReceiptReply notApplied() {
    return new DeliveryReceiptReply(false, null, null);
  }

  public static DeliveryReceiptReply applied(UUID messageId, String messageStatus) {
    return new DeliveryReceiptReply(true, messageId, messageStatus);
  }

  public JsonObject toJson() {
    return applied ? new JsonObject().put("applied", true).put("messageId", messageId.toString()).put("messageStatus", messageStatus)
        : new JsonObject().put("applied", false);
  }

  public static DeliveryReceiptReply fromJson(JsonObject json) {
    String messageId = json.getString("messageId");
    return json.getBoolean("applied", false)
        ? applied(messageId == null ? null : UUID.fromString(messageId), json.getString("messageStatus")) : notApplied();
  }
}
