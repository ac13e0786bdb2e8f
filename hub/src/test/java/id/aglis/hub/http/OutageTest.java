package id.aglis.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.StoppablePostgres;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL goes away under a running hub: clients and Fonnte are told to come back (503 with
 * Retry-After), {@code /ready} names what is down, the webhook secret in the path never reaches the log,
 * and the hub serves again once PostgreSQL is back.
 */
@ExtendWith(VertxExtension.class)
class OutageTest {

  private static final String TOKEN = "bearer-token-for-outage-tests-012345";
  private static final String SECRET = "hook-secret-never-in-logs-4242";

  @TempDir
  static Path folder;
  private static StoppablePostgres postgres;
  private static TestHub hub;
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    // A PostgreSQL of this class's own, so that it can be stopped without touching other tests.
    postgres = StoppablePostgres.start(folder.resolve("pg"));
    Map<String, String> env = TestHub.environment("outage");
    env.put("HUB_PG_URI", postgres.uri());
    env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    env.put("HUB_WEBHOOK_SECRET", SECRET);
    hub = TestHub.start(env);
    LOG.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    hub.close();
    postgres.close();
  }

  private static void assertUnavailable(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("unavailable");
  }

  @Test
  @DisplayName("with PostgreSQL down: 503 + Retry-After for the API and the webhooks, /ready names it, no secret in the log; then back")
  void databaseDown(Vertx vertx) throws Exception {
    Browser api = hub.browser(vertx).withBearer(TOKEN);
    JsonObject message = new JsonObject().put("to", "081377001122").put("text", "Tagihan Anda sudah terbit.");
    assertThat(api.post("/api/v1/messages", message).statusCode()).isEqualTo(202);
    assertThat(hub.browser(vertx).get("/ready").statusCode()).isEqualTo(200);

    postgres.stop();

    assertUnavailable(hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/status",
        new JsonObject().put("device", "sandbox").put("id", 123456).put("status", "sent").put("state", "delivered")));
    assertUnavailable(hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/incoming",
        new JsonObject().put("device", "sandbox").put("sender", "6281377001122").put("message", "INFO")));
    assertUnavailable(api.post("/api/v1/messages", message.copy().put("text", "Pesan kedua")));

    HttpResponse<Buffer> ready = hub.browser(vertx).get("/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonArray checks = ready.bodyAsJsonObject().getJsonArray("checks");
    assertThat(checks.stream().map(JsonObject.class::cast).filter(c -> c.getString("id").equals("postgres")).findFirst().orElseThrow()
        .getString("status")).isEqualTo("DOWN");
    assertThat(checks.stream().map(JsonObject.class::cast).filter(c -> c.getString("id").equals("redis")).findFirst().orElseThrow()
        .getString("status")).isEqualTo("UP");

    assertThat(LOG.list).isNotEmpty();
    assertThat(LOG.list).allSatisfy(event -> {
      assertThat(event.getFormattedMessage()).doesNotContain(SECRET);
      if (event.getThrowableProxy() != null) {
        assertThat(event.getThrowableProxy().getMessage() == null ? "" : event.getThrowableProxy().getMessage()).doesNotContain(SECRET);
      }
    });
    assertThat(LOG.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("/hooks/fonnte/***/"));

    postgres.start();
    HttpResponse<Buffer> after = api.post("/api/v1/messages", message.copy().put("text", "Setelah pulih"));
    for (int tries = 0; after.statusCode() == 503 && tries < 50; tries++) {
      Thread.sleep(200); // the answer's own Retry-After, shortened: the pool reconnects on its next request
      after = api.post("/api/v1/messages", message.copy().put("text", "Setelah pulih"));
    }
    assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(202);
    assertThat(hub.browser(vertx).get("/ready").statusCode()).isEqualTo(200);
  }
}
