package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.bus.Addresses;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.BusEvents;
import id.aglis.hub.testing.FonnteWatcher;
import id.aglis.hub.testing.StatusWatcher;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dispatcher against a fake Fonnte on loopback that speaks the real protocol, quirks included. */
@ExtendWith(VertxExtension.class)
class DispatchTest {

  static final String DEVICE_A = "6281100000001";
  static final String DEVICE_B = "6281100000002";
  private static final String TOKEN = "bearer-token-for-dispatch-tests-0123";
  private static final AtomicInteger RECIPIENTS = new AtomicInteger(1_000);

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;
  private static String redisUri;
  private static StatusWatcher watcher;
  private static FonnteWatcher gateway;
  private static BusEvents deviceEvents;

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE_A, "token-a").device(DEVICE_B, "token-b");
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("dispatch", fonnte.baseUrl(), TOKEN,
        new java.util.LinkedHashMap<>(Map.of(DEVICE_A, "token-a", DEVICE_B, "token-b")));
    redisUri = env.get("HUB_REDIS_URI");
    env.put("HUB_WA_MAX_ATTEMPTS", "2");
    hub = TestHub.start(env);
    watcher = new StatusWatcher(hub.vertx());
    gateway = new FonnteWatcher(fonnte);
    deviceEvents = new BusEvents(hub.vertx(), Addresses.DISPATCH_DEVICE_CHANGED);
  }

  @AfterAll
  static void stop() {
    watcher.close();
    deviceEvents.close();
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private static Browser api(Vertx vertx) {
    return hub.browser(vertx).withBearer(TOKEN);
  }

  /** A recipient no other test uses, so the fake's records can be read per test. */
  private static String recipient() {
    return "62812" + String.format("%08d", 40_000_000 + RECIPIENTS.incrementAndGet());
  }

  private static String send(Browser api, JsonObject message) {
    HttpResponse<Buffer> response = api.post("/api/v1/messages", message);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    assertThat(response.bodyAsJsonObject().getString("status")).isIn("queued", "scheduled");
    return response.bodyAsJsonObject().getString("id");
  }

  private static List<FakeFonnte.Received> receivedFor(String to) {
    return fonnte.received().stream().filter(r -> r.target().equals(to)).toList();
  }

  private static void pauseAll(Browser api) {
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_A + "/pause", null).statusCode()).isEqualTo(200);
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_B + "/pause", null).statusCode()).isEqualTo(200);
  }

  private static void resumeAll(Browser api) {
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_A + "/resume", null).statusCode()).isEqualTo(200);
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_B + "/resume", null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("an accepted send records provider ids (as strings), the quota, and a full timeline")
  void acceptedSend(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String to = recipient();
    String id = send(api, new JsonObject().put("to", "0" + to.substring(2)).put("text", "Tagihan Anda Rp 250.000 sudah terbit."));
    watcher.await(id, Set.of("sent"), 10_000);
    JsonObject message = api.get("/api/v1/messages/" + id).bodyAsJsonObject();
    assertThat(message.getString("status")).isEqualTo("sent");
    assertThat(message.getString("to")).isEqualTo(to);
    assertThat(message.getInteger("attempts")).isEqualTo(1);
    assertThat(message.getString("device")).isIn(DEVICE_A, DEVICE_B);
    List<FakeFonnte.Received> received = receivedFor(to);
    assertThat(received).hasSize(1);
    assertThat(message.getJsonArray("providerIds").getList()).containsExactlyElementsOf(received.get(0).providerIds());
    JsonArray timeline = message.getJsonArray("timeline");
    assertThat(timeline.stream().map(e -> ((JsonObject) e).getString("status")).toList()).containsExactly("queued", "sending", "sent");
    // Times in UTC, in order; each event says what it recorded.
    List<OffsetDateTime> times = timeline.stream().map(e -> OffsetDateTime.parse(((JsonObject) e).getString("at"))).toList();
    assertThat(times).allMatch(at -> at.getOffset().equals(ZoneOffset.UTC)).isSorted();
    assertThat(timeline.getJsonObject(0).getJsonObject("detail").getString("priority")).isEqualTo("normal");
    assertThat(timeline.getJsonObject(1).getJsonObject("detail").getInteger("attempt")).isEqualTo(1);
    assertThat(timeline.getJsonObject(1).getJsonObject("detail").getString("device")).isEqualTo(message.getString("device"));
    JsonObject devices = api.get("/api/v1/wa/devices").bodyAsJsonObject();
    assertThat(devices.getJsonArray("items")).hasSize(2);
  }

  @Test
  @DisplayName("other verticles enqueue over the event bus, with the same validation; /metrics shows the dispatcher")
  void enqueueOverTheBus(Vertx vertx) throws Exception {
    String to = recipient();
    JsonObject reply = hub.vertx().eventBus().<JsonObject>request(id.aglis.hub.bus.Addresses.DISPATCH_MESSAGE_ENQUEUE,
        new JsonObject().put("to", to).put("text", "Tiket #123 sudah selesai.").put("priority", "high").put("requestedBy", "tickets"))
        .await().body();
    assertThat(reply.getBoolean("created")).isTrue();
    assertThat(watcher.await(reply.getString("id"), Set.of("sent"), 10_000)).isEqualTo("sent");

    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> hub.vertx().eventBus()
        .request(id.aglis.hub.bus.Addresses.DISPATCH_MESSAGE_ENQUEUE, new JsonObject().put("to", "123").put("text", "x")).await());
    assertThat(refused).isInstanceOf(io.vertx.core.eventbus.ReplyException.class);
    assertThat(((io.vertx.core.eventbus.ReplyException) refused).failureCode()).isEqualTo(id.aglis.hub.bus.BusErrors.BAD_REQUEST.code);

    String metrics = hub.browser(vertx).get("/metrics").bodyAsString();
    assertThat(metrics).contains("aglis_wa_sends_total{device=\"").contains("outcome=\"accepted\"")
        .contains("aglis_wa_queue_depth{priority=\"urgent\"}").contains("aglis_wa_enqueue_to_accepted_seconds_count")
        .contains("aglis_wa_enqueue_to_accepted_seconds_bucket{le=\"15.0\"}")
        .contains("aglis_wa_devices_paused");
  }

  @Test
  @DisplayName("the same idempotency key returns the first message, never a second one")
  void idempotency(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String to = recipient();
    JsonObject message = new JsonObject().put("to", to).put("text", "Kode OTP Anda 123456").put("idempotencyKey", "otp-" + to);
    String id = send(api, message);
    HttpResponse<Buffer> again = api.post("/api/v1/messages", message);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(id);
    watcher.await(id, Set.of("sent"), 10_000);
    assertThat(receivedFor(to)).hasSize(1);
  }

  @Test
  @DisplayName("one idempotency key used by several messages stored together (one statement) still makes one message")
  void idempotencyWithinOneWrite(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String to = recipient();
    JsonObject message = new JsonObject().put("to", to).put("text", "Pembayaran diterima, terima kasih.").put("idempotencyKey", "pay-" + to);
    HttpResponse<Buffer> batch = api.post("/api/v1/messages/batch", new JsonObject().put("messages",
        new JsonArray(java.util.Collections.nCopies(5, message))));
    assertThat(batch.statusCode()).as(batch.bodyAsString()).isEqualTo(202);
    assertThat(batch.bodyAsJsonObject().getJsonArray("rejected")).isEmpty();
    JsonArray stored = api.get("/api/v1/messages?to=" + to).bodyAsJsonObject().getJsonArray("items");
    assertThat(stored).hasSize(1);
    watcher.await(stored.getJsonObject(0).getString("id"), Set.of("sent"), 10_000);
    assertThat(receivedFor(to)).hasSize(1);
  }

  @Test
  @DisplayName("urgent goes before high before normal before low, first in first out within a level")
  void priorityOrder(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    pauseAll(api);
    // One device, so the gateway's arrival order is the send order.
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_A + "/resume", null).statusCode()).isEqualTo(200);
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_A + "/pause", null).statusCode()).isEqualTo(200);
    String to = recipient();
    String[] order = {"low", "low", "normal", "high", "low", "urgent", "normal"};
    String[] ids = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      ids[i] = send(api, new JsonObject().put("to", to).put("text", "pesan " + i + " " + order[i]).put("priority", order[i]));
    }
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_A + "/resume", null).statusCode()).isEqualTo(200);
    for (String id : ids) {
      watcher.await(id, Set.of("sent"), 10_000);
    }
    resumeAll(api);
    List<String> texts = receivedFor(to).stream().map(FakeFonnte.Received::message).toList();
    assertThat(texts).containsExactly("pesan 5 urgent", "pesan 3 high", "pesan 2 normal", "pesan 6 normal",
        "pesan 0 low", "pesan 1 low", "pesan 4 low");
  }

  @Test
  @DisplayName("Fonnte's answers: capital 'Status', string ids, permanent rejections, and unreadable replies")
  void outcomeClasses(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String capital = recipient();
    fonnte.replyForTarget(capital, Reply.acceptCapitalStatus());
    String stringIds = recipient();
    fonnte.replyForTarget(stringIds, Reply.acceptWithStringIds());
    String invalid = recipient();
    fonnte.replyForTarget(invalid, Reply.reject("target invalid"));
    String garbage = recipient();
    fonnte.replyForTarget(garbage, Reply.garbage());
    String reset = recipient();
    fonnte.replyForTarget(reset, Reply.resetAfterRequest());

    String capitalId = send(api, new JsonObject().put("to", capital).put("text", "a"));
    String stringId = send(api, new JsonObject().put("to", stringIds).put("text", "b"));
    String invalidId = send(api, new JsonObject().put("to", invalid).put("text", "c"));
    String garbageId = send(api, new JsonObject().put("to", garbage).put("text", "d"));
    String resetId = send(api, new JsonObject().put("to", reset).put("text", "e"));

    assertThat(watcher.await(capitalId, Set.of("sent", "failed", "unknown"), 10_000)).isEqualTo("sent");
    assertThat(watcher.await(stringId, Set.of("sent", "failed", "unknown"), 10_000)).isEqualTo("sent");
    assertThat(api.get("/api/v1/messages/" + stringId).bodyAsJsonObject().getJsonArray("providerIds").getString(0)).matches("\\d+");
    assertThat(watcher.await(invalidId, Set.of("sent", "failed", "unknown"), 10_000)).isEqualTo("failed");
    assertThat(api.get("/api/v1/messages/" + invalidId).bodyAsJsonObject().getString("lastError")).isEqualTo("target invalid");
    // Fonnte may have queued these: they are not resent blindly.
    assertThat(watcher.await(garbageId, Set.of("sent", "failed", "unknown"), 10_000)).isEqualTo("unknown");
    assertThat(watcher.await(resetId, Set.of("sent", "failed", "unknown"), 10_000)).isEqualTo("unknown");
    assertThat(receivedFor(garbage)).hasSize(1);
    assertThat(receivedFor(reset)).hasSize(1);

    // Staff may decide to send an unknown one again.
    fonnte.replyForTarget(reset, Reply.accept());
    assertThat(api.post("/api/v1/messages/" + resetId + "/requeue", null).statusCode()).isEqualTo(202);
    assertThat(watcher.await(resetId, Set.of("sent"), 10_000)).isEqualTo("sent");
    assertThat(receivedFor(reset)).hasSize(2);
  }

  @Test
  @DisplayName("transient failures are retried with backoff, then the message is dead; requeue brings it back")
  void retryThenDead(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String to = recipient();
    fonnte.replyForTarget(to, Reply.http(502, "<html>bad gateway</html>"));
    String id = send(api, new JsonObject().put("to", to).put("text", "Gangguan di area Anda sudah pulih."));
    assertThat(watcher.await(id, Set.of("dead"), 20_000)).isEqualTo("dead");
    JsonObject dead = api.get("/api/v1/messages/" + id).bodyAsJsonObject();
    assertThat(dead.getInteger("attempts")).isEqualTo(2);
    assertThat(receivedFor(to)).hasSize(2);
    assertThat(dead.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")).toList())
        .containsExactly("queued", "sending", "queued", "sending", "dead");

    fonnte.replyForTarget(to, Reply.accept());
    HttpResponse<Buffer> requeued = api.post("/api/v1/messages/" + id + "/requeue", null);
    assertThat(requeued.statusCode()).isEqualTo(202);
    assertThat(watcher.await(id, Set.of("sent"), 10_000)).isEqualTo("sent");
    assertThat(api.post("/api/v1/messages/" + id + "/requeue", null).statusCode()).isEqualTo(409);
  }

  @Test
  @DisplayName("a device-level failure pauses that device and the message goes out through another")
  void deviceFailureFailsOver(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_B + "/pause", null).statusCode()).isEqualTo(200);
    String to = recipient();
    fonnte.nextReply(Reply.reject("request invalid on disconnected device"));
    int mark = deviceEvents.mark();
    String id = send(api, new JsonObject().put("to", to).put("text", "Pembayaran diterima, terima kasih."));
    // A was the only device running: it failed, was paused, and the message waits for a healthy device.
    deviceEvents.await(mark, e -> DEVICE_A.equals(e.getString("device")) && e.getBoolean("paused"), 10_000);
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_B + "/resume", null).statusCode()).isEqualTo(200);
    assertThat(watcher.await(id, Set.of("sent"), 10_000)).isEqualTo("sent");
    JsonObject message = api.get("/api/v1/messages/" + id).bodyAsJsonObject();
    assertThat(message.getString("device")).isEqualTo(DEVICE_B);
    assertThat(message.getInteger("attempts")).isEqualTo(1);
    JsonObject a = device(api, DEVICE_A);
    assertThat(a.getBoolean("paused")).isTrue();
    assertThat(a.getString("pausedReason")).isEqualTo("request invalid on disconnected device");
    assertThat(api.post("/api/v1/wa/devices/" + DEVICE_A + "/resume", null).statusCode()).isEqualTo(200);
  }

  private static JsonObject device(Browser api, String device) {
    return api.get("/api/v1/wa/devices").bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(d -> d.getString("device").equals(device)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a message can be cancelled before it leaves, and not after")
  void cancel(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    pauseAll(api);
    String to = recipient();
    String id = send(api, new JsonObject().put("to", to).put("text", "Promo akhir tahun").put("priority", "low"));
    HttpResponse<Buffer> cancelled = api.post("/api/v1/messages/" + id + "/cancel", null);
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    String other = send(api, new JsonObject().put("to", to).put("text", "Tiket Anda sudah ditangani."));
    resumeAll(api);
    watcher.await(other, Set.of("sent"), 10_000);
    assertThat(receivedFor(to)).extracting(FakeFonnte.Received::message).containsExactly("Tiket Anda sudah ditangani.");
    assertThat(api.post("/api/v1/messages/" + other + "/cancel", null).statusCode()).isEqualTo(409);
    assertThat(api.post("/api/v1/messages/00000000-0000-0000-0000-000000000000/cancel", null).statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("templates fill {{placeholders}}; a missing parameter is a 400 naming it")
  void templates(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    assertThat(api.post("/api/v1/templates", new JsonObject().put("name", "tagihan").put("body",
        "Halo {{nama}}, tagihan {{bulan}} sebesar Rp {{jumlah}} jatuh tempo {{tanggal}}.")).statusCode()).isEqualTo(201);
    String to = recipient();
    String id = send(api, new JsonObject().put("to", to).put("template", "tagihan").put("params", new JsonObject()
        .put("nama", "Siti").put("bulan", "Desember").put("jumlah", "250.000").put("tanggal", "10 Desember")));
    watcher.await(id, Set.of("sent"), 10_000);
    assertThat(receivedFor(to).get(0).message()).isEqualTo("Halo Siti, tagihan Desember sebesar Rp 250.000 jatuh tempo 10 Desember.");

    HttpResponse<Buffer> missing = api.post("/api/v1/messages", new JsonObject().put("to", to).put("template", "tagihan")
        .put("params", new JsonObject().put("nama", "Siti")));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("bulan");
    assertThat(api.post("/api/v1/messages", new JsonObject().put("to", to).put("template", "no-such")).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("bad input is a 400 naming the field")
  void badInput(Vertx vertx) {
    Browser api = api(vertx);
    String to = recipient();
    Map<String, JsonObject> cases = Map.of(
        "to", new JsonObject().put("to", "12345").put("text", "x"),
        "text", new JsonObject().put("to", to).put("text", ""),
        "priority", new JsonObject().put("to", to).put("text", "x").put("priority", "asap"),
        "notBefore", new JsonObject().put("to", to).put("text", "x").put("notBefore", "tomorrow morning"),
        "device", new JsonObject().put("to", to).put("text", "x").put("device", "6289999999999"));
    cases.forEach((field, body) -> {
      HttpResponse<Buffer> response = api.post("/api/v1/messages", body);
      assertThat(response.statusCode()).as(field).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("field")).as(field).isEqualTo(field);
    });
    for (JsonObject body : List.of(new JsonObject().put("to", to).put("text", "x").put("notBefore", "+100000-01-01T00:00:00Z"),
        new JsonObject().put("to", to).put("text", "x").put("notBefore", "2099-01-01T00:00:00+07:00"))) {
      HttpResponse<Buffer> response = api.post("/api/v1/messages", body);
      assertThat(response.statusCode()).as(body.encode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("notBefore");
    }
    HttpResponse<Buffer> nul = api.post("/api/v1/messages", new JsonObject().put("to", to).put("text", "a\u0000b"));
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(nul.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("text");
    HttpResponse<Buffer> tooLong = api.post("/api/v1/messages", new JsonObject().put("to", to).put("text", "a".repeat(60_001)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("text");
  }

  @Test
  @DisplayName("a batch accepts the good items, lists the bad ones by index, and reports progress")
  void batch(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    JsonArray messages = new JsonArray();
    for (int i = 0; i < 20; i++) {
      messages.add(new JsonObject().put("to", recipient()).put("text", "Pemeliharaan jaringan malam ini " + i));
    }
    messages.add(new JsonObject().put("to", "bukan-nomor").put("text", "x"));
    messages.add("not an object");
    HttpResponse<Buffer> response = api.post("/api/v1/messages/batch", new JsonObject().put("messages", messages).put("priority", "high"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    JsonObject result = response.bodyAsJsonObject();
    assertThat(result.getInteger("accepted")).isEqualTo(20);
    assertThat(result.getJsonArray("rejected").stream().map(r -> ((JsonObject) r).getInteger("index")).toList()).containsExactlyInAnyOrder(20, 21);
    String batchId = result.getString("batchId");
    // Each 'sent' is announced once stored, so the progress counts all twenty after the last announcement.
    watcher.awaitBatch(batchId, "sent", 20, 15_000);
    JsonObject progress = api.get("/api/v1/batches/" + batchId).bodyAsJsonObject();
    assertThat(progress.getLong("sent")).isEqualTo(20);
    assertThat(progress.getLong("queued")).isZero();
    HttpResponse<Buffer> tooBig = api.post("/api/v1/messages/batch", new JsonObject().put("messages", new JsonArray(
        java.util.Collections.nCopies(10_001, new JsonObject().put("to", "081234567890").put("text", "x")))));
    assertThat(tooBig.statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("Redis flushed while messages wait: the reconciler rebuilds the queue and nothing is lost")
  void redisFlushLosesNothing(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String to = recipient();
    String[] ids = new String[10];
    // Scheduled a few seconds ahead, so they are all still waiting in Redis when it is flushed.
    String notBefore = java.time.OffsetDateTime.now().plusSeconds(3).toString();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = send(api, new JsonObject().put("to", to).put("text", "Pesan penting " + i).put("notBefore", notBefore));
    }
    Redis client = Redis.createClient(vertx, redisUri);
    try {
      RedisAPI.api(client).flushdb(List.of()).await();
    } finally {
      client.close();
    }
    for (String id : ids) {
      assertThat(watcher.await(id, Set.of("sent"), 30_000)).isEqualTo("sent");
    }
    assertThat(receivedFor(to)).hasSize(ids.length);
  }

  @Test
  @DisplayName("a retry waiting out its backoff keeps waiting after Redis lost its data")
  void backoffSurvivesARedisFlush(Vertx vertx) throws Exception {
    Browser api = api(vertx);
    String to = recipient();
    fonnte.replyForTarget(to, Reply.tooManyRequests(6));
    String id = send(api, new JsonObject().put("to", to).put("text", "Jadwal kunjungan teknisi besok pukul 09.00."));
    gateway.awaitTo(to, 1, 10_000);
    assertThat(receivedFor(to)).hasSize(1);
    fonnte.replyForTarget(to, Reply.accept());
    // queued, sending, then queued again to wait out Retry-After: the second 'queued' is stored with its notBefore.
    watcher.awaitTimes(id, "queued", 2, 10_000);
    JsonObject waiting = api.get("/api/v1/messages/" + id).bodyAsJsonObject();
    assertThat(waiting.getString("status")).as(waiting.encode()).isEqualTo("queued");
    assertThat(waiting.getString("notBefore")).as(waiting.encode()).isNotNull();
    Redis client = Redis.createClient(vertx, redisUri);
    try {
      RedisAPI.api(client).flushdb(List.of()).await();
    } finally {
      client.close();
    }
    assertThat(watcher.await(id, Set.of("sent"), 30_000)).isEqualTo("sent");
    List<FakeFonnte.Received> attempts = receivedFor(to);
    assertThat(attempts).hasSize(2);
    long retryDue = java.time.OffsetDateTime.parse(waiting.getString("notBefore")).toInstant().toEpochMilli();
    assertThat(attempts.get(1).arrivedAtMillis()).as("the retry waited for Retry-After").isGreaterThanOrEqualTo(retryDue);
    assertThat(retryDue - attempts.get(0).arrivedAtMillis()).isGreaterThanOrEqualTo(5_000);
  }
}
