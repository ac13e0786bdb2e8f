package id.aglis.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every time in an API answer has the same shape: UTC, seconds and microseconds always written. */
@ExtendWith(VertxExtension.class)
class TimesInAnswersTest {

  private static final String TOKEN = "bearer-token-for-times-tests-0001";
  private static final String SHAPE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";
  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("times");
    env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    env.put("HUB_WA_QUIET_HOURS", "off");
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  @DisplayName("a time on the minute keeps its zero seconds: token expiry, analytics range")
  void zeroSecondsAreWritten(Vertx vertx) {
    Browser api = hub.browser(vertx).withBearer(TOKEN);
    JsonObject token = api.post("/api/v1/tokens", new JsonObject().put("name", "times").put("role", "cs")
        .put("expiresAt", "2027-01-31T17:00:00+07:00")).bodyAsJsonObject();
    assertThat(token.getString("expiresAt")).isEqualTo("2027-01-31T10:00:00.000000Z");
    assertThat(token.getString("createdAt")).matches(SHAPE);

    JsonObject report = api.get("/api/v1/analytics/whatsapp?from=2026-11-20&to=2026-11-21").bodyAsJsonObject();
    assertThat(report.getString("from")).isEqualTo("2026-11-19T17:00:00.000000Z");
    assertThat(report.getString("to")).isEqualTo("2026-11-20T17:00:00.000000Z");
  }

  @Test
  @DisplayName("customers, messages with their timelines, and batches give every time in the one shape")
  void everyTimeHasOneShape(Vertx vertx) {
    Browser api = hub.browser(vertx).withBearer(TOKEN);
    JsonObject customer = api.post("/api/v1/customers", new JsonObject().put("name", "Waktu Uji").put("phone", "081290001234"))
        .bodyAsJsonObject();
    List<String> times = new ArrayList<>(List.of(customer.getString("createdAt"), customer.getString("updatedAt")));

    JsonObject batch = api.post("/api/v1/messages/batch", new JsonObject().put("messages", new JsonArray()
        .add(new JsonObject().put("to", "081290001234").put("text", "Uji waktu").put("notBefore", "2027-01-01T08:00:00+07:00"))))
        .bodyAsJsonObject();
    times.add(api.get("/api/v1/batches/" + batch.getString("batchId")).bodyAsJsonObject().getString("createdAt"));
    JsonObject listed = api.get("/api/v1/messages?batchId=" + batch.getString("batchId")).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0);
    JsonObject message = api.get("/api/v1/messages/" + listed.getString("id")).bodyAsJsonObject();
    assertThat(message.getString("notBefore")).isEqualTo("2027-01-01T01:00:00.000000Z");
    times.add(message.getString("createdAt"));
    times.add(message.getString("updatedAt"));
    message.getJsonArray("timeline").forEach(e -> times.add(((JsonObject) e).getString("at")));

    assertThat(times).hasSizeGreaterThanOrEqualTo(6).allSatisfy(t -> assertThat(t).matches(SHAPE));
  }
}
