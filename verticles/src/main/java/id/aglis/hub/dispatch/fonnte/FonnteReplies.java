package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Turns one HTTP reply to /send into a {@link SendOutcome}. Fonnte answers HTTP 200 even when it refuses, so the
 * body decides; the status code only matters when the body is not a Fonnte reply (a proxy, a 429, a crash).
 */
final class FonnteReplies {

  private FonnteReplies() {
  }

  /**
   * @param body the response body, or null when it could not be read (connection lost mid-body)
   * @param retryAfter the {@code Retry-After} header, or null
   */
  static SendOutcome classify(int httpStatus, String retryAfter, String body, Instant now) {
    JsonObject json = parseObject(body);
    Boolean status = json == null ? null : JsonFields.flag(json, "status");
    if (Boolean.TRUE.equals(status)) {
      // Fonnte says it queued the message and gave ids: whatever the HTTP code, resending would duplicate it.
      return accepted(json, httpStatus, body);
    }
    if (httpStatus == 429) {
      return SendOutcome.refused(OutcomeKind.TRANSIENT, reasonOr(json, "HTTP 429 Too Many Requests"),
          RetryAfter.millis(retryAfter, now), requestId(json), httpStatus, body);
    }
    if (httpStatus >= 500) {
      return refused(OutcomeKind.TRANSIENT, reasonOr(json, "HTTP " + httpStatus), json, httpStatus, body);
    }
    if (Boolean.FALSE.equals(status)) {
      String reason = JsonFields.text(json, "reason");
      return refused(FonnteReasons.classify(reason), reason, json, httpStatus, body);
    }
    return withoutFonnteStatus(httpStatus, json, body);
  }

  private static SendOutcome accepted(JsonObject json, int httpStatus, String body) {
    return SendOutcome.accepted(JsonFields.texts(json, "id"), JsonFields.text(json, "detail"),
        JsonFields.object(json, "quota"), requestId(json), httpStatus, body);
  }

  /** No {@code status} in the body: only the HTTP code is left to go on. */
  private static SendOutcome withoutFonnteStatus(int httpStatus, JsonObject json, String body) {
    if (httpStatus >= 200 && httpStatus < 300) {
      // Fonnte took the request but we cannot tell what it did with it: it may be queued.
      String why = body == null ? "2xx reply whose body could not be read"
          : json == null ? "2xx reply whose body is not a JSON object" : "2xx reply without a status field";
      return refused(OutcomeKind.UNKNOWN, why, json, httpStatus, body);
    }
    if (httpStatus >= 400 && httpStatus != 408) {
      return refused(OutcomeKind.REJECTED, reasonOr(json, "HTTP " + httpStatus), json, httpStatus, body);
    }
    // 408, and 1xx/3xx (we follow no redirects): the request was not processed as a send.
    return refused(OutcomeKind.TRANSIENT, reasonOr(json, "HTTP " + httpStatus), json, httpStatus, body);
  }

  private static SendOutcome refused(OutcomeKind kind, String reason, JsonObject json, int httpStatus, String body) {
    return SendOutcome.refused(kind, reason, null, requestId(json), httpStatus, body);
  }

  private static String reasonOr(JsonObject json, String fallback) {
    String reason = json == null ? null : JsonFields.text(json, "reason");
    return reason == null ? fallback : reason;
  }

  private static String requestId(JsonObject json) {
    return json == null ? null : JsonFields.text(json, "requestid");
  }

  private static JsonObject parseObject(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return Json.decodeValue(body) instanceof JsonObject object ? object : null;
    } catch (DecodeException notJson) {
      return null;
    }
  }
}
