package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * The body of every {@code ui.*} address: one numbered frame of a live stream. {@code epoch} changes when the
 * stream's history was lost (a page then refetches its snapshot); {@code seq} counts frames within an epoch,
 * one by one, so a page sees a gap at once. {@code data} is what the stream's projection reported;
 * {@code totals} the stream's running counts for the business day (empty for streams that count nothing).
 */
public record LiveFrame(String stream, String epoch, long seq, OffsetDateTime at, JsonObject data, JsonObject totals) {

  public JsonObject toJson() {
    return new JsonObject().put("stream", stream).put("epoch", epoch).put("seq", seq).put("at", Times.withOffset(at))
        .put("data", data).put("totals", totals);
  }

  public static LiveFrame fromJson(JsonObject json) {
    return new LiveFrame(json.getString("stream"), json.getString("epoch"), json.getLong("seq"),
        Times.parse(json.getString("at")), json.getJsonObject("data"), json.getJsonObject("totals"));
  }
}
