package id.aglis.hub.dispatch.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;

/**
 * What {@link SandboxGateway} does with one request: the ids it handed out (decided on arrival, so that whoever
 * watches arrivals sees them in arrival order) and how to write the reply, possibly later, possibly never.
 * The gateway's own answers come from {@link AnswerPolicy.FonnteAnswers}; the factories here are for a policy
 * that answers otherwise.
 */
public final class GatewayAnswer {

  private final List<String> providerIds;
  private final Handler<HttpServerRequest> writer;

  private GatewayAnswer(List<String> providerIds, Handler<HttpServerRequest> writer) {
    this.providerIds = List.copyOf(providerIds);
    this.writer = writer;
  }

  /** HTTP 200 with the acceptance JSON; {@code afterWrite} tells the webhook side, once the client has its ids. */
  static GatewayAnswer accepted(List<String> providerIds, String json, Runnable afterWrite) {
    return new GatewayAnswer(providerIds, request -> {
      if (write(request, 200, "application/json", json)) {
        afterWrite.run();
      }
    });
  }

  /** Any status with this body verbatim, as JSON when it looks like JSON, else as HTML. */
  public static GatewayAnswer http(int status, String body) {
    String type = body.stripLeading().startsWith("{") ? "application/json" : "text/html; charset=utf-8";
    return http(status, type, body);
  }

  public static GatewayAnswer http(int status, String contentType, String body) {
    return new GatewayAnswer(List.of(), request -> write(request, status, contentType, body));
  }

  /** An answer {@code writer} writes as it likes (or not at all), handing out no ids. */
  public static GatewayAnswer writtenBy(Handler<HttpServerRequest> writer) {
    return new GatewayAnswer(List.of(), writer);
  }

  /** The ids this answer hands out, one per target; empty unless the request was accepted. */
  public List<String> providerIds() {
    return providerIds;
  }

  /** The same answer, the same ids, written after {@code delay}. */
  public GatewayAnswer delayed(Vertx vertx, Duration delay) {
    long ms = delay.toMillis();
    if (ms <= 0) {
      return this;
    }
    return new GatewayAnswer(providerIds, request -> vertx.setTimer(ms, id -> writer.handle(request)));
  }

  /** Writes the reply now, later or never, as this answer says; on the request's event loop. */
  public void deliver(HttpServerRequest request) {
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
