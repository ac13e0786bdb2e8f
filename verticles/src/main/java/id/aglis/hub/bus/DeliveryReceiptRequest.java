package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#DISPATCH_MESSAGE_RECEIPT}, the request: a Fonnte status receipt for a message sent by
 * {@code device}, with the fields as Fonnte sent them (not normalised). At least one of {@code providerId}
 * (Fonnte's {@code id}) and {@code stateId} (WhatsApp's {@code stateid}) is set.
 *
 * @param status     Fonnte's queue status ({@code sent}, {@code invalid}, {@code expired} …), or null
 * @param state      WhatsApp's delivery state ({@code delivered}, {@code read} …), or null
 * @param receivedAt when the ingress recorded the receipt; null means now
 */
public record DeliveryReceiptRequest(String device, String providerId, String stateId, String status, String state,
                                     OffsetDateTime receivedAt) {

  public JsonObject toJson() {
    return new JsonObject().put("device", device).put("providerId", providerId).put("stateId", stateId).put("status", status)
        .put("state", state).put("receivedAt", Times.withOffset(receivedAt));
  }

  public static DeliveryReceiptRequest fromJson(JsonObject json) {
    return new DeliveryReceiptRequest(json.getString("device"), json.getString("providerId"), json.getString("stateId"),
        json.getString("status"), json.getString("state"), Times.parse(json.getString("receivedAt")));
  }
}
