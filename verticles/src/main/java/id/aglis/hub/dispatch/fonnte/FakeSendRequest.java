package id.aglis.hub.dispatch.fonnte;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A /send request as {@link FakeFonnte} read it. Fonnte takes form-urlencoded, multipart (its own examples) and
 * JSON (its Node example) bodies alike, so all three end up as the same string fields.
 *
 * @param jsonInvalid a JSON content type whose body did not parse (Fonnte's "JSON format invalid")
 */
record FakeSendRequest(String authorization, String contentType, Map<String, String> fields, boolean jsonInvalid) {

  String field(String name) {
    return fields.get(name);
  }

  /** Reads the whole body; call before the request's first event has been handled. */
  static Future<FakeSendRequest> read(HttpServerRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      return readMultipart(request, authorization, contentType);
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      // Decoded here rather than by the multipart decoder, which throws an exception per request to end its
      // parse: the fake stands in for the gateway in benchmarks and should cost little.
      return request.body().map(body -> new FakeSendRequest(authorization, contentType, urlEncoded(body.toString()), false));
    }
    return request.body().map(body -> fromBody(authorization, contentType, type, body.toString()));
  }

  private static Map<String, String> urlEncoded(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters()
        .forEach((name, values) -> fields.put(name, values.get(0)));
    return fields;
  }

  private static Future<FakeSendRequest> readMultipart(HttpServerRequest request, String authorization, String contentType) {
    request.setExpectMultipart(true);
    // Attached files are read and dropped: the fake checks fields, not media.
    request.uploadHandler(upload -> upload.handler(ignored -> { }));
    return request.end().map(done -> {
      Map<String, String> fields = new LinkedHashMap<>();
      request.formAttributes().forEach(entry -> fields.putIfAbsent(entry.getKey(), entry.getValue()));
      return new FakeSendRequest(authorization, contentType, fields, false);
    });
  }

  private static FakeSendRequest fromBody(String authorization, String contentType, String type, String body) {
    if (!type.contains("json")) {
      return new FakeSendRequest(authorization, contentType, Map.of(), false);
    }
    try {
      Map<String, String> fields = new LinkedHashMap<>();
      new JsonObject(body).forEach(entry -> fields.put(entry.getKey(), entry.getValue() == null ? null
          : String.valueOf(entry.getValue())));
      return new FakeSendRequest(authorization, contentType, fields, false);
    } catch (DecodeException | ClassCastException notAnObject) {
      return new FakeSendRequest(authorization, contentType, Map.of(), true);
    }
  }
}
