package id.aglis.hub.speedtest;

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

/** The demo's speed tests: a history for a few customers, compared with their plans; seeded once. */
@ExtendWith(VertxExtension.class)
class SpeedTestDemoTest {

  private static JsonArray history(TestHub hub, Vertx vertx, String customerNo) {
    Browser customer = hub.browser(vertx);
    assertThat(customer.customerLogin(customerNo, "pelanggan123").statusCode()).isEqualTo(200);
    return customer.get("/api/v1/speedtest/results").bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  @DisplayName("a demo node shows AGL-000101 a few weeks of evening tests against their plan, one of them a bad day; a second start seeds nothing more")
  void demoHistory(Vertx vertx) {
    Map<String, String> env = TestHub.environment("speedtestdemo");
    env.put("HUB_DEMO", "true");
    try (TestHub hub = TestHub.start(env)) {
      JsonArray items = history(hub, vertx, "AGL-000101");
      assertThat(items).hasSize(7);
      JsonObject newest = items.getJsonObject(0);
      assertThat(newest.getJsonObject("plan").getInteger("speedMbps")).isPositive();
      assertThat(newest.getInteger("percentOfPlan")).isBetween(60, 110);
      assertThat(items.stream().map(JsonObject.class::cast).mapToInt(r -> r.getInteger("percentOfPlan")).min().orElseThrow()).isLessThan(30);
      assertThat(items.stream().map(r -> ((JsonObject) r).getString("at")))
          .isSortedAccordingTo(java.util.Comparator.reverseOrder());
      assertThat(history(hub, vertx, "AGL-000103")).isEmpty();
    }
    try (TestHub again = TestHub.start(env)) {
      assertThat(history(again, vertx, "AGL-000101")).hasSize(7);
    }
  }
}
