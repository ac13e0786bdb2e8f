package id.aglis.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.testing.AlertChanges;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.MovableClock;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerts that page people for real, against the dispatcher and a fake Fonnte: a device that Fonnte reports
 * disconnected fires the built-in rule and the page goes out on the other device; "ACK &lt;code&gt;" from the
 * paged phone acknowledges it (and an unknown code or phone gets a short answer); escalation and repeats as the
 * hub's clock moves on; silences and inhibition keep pages back.
 */
@ExtendWith(VertxExtension.class)
class AlertPagingTest {

  private static final String DOWN = "6281100000101";
  private static final String UP = "6281100000102";
  private static final String TOKEN = "bearer-token-for-alert-tests-01234";
  private static final String SECRET = "webhook-secret-for-alert-tests-0123";
  private static final String NOC_PHONE = "6281299990011";
  private static final String SPV_PHONE = "6281299990012";

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static MovableClock clock;
  private static TestHub hub;
  private static final LinkedBlockingQueue<FakeFonnte.Received> RECEIVED = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DOWN, "token-down").device(UP, "token-up").onReceived(RECEIVED::add);
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("alertpaging", fonnte.baseUrl(), TOKEN, Map.of(DOWN, "token-down", UP, "token-up"));
    env.put("HUB_WEBHOOK_SECRET", SECRET);
    env.put("HUB_ALERT_EVALUATE_MILLIS", "200");
    env.put("HUB_ALERT_SAMPLE_SECONDS", "1");
    clock = new MovableClock(Instant.now());
    hub = TestHub.start(env, clock);
  }

  @AfterAll
  static void stop() {
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private static Browser api(Vertx vertx) {
    return hub.browser(vertx).withBearer(TOKEN);
  }

  private static void staff(Browser api, String username, String role, String phone) {
    int status = api.post("/api/v1/staff", new JsonObject().put("username", username).put("name", "Staf " + username).put("role", role)
        .put("phone", phone).put("password", "rahasia-" + role + "-123")).statusCode();
    assertThat(status).isIn(201, 409);
  }

  /** The next WhatsApp message the fake Fonnte receives for {@code target} whose text {@code which} accepts. */
  private static FakeFonnte.Received awaitSent(String target, Predicate<String> which) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      FakeFonnte.Received r = RECEIVED.poll(200, TimeUnit.MILLISECONDS);
      if (r != null && r.target().startsWith(target) && which.test(r.message())) {
        return r;
      }
    }
    throw new AssertionError("no message to " + target + " within 20 s");
  }

  private static JsonObject awaitChange(BridgeSocket socket, int mark, String key, Predicate<JsonObject> which) throws InterruptedException {
    return AlertChanges.await(socket, mark, key, which, 20_000);
  }

  private static void incoming(Vertx vertx, String from, String text) {
    assertThat(hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/incoming", new JsonObject().put("device", UP).put("sender", from)
        .put("message", text).put("timestamp", Instant.now().getEpochSecond())).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Fonnte says a device is disconnected: 'device down' fires, the noc is paged on the other device, and ACK <code> acknowledges")
  void deviceDownPagesAndAckByWhatsApp(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    staff(api, "jaga.noc", "noc", "0812-9999-0011");
    Browser admin = hub.admin(vertx);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.alerts")).isTrue();
      int mark = socket.mark();
      fonnte.replyForTarget("6281277770001", Reply.reject("request invalid on disconnected device"));
      assertThat(api.post("/api/v1/messages", new JsonObject().put("to", "081277770001").put("text", "Tagihan Desember").put("device", DOWN))
          .statusCode()).isIn(201, 202);

      JsonObject firing = awaitChange(socket, mark, "wa-device-down",
          c -> "firing".equals(c.getString("state")) && DOWN.equals(c.getJsonObject("labels").getString("device")));
      String code = firing.getString("code");
      FakeFonnte.Received page = awaitSent(NOC_PHONE, text -> text.contains("ACK " + code));
      assertThat(page.device()).isEqualTo(UP);
      assertThat(page.message()).contains("KRITIS").contains("Perangkat " + DOWN + " tidak dapat mengirim");

      incoming(vertx, NOC_PHONE, "ACK ZZZZZ");
      assertThat(awaitSent(NOC_PHONE, text -> text.contains("ZZZZZ")).message()).contains("tidak dikenal");
      incoming(vertx, "6281233334444", "ack " + code);
      assertThat(awaitSent("6281233334444", text -> text.contains("ACK")).message()).contains("tidak terdaftar sebagai petugas");

      incoming(vertx, NOC_PHONE, "ack " + code.toLowerCase());
      JsonObject acked = awaitChange(socket, mark, "wa-device-down", c -> c.getLong("id").equals(firing.getLong("id")) && c.getString("ackedBy") != null);
      assertThat(acked.getString("ackedBy")).isEqualTo("jaga.noc");
      assertThat(awaitSent(NOC_PHONE, text -> text.contains("Terima kasih")).message()).contains(code);
      JsonArray timeline = admin.get("/api/v1/alerts/" + firing.getLong("id")).bodyAsJsonObject().getJsonArray("timeline");
      JsonObject ack = timeline.stream().map(JsonObject.class::cast).filter(e -> "acknowledged".equals(e.getString("kind"))).findFirst().orElseThrow();
      assertThat(ack.getJsonObject("detail").getString("via")).isEqualTo("whatsapp");
    }
  }

  @Test
  @DisplayName("unacknowledged: escalated to the supervisor after its minutes, then paged again after the repeat interval")
  void escalatesThenRepeats(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    staff(api, "jaga.noc", "noc", "0812-9999-0011");
    staff(api, "jaga.spv", "supervisor", "0812-9999-0012");
    Browser admin = hub.admin(vertx);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.alerts")).isTrue();
      int mark = socket.mark();
      JsonObject rule = api.post("/api/v1/alerts/rules", new JsonObject().put("name", "Soket jaga").put("metric", "aglis_live_sockets")
          .put("function", "last").put("comparator", ">=").put("threshold", 1).put("severity", "warning").put("repeatMinutes", 10)
          .put("targets", new JsonObject().put("staff", new JsonArray().add("jaga.noc")).put("channels", new JsonArray().add("whatsapp")))
          .put("escalation", new JsonObject().put("afterMinutes", 5).put("staff", new JsonArray().add("jaga.spv")))).bodyAsJsonObject();
      JsonObject notified = awaitChange(socket, mark, "soket-jaga", c -> "notified".equals(c.getString("change")));
      String code = notified.getString("code");
      awaitSent(NOC_PHONE, text -> text.contains("ACK " + code));

      mark = socket.mark();
      clock.advance(Duration.ofMinutes(6));
      awaitChange(socket, mark, "soket-jaga", c -> "escalated".equals(c.getString("change")));
      assertThat(awaitSent(SPV_PHONE, text -> text.contains("ACK " + code)).message()).contains("Eskalasi");

      mark = socket.mark();
      clock.advance(Duration.ofMinutes(11));
      awaitChange(socket, mark, "soket-jaga", c -> "notified".equals(c.getString("change")));
      assertThat(awaitSent(NOC_PHONE, text -> text.contains("ACK " + code)).message()).contains("Masih terjadi");

      List<String> kinds = admin.get("/api/v1/alerts/" + notified.getLong("id")).bodyAsJsonObject().getJsonArray("timeline").stream()
          .map(JsonObject.class::cast).map(e -> e.getString("kind")).toList();
      assertThat(kinds).containsSubsequence("firing", "notified", "escalated", "notified");
      api.delete("/api/v1/alerts/rules/" + rule.getLong("id"));
    }
  }

  @Test
  @DisplayName("a silenced alert and an inhibited one are recorded and shown, and page nobody")
  void silencesAndInhibition(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    staff(api, "jaga.noc", "noc", "0812-9999-0011");
    Browser admin = hub.admin(vertx);
    JsonObject silence = api.post("/api/v1/alerts/silences", new JsonObject()
        .put("matchers", new JsonArray().add(new JsonObject().put("label", "alertname").put("op", "=").put("value", "sumber")))
        .put("endsAt", clock.instant().plus(Duration.ofHours(2)).atOffset(java.time.ZoneOffset.ofHours(7)).toString())
        .put("comment", "Pemeliharaan terjadwal")).bodyAsJsonObject();
    assertThat(silence.getBoolean("active")).isTrue();
    JsonObject pageNoc = new JsonObject().put("staff", new JsonArray().add("jaga.noc")).put("channels", new JsonArray().add("whatsapp"));
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.alerts")).isTrue();
      int mark = socket.mark();
      JsonObject source = api.post("/api/v1/alerts/rules", new JsonObject().put("key", "sumber").put("name", "Sumber")
          .put("metric", "aglis_live_sockets").put("function", "last").put("comparator", ">=").put("threshold", 1).put("targets", pageNoc)
          .put("inhibits", new JsonObject().put("rules", new JsonArray().add("turunan")))).bodyAsJsonObject();
      JsonObject derived = api.post("/api/v1/alerts/rules", new JsonObject().put("key", "turunan").put("name", "Turunan")
          .put("metric", "aglis_live_sockets").put("function", "last").put("comparator", ">=").put("threshold", 1).put("targets", pageNoc))
          .bodyAsJsonObject();
      JsonObject silenced = awaitChange(socket, mark, "sumber", c -> "firing".equals(c.getString("state")) && c.getBoolean("silenced"));
      JsonObject inhibited = awaitChange(socket, mark, "turunan", c -> "firing".equals(c.getString("state")) && c.getBoolean("inhibited"));
      JsonObject silencedNow = admin.get("/api/v1/alerts/" + silenced.getLong("id")).bodyAsJsonObject();
      JsonObject inhibitedNow = admin.get("/api/v1/alerts/" + inhibited.getLong("id")).bodyAsJsonObject();
      assertThat(silencedNow.getLong("silencedBy")).isEqualTo(silence.getLong("id"));
      assertThat(silencedNow.getInteger("notifications")).isZero();
      assertThat(inhibitedNow.getLong("inhibitedBy")).isEqualTo(silenced.getLong("id"));
      assertThat(inhibitedNow.getInteger("notifications")).isZero();
      api.delete("/api/v1/alerts/rules/" + source.getLong("id"));
      api.delete("/api/v1/alerts/rules/" + derived.getLong("id"));
      api.delete("/api/v1/alerts/silences/" + silence.getLong("id"));
    }
  }
}
