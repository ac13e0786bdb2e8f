package id.aglis.hub.web;

import id.aglis.hub.bus.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: always {@code {"error":{"code","message"}}}, never a
 * stack trace. Client mistakes keep their 4xx; PostgreSQL or Redis being down is a 503 with Retry-After;
 * anything unexpected is logged once and answered 500 with no detail. Paths in log lines are masked
 * ({@link Requests#safePath}).
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  /** What a client is told to wait before retrying when PostgreSQL or Redis is down. */
  static final long RETRY_AFTER_SECONDS = 5;
  /** Refused bodies up to this size are read and dropped before the answer (a photo a little too large). */
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;
  /** How long a refused body may take to arrive before the connection is closed. */
  private static final long DRAIN_MS = 30_000;
  /** During an outage every request fails the same way: one line every ten seconds says so. */
  private final LogGate outageLog = new LogGate(10_000);

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    ApiError error = toApiError(ctx);
    if (error.retryAfterSeconds() != null) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
    }
    if (error.status() == 405) {
      String allow = ctx.response().headers().get(HttpHeaders.ALLOW);
      if (allow != null) {
        response.putHeader(HttpHeaders.ALLOW, allow);
      }
    }
    // Answered before its body was read (401 or 413 on a large upload), and the connection closed after. A body of a
    // size people send (a photo a little over the limit) is read and dropped before the close, so the client, still
    // sending, keeps the answer rather than a reset connection; anything larger, or of unknown length, would keep the
    // connection busy for as long as the client likes, so it is closed once the answer is out.
    boolean bodyUnread = !ctx.request().isEnded() && ctx.request().version() != HttpVersion.HTTP_2 && declaresBody(ctx);
    BrowserSession.thenSend(ctx, () -> {
      // The session's write may have let the rest of the body arrive meanwhile: then it is simply answered.
      if (!bodyUnread || ctx.request().isEnded()) {
        respond(response, error);
      } else if (declaredLength(ctx) <= DRAIN_LIMIT) {
        answerThenDrain(ctx, error);
      } else {
        respondAndClose(ctx.request(), error);
      }
    });
  }

  /** The declared body length, or {@link Long#MAX_VALUE} when unknown (chunked) or unreadable. */
  private static long declaredLength(RoutingContext ctx) {
    try {
      String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
      return length == null ? Long.MAX_VALUE : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Answers at once (the connection to be closed), then reads and drops the rest of the body and closes only when it
   * is in: closing with unread bytes would reset the connection, and a client still sending could lose the answer. A
   * client that stalls is cut off after {@link #DRAIN_MS} (or earlier by the edge's request deadline).
   */
  private static void answerThenDrain(RoutingContext ctx, ApiError error) {
    HttpServerRequest request = ctx.request();
    request.response().putHeader(HttpHeaders.CONNECTION, "close");
    respond(request.response(), error);
    long timer = ctx.vertx().setTimer(DRAIN_MS, t -> request.connection().close());
    request.exceptionHandler(e -> ctx.vertx().cancelTimer(timer));
    request.handler(dropped -> { });
    request.endHandler(end -> {
      ctx.vertx().cancelTimer(timer);
      request.connection().close();
    });
    request.resume();
  }

  /** A GET is not "ended" until its empty end arrives; only a declared body can keep a connection busy. */
  private static boolean declaresBody(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    return (length != null && !length.equals("0")) || ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }

  /**
   * Answers {@code error}, then closes the connection (HTTP/1.x): what would follow on it (an unread body, or
   * bytes the decoder could not read) cannot be trusted to start the next request.
   */
  public static Future<Void> respondAndClose(HttpServerRequest request, ApiError error) {
    request.response().putHeader(HttpHeaders.CONNECTION, "close");
    return respond(request.response(), error).onComplete(sent -> request.connection().close());
  }

  public static Future<Void> respond(HttpServerResponse response, ApiError error) {
    JsonObject body = new JsonObject().put("code", error.code()).put("message", error.getMessage());
    if (error.field() != null) {
      body.put("field", error.field());
    }
    return response.setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(new JsonObject().put("error", body).encode());
  }

  private ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof io.vertx.pgclient.PgException pg && ("22021".equals(pg.getSqlState()) || "22P05".equals(pg.getSqlState()))) {
      return ApiError.badRequest("invalid_text", "The request holds characters that cannot be stored.");
    }
    if (failure instanceof DecodeException) {
      return ApiError.badRequest("invalid_json", "The request body is not valid JSON.");
    }
    if (Outages.isOutage(failure)) {
      if (outageLog.tryAcquire()) {
        LOG.warn("{} {} answered 503: a dependency is unavailable ({})", ctx.request().method(), Requests.safePath(ctx),
            failure.getMessage());
      }
      return ApiError.unavailable(RETRY_AFTER_SECONDS);
    }
    if (failure instanceof ReplyException reply) {
      BusErrors kind = BusErrors.of(reply);
      if (kind.httpStatus >= 500) {
        LOG.error("{} {} failed on the event bus: {}", ctx.request().method(), Requests.safePath(ctx), reply.getMessage());
        return ApiError.of(kind.httpStatus, kind.errorCode, "The service is temporarily unavailable; try again.");
      }
      return ApiError.of(kind.httpStatus, kind.errorCode, reply.getMessage());
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    switch (status) {
      case 400: return ApiError.badRequest("bad_request", "The request is malformed.");
      case 401: return ApiError.unauthenticated();
      case 403: return ApiError.forbidden("You are not allowed to do this.");
      case 404: return ApiError.notFound("The resource " + ctx.request().path());
      case 405: return ApiError.of(405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path() + ".");
      case 413: return ApiError.of(413, "payload_too_large", "The request body is too large.");
      case 415: return ApiError.of(415, "unsupported_media_type", "Send the body as application/json.");
      default:
        if (status >= 400 && status < 500) {
          return ApiError.of(status, "bad_request", "The request cannot be served.");
        }
        LOG.error("Unhandled failure on {} {}", ctx.request().method(), Requests.safePath(ctx), failure);
        return ApiError.of(500, "internal", "Something went wrong on our side; it has been logged.");
    }
  }
}
