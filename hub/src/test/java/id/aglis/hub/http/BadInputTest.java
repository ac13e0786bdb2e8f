package id.aglis.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of bad input gets a 4xx in the one JSON error shape: never a 5xx, never a stack trace. */
@ExtendWith(VertxExtension.class)
class BadInputTest {

  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    hub = TestHub.start(TestHub.environment("badinput"));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertThat(error).isNotNull();
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    assertThat(response.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.vertx");
  }

  @Test
  @DisplayName("malformed JSON, non-object bodies and missing bodies are 400")
  void malformedBodies(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    assertError(admin.send(HttpMethod.POST, "/api/v1/customers", "{\"name\": "), 400, "invalid_json");
    assertError(admin.send(HttpMethod.POST, "/api/v1/customers", "[1, 2]"), 400, "invalid_json");
    assertError(admin.send(HttpMethod.POST, "/api/v1/customers", "\"just a string\""), 400, "invalid_json");
    assertError(admin.send(HttpMethod.POST, "/api/v1/customers", ""), 400, "missing_body");
    assertError(admin.post("/api/v1/customers", null), 415, "unsupported_media_type");
    // A cross-site form could post this without a preflight: only JSON is read.
    HttpResponse<Buffer> form = hub.browser(vertx).sendWithType(HttpMethod.POST, "/api/v1/auth/staff/login", "text/plain",
        "{\"username\":\"admin\",\"password\":\"" + TestHub.ADMIN_PASSWORD + "\"}");
    assertError(form, 415, "unsupported_media_type");
  }

