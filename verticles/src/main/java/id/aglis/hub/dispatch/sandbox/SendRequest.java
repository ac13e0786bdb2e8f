package id.aglis.hub.dispatch.sandbox;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A /send request as {@link SandboxGateway} read it. Fonnte takes form-urlencoded, multipart (its own examples) and
 * JSON (its Node example) bodies alike, so all three end up as the same string fields.
 *
 * @param authorization the Authorization header verbatim (Fonnte wants the bare token), or null
 * @param fields every field, in the order sent; read-only
 * @param jsonInvalid a JSON content type whose body did not parse (Fonnte's "JSON format invalid")
 */
public record SendRequest(String authorization, String contentType, Map<String, String> fields, boolean jsonInvalid) {

  public SendRequest {
    fields = Collections.unmodifiableMap(fields);
  }

  public String field(String name) {
    return fields.get(name);
  }

  /** Each recipient's number as written in {@code target} (without any "|name" part), in order. */
  public List<String> recipients() {
    return Targets.rawNumbers(field("target"));
  }

  /** Reads the whole body; call before the request's first event has been handled. */
  static Future<SendRequest> read(HttpServerRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      return readMultipart(request, authorization, contentType);
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      // Decoded here rather than by the multipart decoder, which throws an exception per request to end its
      // parse: the gateway stands in for Fonnte in benchmarks and should cost little.
      return request.body().map(body -> new SendRequest(authorization, contentType, urlEncoded(body.toString()), false));
    }
    return request.body().map(body -> fromBody(authorization, contentType, type, body.toString()));
  }

  private static Map<String, String> urlEncoded(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters()
        .forEach((name, values) -> fields.put(name, values.get(0)));
    return fields;
  }

  private static Future<SendRequest> readMultipart(HttpServerRequest request, String authorization, String contentType) {
    request.setExpectMultipart(true);
    // Attached files are read and dropped: the gateway checks fields, not media.
    request.uploadHandler(upload -> upload.handler(ignored -> { }));
    return request.end().map(done -> {
      Map<String, String> fields = new LinkedHashMap<>();
      request.formAttributes().forEach(entry -> fields.putIfAbsent(entry.getKey(), entry.getValue()));
      return new SendRequest(authorization, contentType, fields, false);
    });
  }

  private static SendRequest fromBody(String authorization, String contentType, String type, String body) {
    if (!type.contains("json")) {
      return new SendRequest(authorization, contentType, Map.of(), false);
    }
    try {
      Map<String, String> fields = new LinkedHashMap<>();
      new JsonObject(body).forEach(entry -> fields.put(entry.getKey(), entry.getValue() == null ? null
          : String.valueOf(entry.getValue())));
      return new SendRequest(authorization, contentType, fields, false);
    } catch (DecodeException | ClassCastException notAnObject) {
      return new SendRequest(authorization, contentType, Map.of(), true);
    }
  }
}
