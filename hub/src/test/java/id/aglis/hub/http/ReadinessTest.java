package id.aglis.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A node on its own bundled PostgreSQL and Redis (no URIs configured), as a newcomer runs it. */
@ExtendWith(VertxExtension.class)
class ReadinessTest {

  @Test
  @DisplayName("/ready turns 503 naming Redis when it stops, and 200 again when it returns; /health and /metrics answer")
  void readyFollowsRedis(Vertx vertx, @TempDir Path data) throws Exception {
    try (TestHub hub = TestHub.start(Map.of("HUB_DATA_DIR", data.toString(), "HUB_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD,
        "HUB_HTTP_INSTANCES", "1"))) {
      assertThat(hub.browser(vertx).get("/health").statusCode()).isEqualTo(200);
      assertThat(status(hub, vertx).statusCode()).isEqualTo(200);
      assertThat(hub.browser(vertx).get("/metrics").bodyAsString()).contains("jvm_memory_used_bytes").contains("vertx_http_server");

      hub.node().embeddedRedis().stop();
      HttpResponse<Buffer> down = status(hub, vertx);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(check(down, "redis")).isEqualTo("DOWN");
      assertThat(check(down, "postgres")).isEqualTo("UP");
      assertThat(hub.browser(vertx).get("/health").statusCode()).isEqualTo(200);

      hub.node().embeddedRedis().start();
      HttpResponse<Buffer> back = status(hub, vertx);
      for (int i = 0; i < 50 && back.statusCode() != 200; i++) {
        // The client reconnects on its next command; give it a few probes, not a fixed sleep.
        back = status(hub, vertx);
      }
      assertThat(back.statusCode()).isEqualTo(200);
      assertThat(check(back, "redis")).isEqualTo("UP");
    }
  }

  @Test
  @DisplayName("a second hub on the same data folder stops with a clear message")
  void dataDirIsLocked(Vertx vertx, @TempDir Path data) throws Exception {
    Map<String, String> env = Map.of("HUB_DATA_DIR", data.toString(), "HUB_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD, "HUB_HTTP_INSTANCES", "1");
    try (TestHub first = TestHub.start(env)) {
      assertThat(first.browser(vertx).get("/health").statusCode()).isEqualTo(200);
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> TestHub.start(env));
      assertThat(failure).hasMessageContaining("in use by another running AGLIS Hub").hasMessageContaining("HUB_DATA_DIR");
    }
  }

  private static HttpResponse<Buffer> status(TestHub hub, Vertx vertx) {
    return hub.browser(vertx).get("/ready");
  }

  private static String check(HttpResponse<Buffer> response, String id) {
    return response.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow().getString("status");
  }
}
