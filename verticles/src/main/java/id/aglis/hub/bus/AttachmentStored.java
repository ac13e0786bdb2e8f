package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#WEBHOOK_ATTACHMENT_STORED}: the file sent with an incoming message was fetched and stored, or
 * recorded as missed with the reason; either way the inbox now shows it as it will stay. On the wire,
 * {@code status} is what {@code GET /api/v1/wa/inbox} shows for the attachment: {@code stored} or {@code missed}.
 *
 * @param entryId      the inbox entry the file belongs to ({@code id} of {@link IncomingMessageReceived})
 * @param contentType  null when missed
 * @param size         bytes stored; null when missed
 * @param missedReason why it could not be kept (not a public address, too large, expired …); null when stored
 */
public record AttachmentStored(long entryId, String contentType, Integer size, String missedReason, OffsetDateTime at) {

  public static AttachmentStored stored(long entryId, String contentType, int size, OffsetDateTime at) {
    return new AttachmentStored(entryId, contentType, size, null, at);
  }

  public static AttachmentStored missed(long entryId, String reason, OffsetDateTime at) {
    return new AttachmentStored(entryId, null, null, reason, at);
  }

  public boolean isStored() {
    return missedReason == null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("entryId", entryId).put("status", isStored() ? "stored" : "missed").put("contentType", contentType)
        .put("size", size).put("missedReason", missedReason).put("at", Times.withOffset(at));
  }

  public static AttachmentStored fromJson(JsonObject json) {
    return new AttachmentStored(json.getLong("entryId"), json.getString("contentType"), json.getInteger("size"),
        json.getString("missedReason"), Times.parse(json.getString("at")));
  }
}
