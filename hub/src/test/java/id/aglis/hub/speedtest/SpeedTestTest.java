package id.aglis.hub.speedtest;

import static id.aglis.hub.testing.ApiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The speed test end to end on a real node: ping, download of exactly the bytes asked for (never compressed), upload
 * counted and dropped, results saved against the customer's plan and listed newest first; bad input refused with the
 * JSON error; the per-customer budget and the per-node limit on transfers; who may read which history. Each test signs in
 * customers of its own, since budgets are per customer.
 */
@ExtendWith(VertxExtension.class)
class SpeedTestTest {

  private static final String PASSWORD = "pelanggan-rahasia-1";
  private static final int RUNS_PER_HOUR = 3;
  private static final int MAX_CONCURRENT = 2;
  private static final long MIB = 1024 * 1024;

  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("speedtest");
    env.put("HUB_SPEEDTEST_RUNS_PER_HOUR", String.valueOf(RUNS_PER_HOUR));
    env.put("HUB_SPEEDTEST_MAX_CONCURRENT", String.valueOf(MAX_CONCURRENT));
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject customer(Vertx vertx, String name, String plan) {
    HttpResponse<Buffer> created = hub.admin(vertx).post("/api/v1/customers",
        new JsonObject().put("name", name).put("plan", plan).put("password", PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static Browser signedIn(Vertx vertx, JsonObject customer) {
    return hub.customer(vertx, customer.getString("customerNo"), PASSWORD);
  }

  private static Browser newCustomer(Vertx vertx, String name) {
    return signedIn(vertx, customer(vertx, name, "Rumah 20 Mbps"));
  }

  /** A test run as the page starts one: its download (one byte is enough to count). */
  private static void ran(Browser portal) {
    assertThat(portal.get("/api/v1/speedtest/download?bytes=1").statusCode()).isEqualTo(200);
  }

  private static JsonObject result(double latency, double jitter, double down, double up) {
    return new JsonObject().put("latencyMs", latency).put("jitterMs", jitter).put("downloadMbps", down).put("uploadMbps", up);
  }

  private static List<JsonObject> items(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  @DisplayName("ping answers 204 uncached; a download is exactly the bytes asked for, random and never compressed")
  void pingAndDownload(Vertx vertx) {
    Browser portal = newCustomer(vertx, "Ani Ping").withHeader("Accept-Encoding", "gzip, deflate");
    HttpResponse<Buffer> ping = portal.get("/api/v1/speedtest/ping");
    assertThat(ping.statusCode()).isEqualTo(204);
    assertThat(ping.getHeader("Cache-Control")).isEqualTo("no-store");

    HttpResponse<Buffer> small = portal.get("/api/v1/speedtest/download?bytes=100001");
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.body().length()).isEqualTo(100_001);
    assertThat(small.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(small.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(small.getHeader("Content-Encoding")).isNull();

    HttpResponse<Buffer> standard = portal.get("/api/v1/speedtest/download");
    assertThat(standard.body().length()).isEqualTo(10 * MIB);
    assertThat(standard.getHeader("Content-Length")).isEqualTo(String.valueOf(10 * MIB));
    // Random: no run of 64 equal bytes in the first chunk, as there would be in zeros or a pattern a modem compresses.
    Buffer head = standard.body().slice(0, 64 * 1024);
    assertThat(head.getBytes()).isNotEqualTo(standard.body().slice(64 * 1024, 128 * 1024).getBytes());
    assertThat(new java.util.HashSet<>(java.util.Arrays.asList(box(head.getBytes(0, 4096))))).hasSizeGreaterThan(200);
  }

  private static Byte[] box(byte[] bytes) {
    Byte[] out = new Byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i];
    }
    return out;
  }

  @Test
  @DisplayName("a download size outside 1..25 MiB is a 400 naming 'bytes', and spends no run")
  void badDownloadSizes(Vertx vertx) {
    Browser portal = newCustomer(vertx, "Budi Ukuran");
    for (String bad : new String[] {"0", "-5", "abc", "1.5", String.valueOf(25 * MIB + 1), "99999999999999999999"}) {
      assertError(portal.get("/api/v1/speedtest/download?bytes=" + bad), 400, "invalid_field", "bytes");
    }
    assertThat(portal.get("/api/v1/speedtest/download?bytes=" + 25 * MIB).body().length()).isEqualTo(25 * MIB);
  }

  @Test
  @DisplayName("an upload is counted and dropped; over 25 MiB is a 413 before it is read")
  void upload(Vertx vertx) {
    Browser portal = newCustomer(vertx, "Citra Unggah");
    HttpResponse<Buffer> up = portal.sendBytes(HttpMethod.POST, "/api/v1/speedtest/upload", "application/octet-stream",
        Buffer.buffer(new byte[(int) (3 * MIB)]));
    assertThat(up.statusCode()).as(up.bodyAsString()).isEqualTo(200);
    assertThat(up.bodyAsJsonObject().getLong("bytes")).isEqualTo(3 * MIB);
    assertThat(up.bodyAsJsonObject().getLong("millis")).isNotNegative();
    assertThat(up.getHeader("Cache-Control")).isEqualTo("no-store");

    // Only the head is sent: the answer must come before any of the body is read (the hub then closes the connection,
    // so a client sending the whole body could see the close before the answer).
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hub.port()));
    HttpClientRequest head = http.request(HttpMethod.POST, "/api/v1/speedtest/upload").await()
        .putHeader("Cookie", portal.sessionCookie() + "; XSRF-TOKEN=" + portal.csrfCookie()).putHeader("X-XSRF-TOKEN", portal.csrfCookie())
        .putHeader("Content-Type", "application/octet-stream").putHeader("Content-Length", String.valueOf(25 * MIB + 1));
    head.sendHead().await();
    // The body is asked for in the same turn as the response arrives, or it would be gone before the test reads it.
    Map.Entry<Integer, Buffer> tooLarge = head.response().compose(r -> r.body().map(b -> Map.entry(r.statusCode(), b))).await();
    assertThat(tooLarge.getKey()).isEqualTo(413);
    assertThat(tooLarge.getValue().toJsonObject().getJsonObject("error").getString("code")).isEqualTo("payload_too_large");
    http.close().await();

    // Without the CSRF header a browser's upload is refused like any other write.
    assertError(signedIn(vertx, customer(vertx, "Citra Dua", "Rumah 20 Mbps")).withoutCsrfHeader()
        .sendBytes(HttpMethod.POST, "/api/v1/speedtest/upload", "application/octet-stream", Buffer.buffer(new byte[1024])), 403, "csrf", null);
  }

  @Test
  @DisplayName("a saved result needs a test run this hour, carries the plan's speed at that moment and the share of it reached; the history is newest first")
  void resultsAgainstThePlan(Vertx vertx) {
    JsonObject dewi = customer(vertx, "Dewi Hasil", "Rumah 30 Mbps");
    Browser portal = signedIn(vertx, dewi);
    assertThat(hub.admin(vertx).put("/api/v1/customers/" + dewi.getLong("id"), new JsonObject().put("planSpeedMbps", 40))
        .statusCode()).isEqualTo(200);

    // A result is saved for a test that ran: none yet, so none is taken.
    assertError(portal.post("/api/v1/speedtest/results", result(12.5, 2.25, 31.2, 18.4)), 409, "no_test_run", null);
    ran(portal);
    HttpResponse<Buffer> saved = portal.post("/api/v1/speedtest/results", result(12.5, 2.25, 31.2, 18.4));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(201);
    JsonObject first = saved.bodyAsJsonObject();
    assertThat(first.getDouble("latencyMs")).isEqualTo(12.5);
    assertThat(first.getDouble("jitterMs")).isEqualTo(2.25);
    assertThat(first.getDouble("downloadMbps")).isEqualTo(31.2);
    assertThat(first.getDouble("uploadMbps")).isEqualTo(18.4);
    assertThat(first.getJsonObject("plan")).isEqualTo(new JsonObject().put("name", "Rumah 30 Mbps").put("speedMbps", 40));
    assertThat(first.getInteger("percentOfPlan")).isEqualTo(78);
    assertThat(first.getString("at")).isNotBlank();

    // Without a plan speed, the number in the plan's name stands in; the old result keeps its snapshot.
    assertThat(hub.admin(vertx).put("/api/v1/customers/" + dewi.getLong("id"), new JsonObject().putNull("planSpeedMbps"))
        .statusCode()).isEqualTo(200);
    assertError(portal.post("/api/v1/speedtest/results", result(9, 1, 15, 10)), 409, "no_test_run", null);
    ran(portal);
    JsonObject second = portal.post("/api/v1/speedtest/results", result(9, 1, 15, 10)).bodyAsJsonObject();
    assertThat(second.getJsonObject("plan").getInteger("speedMbps")).isEqualTo(30);
    assertThat(second.getInteger("percentOfPlan")).isEqualTo(50);

    List<JsonObject> history = items(portal.get("/api/v1/speedtest/results"));
    assertThat(history).extracting(r -> r.getLong("id")).containsExactly(second.getLong("id"), first.getLong("id"));
    assertThat(history.get(1)).isEqualTo(first);

    HttpResponse<Buffer> page = portal.get("/api/v1/speedtest/results?limit=1");
    assertThat(items(page)).extracting(r -> r.getLong("id")).containsExactly(second.getLong("id"));
    String cursor = page.bodyAsJsonObject().getString("nextCursor");
    HttpResponse<Buffer> next = portal.get("/api/v1/speedtest/results?limit=1&cursor=" + cursor);
    assertThat(items(next)).extracting(r -> r.getLong("id")).containsExactly(first.getLong("id"));
    assertThat(next.bodyAsJsonObject().getString("nextCursor")).isNull();

    // A customer without any plan: no comparison, not an error.
    Browser planless = signedIn(vertx, customer(vertx, "Eko Tanpa Paket", null));
    ran(planless);
    JsonObject bare = planless.post("/api/v1/speedtest/results", result(20, 3, 8, 4)).bodyAsJsonObject();
    assertThat(bare.getValue("plan")).isNull();
    assertThat(bare.getValue("percentOfPlan")).isNull();
  }

  @Test
  @DisplayName("a result with a missing, mistyped, negative, absurd or unknown field is a 400 naming it, and nothing is saved")
  void badResults(Vertx vertx) {
    Browser portal = newCustomer(vertx, "Fajar Salah");
    assertError(portal.post("/api/v1/speedtest/results", result(10, 1, 20, 10).put("latencyMs", "10")), 400, "invalid_field", "latencyMs");
    assertError(portal.post("/api/v1/speedtest/results", result(10, 1, 20, 10).put("jitterMs", -1)), 400, "invalid_field", "jitterMs");
    assertError(portal.post("/api/v1/speedtest/results", result(10, 1, 20, 10).put("downloadMbps", 1e9)), 400, "invalid_field", "downloadMbps");
    assertError(portal.post("/api/v1/speedtest/results", result(10, 1, 20, 10).putNull("uploadMbps")), 400, "invalid_field", "uploadMbps");
    JsonObject missing = result(10, 1, 20, 10);
    missing.remove("latencyMs");
    assertError(portal.post("/api/v1/speedtest/results", missing), 400, "invalid_field", "latencyMs");
    assertError(portal.post("/api/v1/speedtest/results", result(10, 1, 20, 10).put("customerId", 1)), 400, "invalid_field", "customerId");
    assertError(portal.post("/api/v1/speedtest/results", "[1,2]"), 400, "invalid_json", null);
    assertError(portal.sendWithType(HttpMethod.POST, "/api/v1/speedtest/results", "text/plain", "{}"), 415, "unsupported_media_type", null);
    assertError(portal.get("/api/v1/speedtest/results?limit=0"), 400, "invalid_field", "limit");
    assertThat(items(portal.get("/api/v1/speedtest/results"))).isEmpty();
  }

  @Test
  @DisplayName("past the hourly budget a download, an upload, a ping or a result is a 429 with Retry-After; other customers are unaffected")
  void hourlyBudget(Vertx vertx) {
    Browser heavy = newCustomer(vertx, "Gilang Boros");
    for (int i = 0; i < RUNS_PER_HOUR; i++) {
      assertThat(heavy.get("/api/v1/speedtest/download?bytes=1000").statusCode()).isEqualTo(200);
      assertThat(heavy.post("/api/v1/speedtest/results", result(10, 1, 20, 10)).statusCode()).isEqualTo(201);
    }
    HttpResponse<Buffer> refused = heavy.get("/api/v1/speedtest/download?bytes=1000");
    assertError(refused, 429, "too_many_requests", null);
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(3000L, 3600L);
    assertError(heavy.post("/api/v1/speedtest/results", result(10, 1, 20, 10)), 429, "too_many_requests", null);

    // Uploads: as many bytes as the runs would download at most (3 × 25 MiB here): the fourth full one is refused unread.
    Buffer full = Buffer.buffer(new byte[(int) (25 * MIB)]);
    for (int i = 0; i < RUNS_PER_HOUR; i++) {
      assertThat(heavy.sendBytes(HttpMethod.POST, "/api/v1/speedtest/upload", "application/octet-stream", full).statusCode()).isEqualTo(200);
    }
    assertError(heavy.sendBytes(HttpMethod.POST, "/api/v1/speedtest/upload", "application/octet-stream", Buffer.buffer(new byte[1024])),
        429, "too_many_requests", null);

    Browser pinger = newCustomer(vertx, "Hana Ping");
    int allowed = RUNS_PER_HOUR * SpeedTestBudget.PINGS_PER_RUN;
    for (int i = 0; i < allowed; i++) {
      assertThat(pinger.get("/api/v1/speedtest/ping").statusCode()).isEqualTo(204);
    }
    assertError(pinger.get("/api/v1/speedtest/ping"), 429, "too_many_requests", null);

    assertThat(newCustomer(vertx, "Indah Lain").get("/api/v1/speedtest/download?bytes=1000").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a node serves at most HUB_SPEEDTEST_MAX_CONCURRENT transfers at once; the next is a 429 until one ends")
  void concurrentTransfers(Vertx vertx) {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hub.port()));
    // Downloads the client stops reading: they stay in progress, their slots held.
    List<HttpClientResponse> held = new java.util.ArrayList<>();
    for (int i = 0; i < MAX_CONCURRENT; i++) {
      Browser holder = newCustomer(vertx, "Joko Tahan " + i);
      HttpClientResponse response = http.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setURI("/api/v1/speedtest/download?bytes=" + 25 * MIB).putHeader("Cookie", holder.sessionCookie()))
          .compose(request -> request.send())
          .onSuccess(paused -> paused.pause().exceptionHandler(closedByTheTest -> { }))
          .await();
      assertThat(response.statusCode()).isEqualTo(200);
      held.add(response);
    }
    Browser waiting = newCustomer(vertx, "Kiki Antre");
    HttpResponse<Buffer> busy = waiting.get("/api/v1/speedtest/download?bytes=1000");
    assertError(busy, 429, "speedtest_busy", null);
    assertThat(busy.getHeader("Retry-After")).isEqualTo("10");
    assertError(waiting.sendBytes(HttpMethod.POST, "/api/v1/speedtest/upload", "application/octet-stream", Buffer.buffer(new byte[1024])),
        429, "speedtest_busy", null);
    // Refused for want of a slot, the run was not spent: after the holders leave, all three of the hour's runs remain.
    held.forEach(response -> response.request().connection().close());
    long deadline = System.currentTimeMillis() + 5_000;
    int status = 429;
    while (status == 429 && System.currentTimeMillis() < deadline) {
      status = waiting.get("/api/v1/speedtest/download?bytes=1000").statusCode();
    }
    assertThat(status).isEqualTo(200);
    for (int i = 1; i < RUNS_PER_HOUR; i++) {
      assertThat(waiting.get("/api/v1/speedtest/download?bytes=1000").statusCode()).isEqualTo(200);
    }
    http.close().await();
  }

