package id.aglis.hub.http;

import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.FailureHandler;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not read (a request line or headers too long, a bad request line) never
 * reach the router: they are answered here in the same JSON error shape as everything else, and the
 * connection is closed, since what follows on it cannot be trusted to start a request.
 */
final class MalformedRequests {

  private MalformedRequests() {
  }

  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error = ApiError.of(414, "uri_too_long", "The request line is too long.");
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = ApiError.of(431, "headers_too_large", "The request headers are too large.");
    } else {
      error = ApiError.badRequest("malformed_request", "The request is not valid HTTP.");
    }
    FailureHandler.respondAndClose(request, error);
  }
}
