package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * One POST /send, racing a deadline, that remembers how far the request got: the whole point of the outcome
 * kinds is to tell "nothing reached Fonnte" (retry is safe) from "Fonnte may have queued it" (retry may
 * duplicate). The line is drawn where the request is handed to the connection: before that, every failure is
 * {@link OutcomeKind#TRANSIENT}; after it, only a failed write proves nothing was sent, and every other loss
 * (timeout, reset, unreadable reply) is {@link OutcomeKind#UNKNOWN}.
 *
 * <p>Callbacks may run on different threads (the deadline timer and the client's event loop), hence the lock
 * around the two fields that decide the deadline's verdict.
 */
final class SendAttempt {

  private final Vertx vertx;
  private final long timeoutMs;
  private final String secret;
  private final LongConsumer written;
  private final Promise<SendOutcome> result = Promise.promise();
  private HttpClientRequest request;
  private boolean expired;
  private volatile boolean writeFailed;

  /**
   * @param secret masked out of the kept reply body (the token, should a proxy echo it back)
   * @param written told when the request has been written (or its write failed), in ms
   */
  SendAttempt(Vertx vertx, long timeoutMs, String secret, LongConsumer written) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.secret = secret;
    this.written = written;
  }

  /** Runs the exchange on the connection {@code connecting} yields; the future never fails. */
  Future<SendOutcome> run(Supplier<Future<HttpClientRequest>> connecting, Buffer body) {
    long timer = vertx.setTimer(timeoutMs, id -> expire());
    Future<SendOutcome> exchange;
    try {
      exchange = connecting.get().compose(req -> exchange(req, body), SendAttempt::notConnected);
    } catch (RuntimeException badOptions) {
      exchange = Future.succeededFuture(notConnected(badOptions).result());
    }
    exchange.recover(this::unexpected).onComplete(done -> {
      vertx.cancelTimer(timer);
      result.tryComplete(done.result());
    });
    return result.future();
  }

  private Future<SendOutcome> exchange(HttpClientRequest req, Buffer body) {
    if (!adopt(req)) {
      // The deadline passed while we waited for a pooled connection and the caller was told TRANSIENT:
      // sending now could queue a message the caller will send again. Give the connection up instead.
      req.reset();
      return Future.succeededFuture(SendOutcome.noResponse(OutcomeKind.TRANSIENT, "deadline passed before sending"));
    }
    // Failures reach us through the futures below; without a handler Vert.x would also log each one.
    req.exceptionHandler(ignored -> { });
    Future<Void> sent = req.end(body).onFailure(failure -> writeFailed = true)
        .onComplete(done -> written.accept(System.currentTimeMillis()));
    return req.response().compose(this::readReply, lost -> lostConnection(sent, lost));
  }

  private Future<SendOutcome> readReply(HttpClientResponse response) {
    String retryAfter = response.getHeader("Retry-After");
    return response.body().transform(body -> Future.succeededFuture(classify(response.statusCode(), retryAfter,
        body.succeeded() ? body.result().toString() : null)));
  }

  /** Parses the body as it came; masks the secret in the copy we keep, before it is cut to size. */
  private SendOutcome classify(int httpStatus, String retryAfter, String body) {
    SendOutcome outcome = FonnteReplies.classify(httpStatus, retryAfter, body, Instant.now());
    String masked = SendOutcome.mask(body, secret);
    return Objects.equals(masked, body) ? outcome : outcome.withRawBody(masked);
  }

  /** The response never came; the write's own result says whether the request left in full. */
  private Future<SendOutcome> lostConnection(Future<Void> written, Throwable lost) {
    return written.transform(write -> Future.succeededFuture(write.succeeded()
        ? SendOutcome.noResponse(OutcomeKind.UNKNOWN, "connection lost after the request was sent: " + describe(lost))
        : SendOutcome.noResponse(OutcomeKind.TRANSIENT, "request could not be written: " + describe(write.cause()))));
  }

  private static Future<SendOutcome> notConnected(Throwable failure) {
    return Future.succeededFuture(SendOutcome.noResponse(OutcomeKind.TRANSIENT, "not connected: " + describe(failure)));
  }

  /** A bug of ours after the hand-over must not turn "maybe sent" into "retry me". */
  private Future<SendOutcome> unexpected(Throwable failure) {
    OutcomeKind kind = handedOver() ? OutcomeKind.UNKNOWN : OutcomeKind.TRANSIENT;
    return Future.succeededFuture(SendOutcome.noResponse(kind, "client error: " + describe(failure)));
  }

  private void expire() {
    HttpClientRequest pending;
    boolean handedOver;
    synchronized (this) {
      expired = true;
      pending = request;
      handedOver = pending != null && !writeFailed;
    }
    SendOutcome timedOut = handedOver
        ? SendOutcome.noResponse(OutcomeKind.UNKNOWN, "no reply within " + timeoutMs + " ms after the request was sent")
        : SendOutcome.noResponse(OutcomeKind.TRANSIENT, "not sent within " + timeoutMs + " ms (waiting for a connection)");
    if (result.tryComplete(timedOut) && pending != null) {
      // Closes the HTTP/1.1 connection, so a silent server does not keep a pool slot.
      pending.reset();
    }
  }

  private synchronized boolean adopt(HttpClientRequest req) {
    if (expired) {
      return false;
    }
    request = req;
    return true;
  }

  private synchronized boolean handedOver() {
    return request != null && !writeFailed;
  }

  private static String describe(Throwable failure) {
    if (failure == null) {
      return "unknown cause";
    }
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