  @Test
  @DisplayName("nobody signed in gets 401; staff get 403 on the customer's routes; a customer sees only their own history")
  void access(Vertx vertx) {
    Browser visitor = hub.browser(vertx);
    for (String path : new String[] {"/api/v1/speedtest/ping", "/api/v1/speedtest/download", "/api/v1/speedtest/results"}) {
      assertError(visitor.get(path), 401, "unauthenticated", null);
    }
    assertError(visitor.post("/api/v1/speedtest/results", result(1, 1, 1, 1)), 401, "unauthenticated", null);
    assertError(visitor.sendBytes(HttpMethod.POST, "/api/v1/speedtest/upload", "application/octet-stream",
        Buffer.buffer(new byte[2 * 1024 * 1024])), 401, "unauthenticated", null);
    Browser admin = hub.admin(vertx);
    assertError(admin.get("/api/v1/speedtest/ping"), 403, "forbidden", null);
    assertError(admin.get("/api/v1/speedtest/results"), 403, "forbidden", null);

    JsonObject lina = customer(vertx, "Lina Pemilik", "Rumah 50 Mbps");
    JsonObject mira = customer(vertx, "Mira Tetangga", "Rumah 20 Mbps");
    Browser linaPortal = signedIn(vertx, lina);
    Browser miraPortal = signedIn(vertx, mira);
    ran(linaPortal);
    ran(miraPortal);
    long linaResult = linaPortal.post("/api/v1/speedtest/results", result(11, 2, 45, 20)).bodyAsJsonObject().getLong("id");
    long miraResult = miraPortal.post("/api/v1/speedtest/results", result(30, 5, 10, 5)).bodyAsJsonObject().getLong("id");

    assertThat(items(linaPortal.get("/api/v1/speedtest/results"))).extracting(r -> r.getLong("id")).containsExactly(linaResult);
    assertThat(items(miraPortal.get("/api/v1/speedtest/results"))).extracting(r -> r.getLong("id")).containsExactly(miraResult);
    // No route takes a result's id: whatever id a customer tries, theirs or not, it is a 404.
    for (long id : new long[] {linaResult, miraResult, 0, 999_999}) {
      assertError(miraPortal.get("/api/v1/speedtest/results/" + id), 404, "not_found", null);
    }
    // Nor can a customer name another customer: the staff route is for staff.
    assertError(miraPortal.get("/api/v1/customers/" + lina.getLong("id") + "/speedtests"), 403, "forbidden", null);

    for (String role : new String[] {"supervisor", "cs", "noc"}) {
      assertThat(items(hub.staff(vertx, "st", role).get("/api/v1/customers/" + lina.getLong("id") + "/speedtests")))
          .extracting(r -> r.getLong("id")).containsExactly(linaResult);
    }
    assertThat(items(admin.get("/api/v1/customers/" + mira.getLong("id") + "/speedtests")))
        .extracting(r -> r.getLong("id")).containsExactly(miraResult);
    assertError(hub.staff(vertx, "st", "technician").get("/api/v1/customers/" + lina.getLong("id") + "/speedtests"), 403, "forbidden", null);
    assertError(admin.get("/api/v1/customers/999999/speedtests"), 404, "not_found", null);
    assertError(admin.get("/api/v1/customers/abc/speedtests"), 404, "not_found", null);
  }
}
