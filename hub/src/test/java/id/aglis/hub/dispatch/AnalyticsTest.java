package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** WhatsApp analytics checked against a known set of messages with known timestamps. */
@ExtendWith(VertxExtension.class)
class AnalyticsTest {

  private static final String TOKEN = "bearer-token-for-analytics-tests-01";
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-20T09:00:00+07:00");
  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("analytics");
    env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    hub = TestHub.start(env);
    // Device A, template "tagihan": delivered after 2, 4 and 6 s, read 10 and 20 s after delivery; one failed.
    insert("6281100000001", "tagihan", "read", T0, 2, 10);
    insert("6281100000001", "tagihan", "read", T0, 4, 20);
    insert("6281100000001", "tagihan", "delivered", T0, 6, null);
    insert("6281100000001", "tagihan", "failed", null, null, null);
    // Device B, plain text: sent, never delivered.
    insert("6281100000002", null, "sent", T0, null, null);
    // Another day, outside the range asked for.
    insert("6281100000001", null, "sent", T0.minusDays(3), null, null);
  }

  private static void insert(String device, String template, String status, OffsetDateTime sentAt, Integer deliveredAfter, Integer readAfter) {
    OffsetDateTime created = sentAt == null ? T0 : sentAt.minusSeconds(1);
    OffsetDateTime delivered = deliveredAfter == null ? null : sentAt.plusSeconds(deliveredAfter);
    OffsetDateTime read = readAfter == null ? null : delivered.plusSeconds(readAfter);
    hub.node().pool().preparedQuery("insert into wa_messages (id, recipient, body, template, priority, status, device, created_at, "
            + "sent_at, delivered_at, read_at) values ($1, '6281234567890', 'x', $2, 2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), template, status, device, created, sentAt, delivered, read})).await();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject report(Vertx vertx, String query) {
    Browser api = hub.browser(vertx).withBearer(TOKEN);
    return api.get("/api/v1/analytics/whatsapp?" + query).bodyAsJsonObject();
  }

  @Test
  @DisplayName("counts, rates, latency percentiles, template use and quota units per device")
  void byDevice(Vertx vertx) {
    JsonObject report = report(vertx, "from=2026-11-20&to=2026-11-21&groupBy=device");
    JsonArray groups = report.getJsonArray("groups");
    assertThat(groups).hasSize(2);
    JsonObject a = groups.getJsonObject(0);
    assertThat(a.getString("key")).isEqualTo("6281100000001");
    assertThat(a.getLong("total")).isEqualTo(4);
    assertThat(a.getLong("sent")).isEqualTo(3);
    assertThat(a.getLong("delivered")).isEqualTo(3);
    assertThat(a.getLong("read")).isEqualTo(2);
    assertThat(a.getLong("failed")).isEqualTo(1);
    assertThat(a.getDouble("deliveryRate")).isEqualTo(1.0);
    assertThat(a.getDouble("readRate")).isEqualTo(0.667);
    assertThat(a.getDouble("failureRate")).isEqualTo(0.25);
    JsonObject latency = a.getJsonObject("latencyMs");
    assertThat(latency.getLong("sentToDeliveredP50")).isEqualTo(4_000);
    assertThat(latency.getLong("sentToDeliveredP95")).isEqualTo(5_800);
    assertThat(latency.getLong("deliveredToReadP50")).isEqualTo(15_000);
    assertThat(latency.getLong("deliveredToReadP95")).isEqualTo(19_500);
    JsonObject b = groups.getJsonObject(1);
    assertThat(b.getLong("sent")).isEqualTo(1);
    assertThat(b.getDouble("deliveryRate")).isEqualTo(0.0);
    assertThat(b.getValue("readRate")).isNull();
    assertThat(report.getJsonArray("templates")).containsExactly(new JsonObject().put("template", "tagihan").put("uses", 4L));
    assertThat(report.getJsonArray("quota")).containsExactly(
        new JsonObject().put("device", "6281100000001").put("day", "2026-11-20").put("units", 3L),
        new JsonObject().put("device", "6281100000002").put("day", "2026-11-20").put("units", 1L));
  }

  @Test
  @DisplayName("by day and by template; bad parameters are a 400 naming them")
  void otherGroupingsAndBadInput(Vertx vertx) {
    JsonArray days = report(vertx, "from=2026-11-15&to=2026-11-21&groupBy=day").getJsonArray("groups");
    assertThat(days.stream().map(g -> ((JsonObject) g).getString("key")).toList()).containsExactly("2026-11-17", "2026-11-20");
    JsonArray templates = report(vertx, "from=2026-11-20&to=2026-11-21&groupBy=template").getJsonArray("groups");
    assertThat(templates.stream().map(g -> ((JsonObject) g).getString("key")).toList()).containsExactly("(text)", "tagihan");
    Browser api = hub.browser(vertx).withBearer(TOKEN);
    assertThat(api.get("/api/v1/analytics/whatsapp?groupBy=week").bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("groupBy");
    assertThat(api.get("/api/v1/analytics/whatsapp?from=yesterday").statusCode()).isEqualTo(400);
    assertThat(api.get("/api/v1/analytics/whatsapp?from=2026-11-21&to=2026-11-20").statusCode()).isEqualTo(400);
    assertThat(hub.browser(vertx).get("/api/v1/analytics/whatsapp").statusCode()).isEqualTo(401);
  }
}
