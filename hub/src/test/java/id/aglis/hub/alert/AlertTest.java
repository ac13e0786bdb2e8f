package id.aglis.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.AlertChanges;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alert rules, evaluation and what staff do with alerts, on one node with fast rounds: a rule that fires pages the
 * on-call role on WhatsApp and tells the console; pending turns firing only after {@code for}, and a blip shorter
 * than that never fires; acknowledging and resolving, and the clear 4xx for what makes no sense.
 */
@ExtendWith(VertxExtension.class)
class AlertTest {

  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("alerts");
    env.put("HUB_ALERT_EVALUATE_MILLIS", "200");
    env.put("HUB_ALERT_SAMPLE_SECONDS", "1");
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject rule(String name, String metric, String comparator, double threshold, int forSeconds) {
    return new JsonObject().put("name", name).put("metric", metric).put("function", "last").put("comparator", comparator)
        .put("threshold", threshold).put("forSeconds", forSeconds).put("severity", "critical").put("summary", "{{value}} soket terbuka")
        .put("targets", new JsonObject().put("roles", new JsonArray().add("noc")).put("channels", new JsonArray().add("whatsapp").add("dashboard")));
  }

  private static JsonObject awaitChange(BridgeSocket socket, int mark, String key, Predicate<JsonObject> which) throws InterruptedException {
    return AlertChanges.await(socket, mark, key, which, 15_000);
  }

