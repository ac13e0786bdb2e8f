package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.BusEvents;
import id.aglis.hub.testing.StatusWatcher;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the staff console's WhatsApp area asks of the API: bulk requeue and cancel answered per id, the recent batches
 * with their progress, message search by every filter, template updates, and incoming messages on {@code ui.wa}.
 */
@ExtendWith(VertxExtension.class)
class ConsoleApiTest {

  private static final String DEVICE = "6281100000001";
  private static final String TOKEN = "bearer-token-for-console-tests-01234";
  private static final String SECRET = "webhook-secret-for-console-tests-0123";
  private static final AtomicInteger RECIPIENTS = new AtomicInteger();

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;
  private static StatusWatcher watcher;
  private static BusEvents inboxEvents;

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-a");
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("console", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-a"));
    env.put("HUB_WEBHOOK_SECRET", SECRET);
    hub = TestHub.start(env);
    watcher = new StatusWatcher(hub.vertx());
    inboxEvents = new BusEvents(hub.vertx(), Addresses.WEBHOOK_MESSAGE_RECEIVED);
  }

  @AfterAll
  static void stop() {
    watcher.close();
    inboxEvents.close();
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private static Browser api(Vertx vertx) {
    return hub.browser(vertx).withBearer(TOKEN);
  }

  private static String recipient() {
    return "62857" + String.format("%08d", 30_000_000 + RECIPIENTS.incrementAndGet());
  }

  private static String send(Browser api, JsonObject message) {
    HttpResponse<Buffer> response = api.post("/api/v1/messages", message);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response.bodyAsJsonObject().getString("id");
  }

  private static Browser staff(Vertx vertx, String role) {
    return hub.staff(vertx, "console", role);
  }

  private static JsonObject byId(JsonArray results, String id) {
    return results.stream().map(JsonObject.class::cast).filter(r -> id.equals(r.getString("id"))).findFirst().orElseThrow();
  }

  private static void assertInvalid(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("invalid_field");
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("field")).isEqualTo(field);
  }