  @Test
  @DisplayName("wrong types, missing fields, unknown fields and out-of-range values name the field")
  void fieldErrors(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    HttpResponse<Buffer> wrongType = admin.post("/api/v1/customers", new JsonObject().put("name", 12));
    assertError(wrongType, 400, "invalid_field");
    assertThat(wrongType.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("name");
    assertError(admin.post("/api/v1/customers", new JsonObject().put("phone", "081234567890")), 400, "invalid_field");
    assertError(admin.post("/api/v1/customers", new JsonObject().put("name", "X").put("phone", "12345")), 400, "invalid_field");
    assertError(admin.post("/api/v1/customers", new JsonObject().put("name", "X").put("latitude", 123.0)), 400, "invalid_field");
    assertError(admin.post("/api/v1/customers", new JsonObject().put("name", "X").put("status", "vip")), 400, "invalid_field");
    assertError(admin.post("/api/v1/customers", new JsonObject().put("name", "X").put("nmae", "typo")), 400, "invalid_field");
    assertError(admin.post("/api/v1/staff", new JsonObject().put("username", "ok.name").put("name", "N").put("role", "boss")
        .put("password", "long-enough")), 400, "invalid_field");
    assertError(admin.post("/api/v1/staff", new JsonObject().put("username", "ok.name").put("name", "N").put("role", "cs")
        .put("password", "short")), 400, "invalid_field");
    assertError(hub.browser(vertx).post("/api/v1/auth/staff/login", new JsonObject().put("username", "admin")), 400, "invalid_field");
    assertError(hub.browser(vertx).post("/api/v1/auth/customer/login", new JsonObject().put("login", 5).put("password", "x")), 400, "invalid_field");
    assertError(admin.get("/api/v1/customers?cursor=not-a-cursor"), 400, "invalid_field");
    assertError(admin.get("/api/v1/customers?limit=100000"), 400, "invalid_field");
    assertError(admin.get("/api/v1/customers?q=%zz"), 400, "invalid_query");
    assertError(admin.get("/api/v1/customers?q=a%00b"), 400, "invalid_field");
    assertError(admin.post("/api/v1/customers", new JsonObject().put("name", "nul\u0000byte")), 400, "invalid_field");
    assertError(hub.browser(vertx).post("/api/v1/auth/staff/login", new JsonObject().put("username", "ad\u0000min").put("password", "x")),
        400, "invalid_field");
  }

  @Test
  @DisplayName("duplicates are 409, unknown ids 404")
  void conflictsAndMissing(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    JsonObject customer = new JsonObject().put("customerNo", "DUP-1").put("name", "Dup").put("phone", "081299990001");
    assertThat(admin.post("/api/v1/customers", customer).statusCode()).isEqualTo(201);
    assertError(admin.post("/api/v1/customers", customer), 409, "duplicate");
    assertError(admin.get("/api/v1/customers/987654"), 404, "not_found");
    assertError(admin.get("/api/v1/customers/not-a-number"), 404, "not_found");
    assertError(admin.put("/api/v1/staff/987654", new JsonObject().put("name", "x")), 404, "not_found");
  }

  @Test
  @DisplayName("oversized bodies are 413")
  void oversizedBody(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    String huge = "{\"name\":\"" + "a".repeat(300 * 1024) + "\"}";
    assertError(admin.send(HttpMethod.POST, "/api/v1/customers", huge), 413, "payload_too_large");
    // The session and its CSRF token survive the refusal.
    assertThat(admin.post("/api/v1/customers", new JsonObject().put("name", "After 413")).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("unknown routes are 404 and wrong methods 405 with Allow, in the JSON shape")
  void unknownRoutesAndMethods(Vertx vertx) {
    Browser anyone = hub.browser(vertx);
    assertError(anyone.get("/api/v1/no-such-thing"), 404, "not_found");
    assertError(anyone.get("/no-such-page.html"), 404, "not_found");
    HttpResponse<Buffer> wrongMethod = anyone.delete("/api/v1/auth/me");
    assertError(wrongMethod, 405, "method_not_allowed");
    assertThat(wrongMethod.getHeader("Allow")).contains("GET");
    assertError(anyone.send(HttpMethod.PUT, "/health", null), 405, "method_not_allowed");
    assertError(anyone.send(HttpMethod.PATCH, "/api/v1/customers", "{}"), 405, "method_not_allowed");
    assertError(anyone.get("/hooks/fonnte/x/status"), 404, "not_found");
  }

  @Test
  @DisplayName("a bad Authorization header is 401, never a crash")
  void badAuthorization(Vertx vertx) {
    assertError(hub.browser(vertx).withBearer("").get("/api/v1/auth/me"), 401, "invalid_token");
    HttpResponse<Buffer> basic = hub.browser(vertx).send(HttpMethod.GET, "/api/v1/auth/me", null);
    assertError(basic, 401, "unauthenticated");
  }

  /** Sends raw bytes and returns everything the server wrote before it closed the connection. */
  private static String raw(Vertx vertx, String request) throws Exception {
    StringBuilder received = new StringBuilder();
    io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
    vertx.createNetClient().connect(hub.port(), "127.0.0.1").onSuccess(socket -> {
      socket.handler(data -> {
        synchronized (received) {
          received.append(data.toString());
        }
      });
      socket.closeHandler(v -> closed.tryComplete());
      socket.write(request);
    }).await();
    closed.future().await(10, java.util.concurrent.TimeUnit.SECONDS);
    synchronized (received) {
      return received.toString();
    }
  }

  @Test
  @DisplayName("malformed HTTP (request line too long, headers too large, a bad request line) still gets the JSON shape")
  void malformedHttp(Vertx vertx) throws Exception {
    assertThat(raw(vertx, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: hub\r\n\r\n"))
        .startsWith("HTTP/1.").contains(" 414 ").contains("{\"error\":{\"code\":\"uri_too_long\"");
    assertThat(raw(vertx, "GET /health HTTP/1.1\r\nHost: hub\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n"))
        .startsWith("HTTP/1.").contains(" 431 ").contains("{\"error\":{\"code\":\"headers_too_large\"");
    assertThat(raw(vertx, "this is not http\r\n\r\n"))
        .startsWith("HTTP/1.").contains(" 400 ").contains("{\"error\":{\"code\":\"malformed_request\"");
  }

  @Test
  @DisplayName("times no person means (the year +999999999) are 400, not stored as infinity")
  void timesOutOfRange(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    HttpResponse<Buffer> forever = admin.post("/api/v1/tokens", new JsonObject().put("name", "selamanya").put("role", "noc")
        .put("expiresAt", "+999999999-12-31T23:59:59Z"));
    assertError(forever, 400, "invalid_field");
    assertThat(forever.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("expiresAt");
    assertError(admin.post("/api/v1/tokens", new JsonObject().put("name", "jauh").put("role", "noc")
        .put("expiresAt", "2999-01-01T00:00:00+07:00")), 400, "invalid_field");
    assertThat(admin.post("/api/v1/tokens", new JsonObject().put("name", "tahun-depan").put("role", "noc")
        .put("expiresAt", java.time.OffsetDateTime.now().plusYears(1).toString())).statusCode()).isEqualTo(201);
    assertError(admin.get("/api/v1/analytics/whatsapp?from=%2B999999999-01-01T00:00:00Z"), 400, "invalid_field");
  }
}
