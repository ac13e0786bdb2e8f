package id.aglis.hub.installation;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo's installations: one at each stage, all the demo technician's, each with its steps; seeded once. */
@ExtendWith(VertxExtension.class)
class InstallationDemoTest {

  @Test
  @DisplayName("a demo node shows agus.teknisi an installation at every stage, and a second start seeds nothing more")
  void demoInstallations(Vertx vertx) {
    Map<String, String> env = TestHub.environment("installationdemo");
    env.put("HUB_DEMO", "true");
    try (TestHub hub = TestHub.start(env)) {
      Browser agus = hub.browser(vertx);
      assertThat(agus.staffLogin("agus.teknisi", "demo12345").statusCode()).isEqualTo(200);
      JsonArray items = agus.get("/api/v1/installations").bodyAsJsonObject().getJsonArray("items");
      assertThat(items.stream().map(JsonObject.class::cast).map(i -> i.getString("stage")))
          .containsExactlyInAnyOrder("scheduled", "survey", "cabling", "device_installed", "activated");
      for (Object item : items) {
        JsonObject installation = agus.get("/api/v1/installations/" + ((JsonObject) item).getLong("id")).bodyAsJsonObject();
        JsonArray progress = installation.getJsonArray("progress");
        assertThat(progress.getJsonObject(progress.size() - 1).getString("stage")).isEqualTo(installation.getString("stage"));
      }
    }
    try (TestHub again = TestHub.start(env)) {
      Browser agus = again.browser(vertx);
      agus.staffLogin("agus.teknisi", "demo12345");
      assertThat(agus.get("/api/v1/installations").bodyAsJsonObject().getJsonArray("items")).hasSize(5);
    }
  }
}
