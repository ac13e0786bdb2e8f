package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
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
    if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
      return readForm(request, authorization, contentType);
    }
    return request.body().map(body -> fromBody(authorization, contentType, type, body.toString()));
  }

  private static Future<FakeSendRequest> readForm(HttpServerRequest request, String authorization, String contentType) {
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