  @Test
  @DisplayName("a rule whose condition holds fires at once, pages the noc role on WhatsApp, shows on ui.alerts; ack then resolve")
  void firesPagesAcknowledgesResolves(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", "piket.noc").put("name", "Piket NOC").put("role", "noc")
        .put("phone", "081299990001").put("password", "rahasia-noc-123")).statusCode()).isEqualTo(201);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.alerts")).isTrue();
      int mark = socket.mark();
      JsonObject created = admin.post("/api/v1/alerts/rules", rule("Soket terbuka", "aglis_live_sockets", ">=", 1, 0)).bodyAsJsonObject();
      assertThat(created.getString("key")).isEqualTo("soket-terbuka");
      // Frames carry each alert's latest change: its state tells where it is ('notified' may overtake 'firing').
      JsonObject firing = awaitChange(socket, mark, "soket-terbuka", c -> "firing".equals(c.getString("state")));
      assertThat(firing.getString("summary")).isEqualTo("1 soket terbuka");
      long id = firing.getLong("id");
      awaitChange(socket, mark, "soket-terbuka", c -> "notified".equals(c.getString("change")));

      JsonObject alert = admin.get("/api/v1/alerts/" + id).bodyAsJsonObject();
      JsonObject notified = alert.getJsonArray("timeline").stream().map(JsonObject.class::cast)
          .filter(e -> "notified".equals(e.getString("kind"))).findFirst().orElseThrow();
      JsonArray pages = notified.getJsonObject("detail").getJsonArray("pages");
      assertThat(pages.stream().map(JsonObject.class::cast).map(p -> p.getString("staff"))).contains("piket.noc");
      String messageId = pages.stream().map(JsonObject.class::cast).filter(p -> "piket.noc".equals(p.getString("staff")))
          .findFirst().orElseThrow().getString("messageId");
      JsonObject page = admin.get("/api/v1/messages/" + messageId).bodyAsJsonObject();
      assertThat(page.getString("to")).isEqualTo("6281299990001");
      assertThat(page.getString("priority")).isEqualTo("urgent");
      assertThat(page.getString("text")).contains("KRITIS").contains("Soket terbuka").contains("ACK " + alert.getString("code"));

      assertThat(admin.post("/api/v1/alerts/" + id + "/ack", new JsonObject().put("comment", "Saya cek")).statusCode()).isEqualTo(200);
      JsonObject again = admin.post("/api/v1/alerts/" + id + "/ack", new JsonObject()).bodyAsJsonObject();
      assertThat(again.getJsonObject("error").getString("code")).isEqualTo("already_acknowledged");
      assertThat(admin.post("/api/v1/alerts/" + id + "/resolve", new JsonObject()).statusCode()).isEqualTo(200);
      var closed = admin.post("/api/v1/alerts/" + id + "/ack", new JsonObject());
      assertThat(closed.statusCode()).isEqualTo(409);
      assertThat(closed.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("alert_closed");
      assertThat(admin.put("/api/v1/alerts/rules/" + created.getLong("id"), new JsonObject().put("enabled", false)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("pending turns firing only after 'for'; a blip shorter than 'for' goes inactive and never pages")
  void pendingFiringAndBlips(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    try (BridgeSocket watcher = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(watcher.tryRegister("ui.alerts")).isTrue();
      // The watcher is one socket; a rule on two or more fires while a second socket is open.
      JsonObject created = admin.post("/api/v1/alerts/rules", rule("Dua soket", "aglis_live_sockets", ">=", 2, 4)).bodyAsJsonObject();
      int mark = watcher.mark();
      try (BridgeSocket blip = BridgeSocket.open(vertx, hub.port(), admin)) {
        assertThat(blip.tryRegister("ui.wa")).isTrue();
        awaitChange(watcher, mark, "dua-soket", c -> "pending".equals(c.getString("state")));
      }
      JsonObject inactive = awaitChange(watcher, mark, "dua-soket", c -> "inactive".equals(c.getString("state")));
      assertThat(inactive.getString("firedAt")).isNull();

      mark = watcher.mark();
      try (BridgeSocket held = BridgeSocket.open(vertx, hub.port(), admin)) {
        assertThat(held.tryRegister("ui.wa")).isTrue();
        JsonObject pending = awaitChange(watcher, mark, "dua-soket", c -> "pending".equals(c.getString("state")));
        JsonObject firing = awaitChange(watcher, mark, "dua-soket", c -> "firing".equals(c.getString("state")));
        assertThat(firing.getLong("id")).isEqualTo(pending.getLong("id"));
        long heldFor = java.time.Duration.between(OffsetDateTime.parse(firing.getString("startedAt")),
            OffsetDateTime.parse(firing.getString("firedAt"))).toMillis();
        assertThat(heldFor).isGreaterThanOrEqualTo(4_000);
      }
      awaitChange(watcher, mark, "dua-soket", c -> "resolved".equals(c.getString("state")));
      JsonArray history = admin.get("/api/v1/alerts?rule=dua-soket").bodyAsJsonObject().getJsonArray("items");
      assertThat(history.stream().map(JsonObject.class::cast).map(a -> a.getString("state"))).containsExactly("resolved", "inactive");
      assertThat(history.getJsonObject(1).getInteger("notifications")).isZero();
      admin.delete("/api/v1/alerts/rules/" + created.getLong("id"));
    }
  }

  @Test
  @DisplayName("what fires together for one rule is one page per person; keepFiringFor holds an alert through a dip; analytics count them")
  void groupingKeepFiringAndAnalytics(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    admin.post("/api/v1/staff", new JsonObject().put("username", "grup.noc").put("name", "Grup NOC").put("role", "noc")
        .put("phone", "081299990002").put("password", "rahasia-noc-123"));
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.alerts")).isTrue();
      int mark = socket.mark();
      // Four priorities, each its own group, all true at once: four alerts, one page.
      JsonObject grouped = admin.post("/api/v1/alerts/rules", rule("Per prioritas", "aglis_wa_queue_depth", ">=", 0, 0)
          .put("groupBy", new JsonArray().add("priority")).put("acrossNodes", "max").put("summary", "Antrean {{priority}}: {{value}}")
          .put("targets", new JsonObject().put("staff", new JsonArray().add("grup.noc")).put("channels", new JsonArray().add("whatsapp"))))
          .bodyAsJsonObject();
      java.util.Set<String> messages = new java.util.HashSet<>();
      for (String priority : java.util.List.of("urgent", "high", "normal", "low")) {
        JsonObject paged = awaitChange(socket, mark, "per-prioritas", c -> "notified".equals(c.getString("change"))
            && priority.equals(c.getJsonObject("labels").getString("priority")));
        JsonObject notified = admin.get("/api/v1/alerts/" + paged.getLong("id")).bodyAsJsonObject().getJsonArray("timeline").stream()
            .map(JsonObject.class::cast).filter(e -> "notified".equals(e.getString("kind"))).findFirst().orElseThrow();
        notified.getJsonObject("detail").getJsonArray("pages").stream().map(JsonObject.class::cast)
            .filter(p -> "grup.noc".equals(p.getString("staff"))).forEach(p -> messages.add(p.getString("messageId")));
      }
      assertThat(messages).hasSize(1);
      String text = admin.get("/api/v1/messages/" + messages.iterator().next()).bodyAsJsonObject().getString("text");
      assertThat(text).contains("Antrean urgent: 0").contains("Antrean high: 0").contains("Antrean normal: 0").contains("Antrean low: 0");
      admin.put("/api/v1/alerts/rules/" + grouped.getLong("id"), new JsonObject().put("enabled", false));

      // Two sockets or more, held for 3 s after the second one goes.
      admin.post("/api/v1/alerts/rules", rule("Soket bertahan", "aglis_live_sockets", ">=", 2, 0).put("keepFiringForSeconds", 3)
          .put("summary", "{{value}} soket"));
      mark = socket.mark();
      long closedAt;
      try (BridgeSocket second = BridgeSocket.open(vertx, hub.port(), admin)) {
        assertThat(second.tryRegister("ui.wa")).isTrue();
        awaitChange(socket, mark, "soket-bertahan", c -> "firing".equals(c.getString("state")));
        closedAt = System.currentTimeMillis();
      }
      JsonObject resolved = awaitChange(socket, mark, "soket-bertahan", c -> "resolved".equals(c.getString("state")));
      long heldFor = OffsetDateTime.parse(resolved.getString("resolvedAt")).toInstant().toEpochMilli() - closedAt;
      // Held from the last round that saw two sockets, which began up to a round (and its run) before the close.
      assertThat(heldFor).isGreaterThanOrEqualTo(2_500);
    }
    JsonObject analytics = admin.get("/api/v1/alerts/analytics").bodyAsJsonObject();
    JsonObject byGroup = analytics.getJsonArray("rules").stream().map(JsonObject.class::cast)
        .filter(r -> "per-prioritas".equals(r.getString("rule"))).findFirst().orElseThrow();
    assertThat(byGroup.getLong("fired")).isEqualTo(4);
    assertThat(analytics.getLong("fired")).isGreaterThanOrEqualTo(5);
  }

  @Test
  @DisplayName("a rule whose metric no node has shows nodata, pages nobody, and resolves when the metric is back")
  void noDataWhenTheMetricIsGone(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.alerts")).isTrue();
      long id = admin.post("/api/v1/alerts/rules", rule("Metrik hilang", "aglis_live_sockets", ">", 1000, 0)).bodyAsJsonObject().getLong("id");
      int mark = socket.mark();
      // The metric renamed under the rule, as a meter an upgrade removed would leave it.
      String rename = "update alert_rules set definition = jsonb_set(definition, '{metric}', to_jsonb($2::text)) where id = $1";
      hub.node().pool().preparedQuery(rename).execute(io.vertx.sqlclient.Tuple.of(id, "aglis_hilang")).await();
      JsonObject nodata = awaitChange(socket, mark, "metrik-hilang", c -> "nodata".equals(c.getString("state")));
      assertThat(nodata.getString("summary")).contains("aglis_hilang");
      hub.node().pool().preparedQuery(rename).execute(io.vertx.sqlclient.Tuple.of(id, "aglis_live_sockets")).await();
      awaitChange(socket, mark, "metrik-hilang", c -> "resolved".equals(c.getString("state")) && c.getLong("id").equals(nodata.getLong("id")));
      assertThat(admin.get("/api/v1/alerts/" + nodata.getLong("id")).bodyAsJsonObject().getInteger("notifications")).isZero();
      admin.delete("/api/v1/alerts/rules/" + id);
    }
  }

  @Test
  @DisplayName("bad rules, silences and actions get a 400/404/409 in the JSON shape naming the field")
  void badInput(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    JsonObject good = rule("Contoh", "aglis_live_sockets", ">", 5, 0);
    assertField(admin.post("/api/v1/alerts/rules", good.copy().put("metric", "tidak_ada")), 400, "metric");
    assertField(admin.post("/api/v1/alerts/rules", good.copy().put("comparator", "=>")), 400, "comparator");
    assertField(admin.post("/api/v1/alerts/rules", good.copy().put("forSeconds", -1)), 400, "forSeconds");
    assertField(admin.post("/api/v1/alerts/rules", good.copy().put("function", "avg")), 400, "windowSeconds");
    assertField(admin.post("/api/v1/alerts/rules", good.copy().put("targets", new JsonObject().put("roles", new JsonArray().add("boss")))), 400,
        "targets.roles");
    assertField(admin.post("/api/v1/alerts/rules", good.copy().put("targets", new JsonObject().put("staff", new JsonArray().add("nobody.here")))),
        400, "targets.staff");
    assertField(admin.post("/api/v1/alerts/rules/preview", good), 200, null);
    JsonObject silence = new JsonObject().put("matchers", new JsonArray().add(new JsonObject().put("label", "alertname").put("value", "x")))
        .put("startsAt", "2026-12-10T10:00:00+07:00").put("endsAt", "2026-12-10T09:00:00+07:00").put("comment", "maintenance");
    assertField(admin.post("/api/v1/alerts/silences", silence), 400, "endsAt");
    assertField(admin.post("/api/v1/alerts/silences", silence.copy().put("matchers", new JsonArray())), 400, "matchers");
    assertThat(admin.post("/api/v1/alerts/999999/ack", new JsonObject()).statusCode()).isEqualTo(404);
    assertField(admin.get("/api/v1/alerts?state=burning"), 400, "state");
    Browser cs = hub.staff(vertx, "alerts", "cs");
    assertThat(cs.post("/api/v1/alerts/rules", good).statusCode()).isEqualTo(403);
    assertThat(cs.get("/api/v1/alerts").statusCode()).isEqualTo(200);
  }

  private static void assertField(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    if (field != null) {
      assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo(field);
    }
  }
}