  @Test
  @DisplayName("bulk requeue and cancel answer each id in order: moved, refused by its status, or not found; a repeat once")
  void bulkRequeueAndCancel(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String rejected = recipient();
    fonnte.replyForTarget(rejected, Reply.reject("target invalid"));
    String failedId = send(api, new JsonObject().put("to", rejected).put("text", "Tagihan Desember sudah terbit."));
    String sentId = send(api, new JsonObject().put("to", recipient()).put("text", "Pembayaran diterima."));
    assertThat(watcher.await(failedId, Set.of("failed", "sent"), 10_000)).isEqualTo("failed");
    assertThat(watcher.await(sentId, Set.of("sent", "failed"), 10_000)).isEqualTo("sent");

    assertThat(api.post("/api/v1/wa/devices/" + DEVICE + "/pause", null).statusCode()).isEqualTo(200);
    try {
      String queuedId = send(api, new JsonObject().put("to", recipient()).put("text", "Promo akhir tahun").put("priority", "low"));
      String missing = UUID.randomUUID().toString();
      // The console's queue view: the total by priority, split into the shared queue and each device's pinned one.
      JsonObject snapshot = api.get("/api/v1/live/snapshot?streams=ui.wa").bodyAsJsonObject().getJsonObject("streams")
          .getJsonObject("ui.wa").getJsonObject("data");
      assertThat(snapshot.getJsonObject("queue").getLong("low")).isGreaterThanOrEqualTo(1);
      assertThat(snapshot.getJsonObject("queueByDevice").fieldNames()).containsExactlyInAnyOrder("shared", DEVICE);
      assertThat(snapshot.getJsonObject("queueByDevice").getJsonObject("shared").getLong("low"))
          .isEqualTo(snapshot.getJsonObject("queue").getLong("low"));

      HttpResponse<Buffer> requeued = staff(vertx, "cs").post("/api/v1/messages/requeue",
          new JsonObject().put("ids", new JsonArray().add(failedId).add(queuedId).add(sentId).add(missing).add(failedId)));
      assertThat(requeued.statusCode()).as(requeued.bodyAsString()).isEqualTo(200);
      JsonArray results = requeued.bodyAsJsonObject().getJsonArray("results");
      assertThat(results.stream().map(r -> ((JsonObject) r).getString("id")).toList())
          .containsExactly(failedId, queuedId, sentId, missing);
      assertThat(byId(results, failedId)).isEqualTo(new JsonObject().put("id", failedId).put("ok", true).put("status", "queued"));
      assertThat(byId(results, queuedId).getBoolean("ok")).isFalse();
      assertThat(byId(results, queuedId).getJsonObject("error").getString("code")).isEqualTo("invalid_state");
      assertThat(byId(results, sentId).getJsonObject("error").getString("code")).isEqualTo("invalid_state");
      assertThat(byId(results, missing).getJsonObject("error").getString("code")).isEqualTo("not_found");
      // Announced like any other change, so the console's feed shows it.
      watcher.awaitTimes(failedId, "queued", 2, 10_000);

      HttpResponse<Buffer> cancelled = api.post("/api/v1/messages/cancel",
          new JsonObject().put("ids", new JsonArray().add(queuedId).add(failedId).add(sentId)));
      assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
      results = cancelled.bodyAsJsonObject().getJsonArray("results");
      assertThat(byId(results, queuedId).getString("status")).isEqualTo("cancelled");
      assertThat(byId(results, failedId).getString("status")).isEqualTo("cancelled");
      assertThat(byId(results, sentId).getBoolean("ok")).isFalse();
      assertThat(byId(results, sentId).getJsonObject("error").getString("message")).contains("sent");
      for (String id : List.of(queuedId, failedId)) {
        JsonObject message = api.get("/api/v1/messages/" + id).bodyAsJsonObject();
        assertThat(message.getString("status")).isEqualTo("cancelled");
        assertThat(message.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")).toList()).last()
            .isEqualTo("cancelled");
      }
    } finally {
      assertThat(api.post("/api/v1/wa/devices/" + DEVICE + "/resume", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("bulk requeue and cancel: the single endpoints' roles, and bad input is a 400 naming 'ids'")
  void bulkRolesAndBadInput(Vertx vertx) {
    Browser technician = staff(vertx, "technician");
    JsonObject one = new JsonObject().put("ids", new JsonArray().add(UUID.randomUUID().toString()));
    assertThat(technician.post("/api/v1/messages/requeue", one).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> technicianCancel = technician.post("/api/v1/messages/cancel", one);
    assertThat(technicianCancel.statusCode()).as(technicianCancel.bodyAsString()).isEqualTo(200);
    assertThat(hub.browser(vertx).post("/api/v1/messages/cancel", one).statusCode()).isEqualTo(401);

    Browser api = api(vertx);
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 501; i++) {
      tooMany.add(UUID.randomUUID().toString());
    }
    List<JsonObject> bad = List.of(new JsonObject(), new JsonObject().put("ids", "x"), new JsonObject().put("ids", new JsonArray()),
        new JsonObject().put("ids", tooMany), new JsonObject().put("ids", new JsonArray().add(42)),
        new JsonObject().put("ids", new JsonArray().add(UUID.randomUUID().toString()).add("bukan-id")));
    for (String path : List.of("/api/v1/messages/requeue", "/api/v1/messages/cancel")) {
      for (JsonObject body : bad) {
        assertInvalid(api.post(path, body), "ids");
      }
      assertInvalid(api.post(path, new JsonObject().put("ids", new JsonArray().add(UUID.randomUUID().toString())).put("all", true)), "all");
      HttpResponse<Buffer> noBody = api.post(path, null);
      assertThat(noBody.statusCode()).isIn(400, 415);
      assertThat(noBody.bodyAsJsonObject().getJsonObject("error").getString("code")).isNotBlank();
    }
  }

  @Test
  @DisplayName("recent batches, newest first, paged by cursor, each with its progress, template and requester")
  void batchList(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    assertThat(api.post("/api/v1/templates", new JsonObject().put("name", "gangguan-pulih")
        .put("body", "Halo {{nama}}, gangguan di {{area}} sudah pulih.")).statusCode()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonArray recipients = new JsonArray();
      for (int r = 0; r <= i; r++) {
        recipients.add(new JsonObject().put("to", recipient()).put("params", new JsonObject().put("nama", "Siti " + r).put("area", "Sleman")));
      }
      recipients.add(new JsonObject().put("to", "12345").put("params", new JsonObject().put("nama", "x").put("area", "y")));
      HttpResponse<Buffer> created = api.post("/api/v1/messages/batch",
          new JsonObject().put("template", "gangguan-pulih").put("recipients", recipients));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(202);
      ids.add(created.bodyAsJsonObject().getString("batchId"));
    }
    watcher.awaitBatch(ids.get(2), "sent", 3, 15_000);

    HttpResponse<Buffer> first = api.get("/api/v1/batches?limit=2");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonArray page = first.bodyAsJsonObject().getJsonArray("items");
    assertThat(page.stream().map(b -> ((JsonObject) b).getString("batchId")).toList()).containsExactly(ids.get(2), ids.get(1));
    JsonObject newest = page.getJsonObject(0);
    assertThat(newest.getInteger("total")).isEqualTo(4);
    assertThat(newest.getLong("accepted")).isEqualTo(3);
    assertThat(newest.getLong("sent")).isEqualTo(3);
    assertThat(newest.getLong("queued")).isZero();
    assertThat(newest.getString("template")).isEqualTo("gangguan-pulih");
    assertThat(newest.getString("requestedBy")).startsWith("token:");
    assertThat(OffsetDateTime.parse(newest.getString("createdAt"))).isNotNull();
    assertThat(newest).isEqualTo(api.get("/api/v1/batches/" + ids.get(2)).bodyAsJsonObject());

    String cursor = first.bodyAsJsonObject().getString("nextCursor");
    assertThat(cursor).isNotNull();
    JsonArray second = api.get("/api/v1/batches?limit=2&cursor=" + cursor).bodyAsJsonObject().getJsonArray("items");
    assertThat(second.getJsonObject(0).getString("batchId")).isEqualTo(ids.get(0));

    assertInvalid(api.get("/api/v1/batches?cursor=nonsense"), "cursor");
    assertInvalid(api.get("/api/v1/batches?limit=0"), "limit");
    assertThat(hub.browser(vertx).get("/api/v1/batches").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("messages are found by phone, several statuses, batch, template and time range; bad filters are 400s naming them")
  void messageFilters(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    assertThat(api.post("/api/v1/templates", new JsonObject().put("name", "kunjungan").put("body", "Teknisi datang {{jam}}."))
        .statusCode()).isEqualTo(201);
    String to = recipient();
    fonnte.replyForTarget(to, Reply.reject("target invalid"));
    String texted = send(api, new JsonObject().put("to", to).put("text", "Halo"));
    String templated = send(api, new JsonObject().put("to", to).put("template", "kunjungan").put("params", new JsonObject().put("jam", "09.00")));
    watcher.await(texted, Set.of("failed"), 10_000);
    watcher.await(templated, Set.of("failed"), 10_000);
    fonnte.replyForTarget(to, Reply.accept());
    String sent = send(api, new JsonObject().put("to", "0" + to.substring(2)).put("text", "Tagihan terbit"));
    watcher.await(sent, Set.of("sent"), 10_000);

    assertThat(ids(api, "to=" + to)).containsExactly(sent, templated, texted);
    assertThat(ids(api, "to=%2B" + to)).containsExactly(sent, templated, texted);
    assertThat(ids(api, "to=" + to + "&status=failed")).containsExactly(templated, texted);
    assertThat(ids(api, "to=" + to + "&status=failed,dead,unknown")).containsExactly(templated, texted);
    assertThat(ids(api, "to=" + to + "&status=sent,failed")).containsExactly(sent, templated, texted);
    assertThat(ids(api, "to=" + to + "&template=kunjungan")).containsExactly(templated);
    assertThat(ids(api, "template=kunjungan&status=failed")).containsExactly(templated);
    String today = LocalDate.now(id.aglis.hub.common.Times.BUSINESS_ZONE).toString();
    String tomorrow = LocalDate.now(id.aglis.hub.common.Times.BUSINESS_ZONE).plusDays(1).toString();
    assertThat(ids(api, "to=" + to + "&since=" + today + "&until=" + tomorrow)).containsExactly(sent, templated, texted);
    assertThat(ids(api, "to=" + to + "&since=" + tomorrow)).isEmpty();
    assertThat(ids(api, "to=" + to + "&until=" + today)).isEmpty();
    String hourAgo = java.net.URLEncoder.encode(OffsetDateTime.now().minusHours(1).toString(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ids(api, "to=" + to + "&since=" + hourAgo)).containsExactly(sent, templated, texted);
    JsonArray paged = api.get("/api/v1/messages?to=" + to + "&limit=2").bodyAsJsonObject().getJsonArray("items");
    assertThat(paged).hasSize(2);

    assertInvalid(api.get("/api/v1/messages?status=lost"), "status");
    assertInvalid(api.get("/api/v1/messages?status=failed,"), "status");
    assertInvalid(api.get("/api/v1/messages?to=123"), "to");
    assertInvalid(api.get("/api/v1/messages?batchId=abc"), "batchId");
    assertInvalid(api.get("/api/v1/messages?template=" + "t".repeat(65)), "template");
    assertInvalid(api.get("/api/v1/messages?since=kemarin"), "since");
    assertInvalid(api.get("/api/v1/messages?until=2026-13-01"), "until");
    assertInvalid(api.get("/api/v1/messages?since=" + tomorrow + "&until=" + today), "since");
    assertInvalid(api.get("/api/v1/messages?since=1900-01-01"), "since");
  }

  private static List<String> ids(Browser api, String query) {
    HttpResponse<Buffer> response = api.get("/api/v1/messages?" + query);
    assertThat(response.statusCode()).as(query + ": " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  @Test
  @DisplayName("a template's body is updated by name (its placeholders follow) and later messages use it; only editors may")
  void templateUpdate(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    assertThat(api.post("/api/v1/templates", new JsonObject().put("name", "jatuh-tempo").put("body", "Tagihan {{bulan}} jatuh tempo."))
        .statusCode()).isEqualTo(201);
    HttpResponse<Buffer> updated = staff(vertx, "supervisor").put("/api/v1/templates/jatuh-tempo",
        new JsonObject().put("body", "Halo {{nama}}, tagihan {{bulan}} Rp {{jumlah}} jatuh tempo."));
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getJsonArray("placeholders")).containsExactly("nama", "bulan", "jumlah");
    JsonObject read = api.get("/api/v1/templates/jatuh-tempo").bodyAsJsonObject();
    assertThat(read.getString("body")).startsWith("Halo {{nama}}");
    assertThat(OffsetDateTime.parse(read.getString("updatedAt"))).isAfterOrEqualTo(OffsetDateTime.parse(read.getString("createdAt")));

    String to = recipient();
    String id = send(api, new JsonObject().put("to", to).put("template", "jatuh-tempo")
        .put("params", new JsonObject().put("nama", "Budi").put("bulan", "Desember").put("jumlah", "350.000")));
    watcher.await(id, Set.of("sent"), 10_000);
    assertThat(fonnte.received().stream().filter(r -> r.target().equals(to)).map(FakeFonnte.Received::message).toList())
        .containsExactly("Halo Budi, tagihan Desember Rp 350.000 jatuh tempo.");

    assertThat(staff(vertx, "cs").put("/api/v1/templates/jatuh-tempo", new JsonObject().put("body", "x")).statusCode()).isEqualTo(403);
    assertThat(api.put("/api/v1/templates/tidak-ada", new JsonObject().put("body", "x")).statusCode()).isEqualTo(404);
    assertInvalid(api.put("/api/v1/templates/jatuh-tempo", new JsonObject().put("body", "")), "body");
    assertInvalid(api.put("/api/v1/templates/jatuh-tempo", new JsonObject().put("body", "x").put("bahasa", "id")), "bahasa");
  }

  @Test
  @DisplayName("an incoming message reaches ui.wa sockets as an inbox item, linked to its customer")
  void inboxOnTheStream(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    String sender = recipient();
    assertThat(admin.post("/api/v1/customers", new JsonObject().put("name", "Rina Wulandari").put("phone", sender)).statusCode())
        .isEqualTo(201);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.wa")).isTrue();
      int mark = socket.mark();
      int events = inboxEvents.mark();
      HttpResponse<Buffer> hook = hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/incoming", new JsonObject()
          .put("device", DEVICE).put("sender", sender).put("message", "Internet saya mati sejak pagi").put("name", "Rina")
          .put("timestamp", 1736700000));
      assertThat(hook.statusCode()).isEqualTo(200);
      long entryId = inboxEvents.await(events, e -> sender.equals(e.getString("from")), 10_000).getLong("id");

      JsonObject frame = socket.awaitOn(mark, "ui.wa", body -> body.getJsonObject("data").getJsonArray("inbox", new JsonArray())
          .stream().anyMatch(e -> sender.equals(((JsonObject) e).getString("from"))), 10_000);
      JsonObject item = frame.getJsonObject("data").getJsonArray("inbox").stream().map(JsonObject.class::cast)
          .filter(e -> sender.equals(e.getString("from"))).findFirst().orElseThrow();
      assertThat(item.getString("kind")).isEqualTo("inbox");
      assertThat(item.getLong("id")).isEqualTo(entryId);
      assertThat(item.getString("text")).isEqualTo("Internet saya mati sejak pagi");
      assertThat(item.getString("device")).isEqualTo(DEVICE);
      assertThat(item.getJsonObject("customer").getString("name")).isEqualTo("Rina Wulandari");
      assertThat(OffsetDateTime.parse(item.getString("at"))).isNotNull();
      // The inbox entry is no message status: the day's totals and the status feed are untouched by it.
      assertThat(frame.getJsonObject("data").getJsonArray("feed").stream()
          .noneMatch(e -> sender.equals(((JsonObject) e).getString("to")))).isTrue();
    }
  }
}
