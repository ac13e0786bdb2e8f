package id.aglis.hub.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Failure codes carried by {@link ReplyException}s on request/reply addresses, and their one mapping to
 * HTTP. A verticle fails a request with {@code message.fail(BusErrors.NOT_FOUND.code, "…")}; the HTTP
 * edge turns it into the JSON error shape with {@link #httpStatus}.
 */
public enum BusErrors {
  BAD_REQUEST(400, 400, "bad_request"),
  UNAUTHENTICATED(401, 401, "unauthenticated"),
  FORBIDDEN(403, 403, "forbidden"),
  NOT_FOUND(404, 404, "not_found"),
  CONFLICT(409, 409, "conflict"),
  TOO_MANY_REQUESTS(429, 429, "too_many_requests"),
  INTERNAL(500, 500, "internal"),
  UNAVAILABLE(503, 503, "unavailable");

  public final int code;
  public final int httpStatus;
  public final String errorCode;

  BusErrors(int code, int httpStatus, String errorCode) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The entry for a reply failure; timeouts and missing handlers count as the service being unavailable. */
  public static BusErrors of(ReplyException failure) {
    if (failure.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return UNAVAILABLE;
    }
    for (BusErrors e : values()) {
      if (e.code == failure.failureCode()) {
        return e;
      }
    }
    return INTERNAL;
  }
}
