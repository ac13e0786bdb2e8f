package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;

/**
 * What {@link FakeFonnte} decided to do with one request: the ids it handed out (decided on arrival, so that
 * {@link FakeFonnte#received()} stays in arrival order) and how to write the reply, possibly later.
 */
final class FakeAnswer {

  private final List<String> providerIds;
  private final Handler<HttpServerRequest> writer;

  private FakeAnswer(List<String> providerIds, Handler<HttpServerRequest> writer) {
    this.providerIds = List.copyOf(providerIds);
    this.writer = writer;
  }

  /** HTTP 200 with the acceptance JSON; {@code afterWrite} tells the webhook side, once the client has its ids. */
  static FakeAnswer accepted(List<String> providerIds, String json, Runnable afterWrite) {
    return new FakeAnswer(providerIds, request -> {
      if (write(request, 200, "application/json", json)) {
        afterWrite.run();
      }
    });
  }

  static FakeAnswer http(int status, String body) {
    String type = body.stripLeading().startsWith("{") ? "application/json" : "text/html; charset=utf-8";
    return new FakeAnswer(List.of(), request -> write(request, status, type, body));
  }

  static FakeAnswer tooManyRequests(int retryAfterSeconds) {
    return new FakeAnswer(List.of(), request -> {
      request.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
      write(request, 429, "text/plain; charset=utf-8", "Too Many Requests");
    });
  }

  static FakeAnswer silence() {
    return new FakeAnswer(List.of(), request -> { });
  }

  static FakeAnswer reset() {
    return new FakeAnswer(List.of(), request -> request.connection().close());
  }

  List<String> providerIds() {
    return providerIds;
  }

  FakeAnswer delayed(Vertx vertx, Duration delay) {
    long ms = delay.toMillis();
    if (ms <= 0) {
      return this;
    }
    return new FakeAnswer(providerIds, request -> vertx.setTimer(ms, id -> writer.handle(request)));
  }

  void deliver(HttpServerRequest request) {
    writer.handle(request);
  }

  /** False when the client has already gone (it gave up during a delay): there is nobody to answer. */
  private static boolean write(HttpServerRequest request, int status, String contentType, String body) {
    HttpServerResponse response = request.response();
    if (response.closed() || response.ended()) {
      return false;
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    return true;
  }
}
