package id.aglis.hub.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.AttachmentStored;
import id.aglis.hub.bus.CallbacksApplied;
import id.aglis.hub.bus.StatusCallbackReceived;
import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.BusEvents;
import id.aglis.hub.testing.FonnteWatcher;
import id.aglis.hub.testing.StatusWatcher;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fonnte's status and device webhooks, in every shape the protocol note lists, against a real dispatcher. */
@ExtendWith(VertxExtension.class)
class WebhookTest {

  private static final String DEVICE = "6281100000001";
  private static final String SECRET = "webhook-secret-for-tests-0123456789";
  private static final String OTHER_DEVICE = "6281100000009";
  private static final String OTHER_SECRET = "device-secret-for-tests-0123456789";
  private static final Buffer PNG = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3});
  private static io.vertx.core.http.HttpServer files;
  private static final String TOKEN = "bearer-token-for-webhook-tests-0123";
  private static final AtomicInteger RECIPIENTS = new AtomicInteger();
  private static final AtomicInteger FILE_REQUESTS = new AtomicInteger();

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;
  private static StatusWatcher watcher;
  private static FonnteWatcher gateway;
  private static BusEvents deviceEvents;
  private static BusEvents inboxEvents;
  private static BusEvents statusEvents;
  private static BusEvents appliedEvents;
  private static BusEvents attachmentEvents;
  private static String databaseUri;

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-a");
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("webhook", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-a"));
    env.put("HUB_WEBHOOK_SECRET", SECRET);
    databaseUri = env.get("HUB_PG_URI");
    // A second device with a webhook secret of its own.
    JsonArray devices = new JsonArray(env.get("FONNTE_DEVICES"));
    devices.add(new JsonObject().put("device", OTHER_DEVICE).put("token", "token-b").put("webhookSecret", OTHER_SECRET)
        .put("perMinute", 1000).put("minGapMs", 0).put("jitterMs", 0));
    env.put("FONNTE_DEVICES", devices.encode());
    fonnte.device(OTHER_DEVICE, "token-b");
    files = fakeVertx.createHttpServer().requestHandler(req -> {
      FILE_REQUESTS.incrementAndGet();
      switch (req.path()) {
        case "/photo.png" -> req.response().putHeader("Content-Type", "image/png").end(PNG);
        case "/page.html" -> req.response().putHeader("Content-Type", "text/html").end("<html></html>");
        case "/huge.pdf" -> req.response().putHeader("Content-Type", "application/pdf")
            .end(Buffer.buffer(new byte[Attachments.MAX_BYTES + 1]));
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    hub = TestHub.start(env);
    watcher = new StatusWatcher(hub.vertx());
    gateway = new FonnteWatcher(fonnte);
    deviceEvents = new BusEvents(hub.vertx(), Addresses.DISPATCH_DEVICE_CHANGED);
    inboxEvents = new BusEvents(hub.vertx(), Addresses.WEBHOOK_MESSAGE_RECEIVED);
    statusEvents = new BusEvents(hub.vertx(), Addresses.WEBHOOK_STATUS_RECEIVED);
    appliedEvents = new BusEvents(hub.vertx(), Addresses.WEBHOOK_CALLBACKS_APPLIED);
    attachmentEvents = new BusEvents(hub.vertx(), Addresses.WEBHOOK_ATTACHMENT_STORED);
  }

  @AfterAll
  static void stop() {
    files.close().await();
    watcher.close();
    deviceEvents.close();
    inboxEvents.close();
    statusEvents.close();
    appliedEvents.close();
    attachmentEvents.close();
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private static Browser api(Vertx vertx) {
    return hub.browser(vertx).withBearer(TOKEN);
  }

  private static HttpResponse<Buffer> hook(Vertx vertx, String kind, JsonObject body) {
    return hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/" + kind, body);
  }

  /** Posts a status callback (answered 200) and returns the id it was recorded under, as its announcement names it. */
  private static long statusHook(Vertx vertx, JsonObject callback) throws InterruptedException {
    int mark = statusEvents.mark();
    assertThat(hook(vertx, "status", callback).statusCode()).isEqualTo(200);
    return statusEvents.await(mark, e -> StatusCallbackReceived.fromJson(e).callback().equals(callback), 10_000)
        .getLong("callbackId");
  }

  /** Waits until the ingress has applied the callback, or kept it to wait for its message; returns that announcement. */
  private static CallbacksApplied awaitApplied(long callbackId) throws InterruptedException {
    // Callback ids are never reused: any announcement since the start that names one is about that callback.
    return CallbacksApplied.fromJson(appliedEvents.await(0, e -> CallbacksApplied.fromJson(e).covers(callbackId), 10_000));
  }

  /** Sends a message through the fake and returns {messageId, providerId, device}. */
  private static String[] sent(Vertx vertx) throws Exception {
    String to = "62813" + String.format("%08d", 50_000_000 + RECIPIENTS.incrementAndGet());
    String id = api(vertx).post("/api/v1/messages", new JsonObject().put("to", to).put("text", "Halo " + to))
        .bodyAsJsonObject().getString("id");
    watcher.await(id, Set.of("sent"), 10_000);
    JsonObject message = api(vertx).get("/api/v1/messages/" + id).bodyAsJsonObject();
    // Receipts come from the device that sent the message (either of the two configured).
    return new String[] {id, message.getJsonArray("providerIds").getString(0), message.getString("device")};
  }

  private static JsonObject message(Vertx vertx, String id) {
    return api(vertx).get("/api/v1/messages/" + id).bodyAsJsonObject();
  }

  @Test
  @DisplayName("id+stateid links the two; later receipts by stateid only move the message forward, never back")
  void receiptsMoveForward(Vertx vertx) throws Exception {
    String[] m = sent(vertx);
    // Numeric id, as in live traffic.
    assertThat(hook(vertx, "status", new JsonObject().put("device", m[2]).put("id", Long.parseLong(m[1])).put("stateid", "S-" + m[1])
        .put("status", "sent").put("state", "sent")).statusCode()).isEqualTo(200);
    assertThat(hook(vertx, "status", new JsonObject().put("device", m[2]).put("stateid", "S-" + m[1]).put("state", "delivered"))
        .statusCode()).isEqualTo(200);
    assertThat(watcher.await(m[0], Set.of("delivered"), 10_000)).isEqualTo("delivered");
    for (int i = 0; i < 15; i++) {
      // Fonnte retries: the same receipt fifteen times changes nothing after the first.
      assertThat(hook(vertx, "status", new JsonObject().put("device", m[2]).put("stateid", "S-" + m[1]).put("state", "read"))
          .statusCode()).isEqualTo(200);
    }
    assertThat(watcher.await(m[0], Set.of("read"), 10_000)).isEqualTo("read");
    // Out of order: a late 'delivered' does not take it back.
    long late = statusHook(vertx, new JsonObject().put("device", m[2]).put("stateid", "S-" + m[1]).put("state", "delivered"));
    assertThat(awaitApplied(late).done()).as("settled: applied, moving nothing").contains(late);
    JsonObject read = message(vertx, m[0]);
    assertThat(read.getString("status")).isEqualTo("read");
    assertThat(read.getString("deliveredAt")).isNotNull();
    assertThat(read.getString("readAt")).isNotNull();
    assertThat(read.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")).toList())
        .containsExactly("queued", "sending", "sent", "delivered", "read");
  }

  @Test
  @DisplayName("form-encoded bodies and string ids; a queue status of invalid ends the message as failed")
  void formAndFailure(Vertx vertx) throws Exception {
    String[] m = sent(vertx);
    HttpResponse<Buffer> form = hub.browser(vertx).sendWithType(HttpMethod.POST, "/hooks/fonnte/" + SECRET + "/status",
        "application/x-www-form-urlencoded", "device=" + m[2] + "&id=" + m[1] + "&status=invalid");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(watcher.await(m[0], Set.of("failed"), 10_000)).isEqualTo("failed");
    assertThat(message(vertx, m[0]).getString("lastError")).contains("invalid");
  }

  @Test
  @DisplayName("a receipt that arrives before the send reply stored the provider id is kept and applied when it appears")
  void receiptBeforeSendReply(Vertx vertx) throws Exception {
    String to = "62813" + String.format("%08d", 60_000_000 + RECIPIENTS.incrementAndGet());
    fonnte.replyForTarget(to, Reply.delay(Duration.ofMillis(1_500), Reply.accept()));
    String id = api(vertx).post("/api/v1/messages", new JsonObject().put("to", to).put("text", "Balapan")).bodyAsJsonObject().getString("id");
    // Woken by the request itself, while its delayed answer is still to come.
    List<FakeFonnte.Received> seen = gateway.awaitTo(to, 1, 10_000);
    String providerId = seen.get(0).providerIds().get(0);
    // The gateway has the message and reports it delivered while its answer to us is still on the way.
    assertThat(hook(vertx, "status", new JsonObject().put("device", seen.get(0).device()).put("id", providerId).put("stateid", "early-" + providerId)
        .put("status", "sent").put("state", "delivered")).statusCode()).isEqualTo(200);
    assertThat(watcher.await(id, Set.of("delivered"), 20_000)).isEqualTo("delivered");
  }

  @Test
  @DisplayName("a receipt moves only a message of its own device sent within the window: another device's, or an old one "
      + "with a reused id, stays as it was")
  void receiptsMatchDeviceAndWindow(Vertx vertx) throws Exception {
    String[] mine = sent(vertx);
    String otherDevice = mine[2].equals(DEVICE) ? OTHER_DEVICE : DEVICE;
    // The other device's gateway hands out the same id (as the sandbox did after each restart).
    long sameIdOtherDevice = statusHook(vertx, new JsonObject().put("device", otherDevice).put("id", mine[1])
        .put("stateid", "X-" + mine[1]).put("status", "sent").put("state", "delivered"));
    // A state id linked by the right device, then reported by the other one.
    long linked = statusHook(vertx, new JsonObject().put("device", mine[2]).put("id", mine[1]).put("stateid", "L-" + mine[1])
        .put("status", "sent").put("state", "sent"));
    long linkedOtherDevice = statusHook(vertx, new JsonObject().put("device", otherDevice).put("stateid", "L-" + mine[1])
        .put("state", "read"));

    // An old message of the same device carrying the id a new message now has (the gateway reused it).
    String[] old = sent(vertx);
    String[] fresh = sent(vertx);
    hub.node().pool().preparedQuery("update wa_messages set device = $1, provider_ids = array[$2], "
            + "sent_at = now() - interval '8 days' where id = $3::uuid")
        .execute(io.vertx.sqlclient.Tuple.of(fresh[2], fresh[1], old[0])).await();
    assertThat(hook(vertx, "status", new JsonObject().put("device", fresh[2]).put("id", fresh[1]).put("stateid", "F-" + fresh[1])
        .put("status", "sent").put("state", "delivered")).statusCode()).isEqualTo(200);
    assertThat(watcher.await(fresh[0], Set.of("delivered"), 10_000)).isEqualTo("delivered");
    // Its later receipts, by state id only, go to the new message too.
    assertThat(hook(vertx, "status", new JsonObject().put("device", fresh[2]).put("stateid", "F-" + fresh[1]).put("state", "read"))
        .statusCode()).isEqualTo(200);
    assertThat(watcher.await(fresh[0], Set.of("read"), 10_000)).isEqualTo("read");

    // The other device's receipts match none of its messages: kept, waiting for one that never comes.
    assertThat(awaitApplied(sameIdOtherDevice).waiting()).contains(sameIdOtherDevice);
    assertThat(awaitApplied(linked).done()).contains(linked);
    assertThat(awaitApplied(linkedOtherDevice).waiting()).contains(linkedOtherDevice);
    for (String untouched : List.of(mine[0], old[0])) {
      JsonObject message = message(vertx, untouched);
      assertThat(message.getString("status")).as("message %s", untouched).isEqualTo("sent");
      assertThat(message.getString("deliveredAt")).isNull();
      assertThat(message.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("status")).toList())
          .containsExactly("queued", "sending", "sent");
    }
  }

  @Test
  @DisplayName("disconnect pauses the device in the dispatcher, connect resumes it")
  void deviceChanges(Vertx vertx) throws Exception {
    int mark = deviceEvents.mark();
    assertThat(hook(vertx, "device", new JsonObject().put("device", DEVICE).put("status", "disconnect").put("reason", "logged out")
        .put("timestamp", 1736700000)).statusCode()).isEqualTo(200);
    awaitDevice(mark, true);
    assertThat(device(vertx).getBoolean("paused")).isTrue();
    assertThat(device(vertx).getString("pausedReason")).isEqualTo("disconnected: logged out");
    mark = deviceEvents.mark();
    assertThat(hook(vertx, "device", new JsonObject().put("device", DEVICE).put("status", "connect")).statusCode()).isEqualTo(200);
    awaitDevice(mark, false);
    assertThat(device(vertx).getBoolean("paused")).isFalse();
    sent(vertx);
  }

  private static JsonObject device(Vertx vertx) {
    return api(vertx).get("/api/v1/wa/devices").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
  }

  /** Waits for the dispatcher's announcement (made once the change is stored) that the device was paused or resumed. */
  private static void awaitDevice(int mark, boolean paused) throws InterruptedException {
    deviceEvents.await(mark, e -> DEVICE.equals(e.getString("device")) && e.getBoolean("paused") == paused, 10_000);
  }

  @Test
  @DisplayName("incoming messages land in the inbox once, linked to the customer by phone; legacy and form fields are read")
  void incomingMessages(Vertx vertx) throws Exception {
    int mark = inboxEvents.mark();
    assertThat(api(vertx).post("/api/v1/customers", new JsonObject().put("name", "Siti Rahmawati").put("phone", "0812-9000-0001"))
        .statusCode()).isEqualTo(201);
    JsonObject message = new JsonObject().put("device", DEVICE).put("sender", "6281290000001").put("message", "halo, internet mati")
        .put("name", "Siti").put("member", "").put("location", "").put("timestamp", 1736700000).put("url", "").put("filename", "");
    for (int i = 0; i < 3; i++) {
      // Fonnte's retries of the same callback.
      assertThat(hook(vertx, "incoming", message).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> form = hub.browser(vertx).sendWithType(HttpMethod.POST, "/hooks/fonnte/" + SECRET + "/incoming",
        "application/x-www-form-urlencoded", "device=" + DEVICE + "&pengirim=081377778888&pesan=INFO&timestamp=1736700100");
    assertThat(form.statusCode()).isEqualTo(200);

    Set<String> senders = Set.of("6281290000001", "6281377778888");
    // Entries are announced once committed, so the inbox shows both after the second announcement.
    inboxEvents.await(mark, e -> senders.contains(e.getString("from")), 2, 10_000);
    // Other tests write to the inbox too: only this test's senders count.
    JsonArray items = new JsonArray(api(vertx).get("/api/v1/wa/inbox").bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(e -> senders.contains(e.getString("from"))).toList());
    assertThat(items).hasSize(2);
    JsonObject info = items.getJsonObject(0);
    assertThat(info.getString("from")).isEqualTo("6281377778888");
    assertThat(info.getString("text")).isEqualTo("INFO");
    assertThat(info.getValue("customer")).isNull();
    JsonObject siti = items.getJsonObject(1);
    assertThat(siti.getString("text")).isEqualTo("halo, internet mati");
    assertThat(siti.getString("sentAt")).startsWith("2025-01-12T");
    assertThat(siti.getJsonObject("customer").getString("name")).isEqualTo("Siti Rahmawati");
  }

  private static List<String> repliesTo(String phone, int atLeast) throws InterruptedException {
    return gateway.awaitTo(phone, atLeast, 10_000).stream().map(FakeFonnte.Received::message).toList();
  }

  @Test
  @DisplayName("keyword replies: INFO answers with the account, STOP/MULAI opt out of and back into promotions, unknown senders get one reply a day")
  void keywordReplies(Vertx vertx) throws Exception {
    assertThat(api(vertx).post("/api/v1/customers", new JsonObject().put("customerNo", "AGL-KW-01").put("name", "Joko Wibowo")
        .put("phone", "0812-9000-0002").put("plan", "Rumah 30 Mbps")).statusCode()).isEqualTo(201);
    String joko = "6281290000002";
    hook(vertx, "incoming", new JsonObject().put("device", DEVICE).put("sender", joko).put("message", "info").put("timestamp", 1736701000));
    assertThat(repliesTo(joko, 1)).singleElement().asString().contains("AGL-KW-01").contains("Rumah 30 Mbps").contains("Joko Wibowo");

    hook(vertx, "incoming", new JsonObject().put("device", DEVICE).put("sender", joko).put("message", "STOP").put("timestamp", 1736701100));
    assertThat(repliesTo(joko, 2)).hasSize(2).last().asString().contains("no longer receive");
    HttpResponse<Buffer> promo = api(vertx).post("/api/v1/messages", new JsonObject().put("to", joko).put("text", "Promo 50%!").put("priority", "low"));
    assertThat(promo.statusCode()).isEqualTo(202);
    assertThat(promo.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    // Opting out stops promotions only: a bill reminder still goes.
    String bill = api(vertx).post("/api/v1/messages", new JsonObject().put("to", joko).put("text", "Tagihan Anda sudah terbit."))
        .bodyAsJsonObject().getString("id");
    watcher.await(bill, Set.of("sent"), 10_000);

    hook(vertx, "incoming", new JsonObject().put("device", DEVICE).put("sender", joko).put("message", "Mulai").put("timestamp", 1736701200));
    assertThat(repliesTo(joko, 4)).hasSize(4).last().asString().contains("kembali menerima");
    HttpResponse<Buffer> again = api(vertx).post("/api/v1/messages", new JsonObject().put("to", joko).put("text", "Promo lagi").put("priority", "low"));
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("queued");

    String stranger = "6281355550000";
    int mark = inboxEvents.mark();
    hook(vertx, "incoming", new JsonObject().put("device", DEVICE).put("sender", stranger).put("message", "halo").put("timestamp", 1736702000));
    hook(vertx, "incoming", new JsonObject().put("device", DEVICE).put("sender", stranger).put("message", "halo?").put("timestamp", 1736702060));
    inboxEvents.await(mark, e -> stranger.equals(e.getString("from")), 2, 10_000);
    // Replies are enqueued in the transaction that stores the entry, so the record is complete once both are announced.
    assertThat(api(vertx).get("/api/v1/messages?to=" + stranger).bodyAsJsonObject().getJsonArray("items"))
        .as("one reply a day to an unknown sender").hasSize(1);
    assertThat(repliesTo(stranger, 1)).hasSize(1);
  }

  @Test
  @DisplayName("attachment URLs on internal addresses (here loopback) are never fetched: recorded as missed, served as 410")
  void attachments(Vertx vertx) throws Exception {
    // Fetching, storing and refusing public files is covered by AttachmentsTest, whose rules let its fake server through.
    String base = "http://127.0.0.1:" + files.actualPort();
    Map<String, String> sent = Map.of("6281366660001", "/photo.png", "6281366660002", "/page.html", "6281366660003", "/huge.pdf");
    int mark = inboxEvents.mark();
    sent.forEach((sender, path) -> assertThat(hook(vertx, "incoming", new JsonObject().put("device", DEVICE).put("sender", sender)
        .put("message", "").put("url", base + path).put("filename", path.substring(1)).put("timestamp", 1736703000)).statusCode())
        .isEqualTo(200));
    Set<Long> ids = new HashSet<>();
    inboxEvents.await(mark, e -> sent.containsKey(e.getString("from")), 3, 10_000).forEach(e -> ids.add(e.getLong("id")));
    for (long id : ids) {
      // Entry ids are never reused: any announcement since the start that names one is about that entry.
      AttachmentStored outcome = AttachmentStored.fromJson(attachmentEvents.await(0, e -> e.getLong("entryId") == id, 10_000));
      assertThat(outcome.missedReason()).contains("not a public address");
    }
    List<JsonObject> entries = api(vertx).get("/api/v1/wa/inbox?limit=200").bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(e -> ids.contains(e.getLong("id"))).toList();
    assertThat(entries).hasSize(3);
    for (JsonObject entry : entries) {
      assertThat(entry.getJsonObject("attachment").getString("status")).isEqualTo("missed");
      assertThat(entry.getJsonObject("attachment").getString("missedReason")).contains("not a public address");
      assertThat(api(vertx).get("/api/v1/wa/inbox/" + entry.getLong("id") + "/attachment").statusCode()).isEqualTo(410);
    }
    assertThat(FILE_REQUESTS).as("requests that reached the internal file server").hasValue(0);
  }

  @Test
  @DisplayName("a device's own webhook secret works for that device only")
  void perDeviceSecret(Vertx vertx) {
    JsonObject connect = new JsonObject().put("device", OTHER_DEVICE).put("status", "connect");
    assertThat(hub.browser(vertx).post("/hooks/fonnte/" + OTHER_SECRET + "/device", connect).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> wrongDevice = hub.browser(vertx).post("/hooks/fonnte/" + OTHER_SECRET + "/device",
        new JsonObject().put("device", DEVICE).put("status", "disconnect"));
    assertThat(wrongDevice.statusCode()).isEqualTo(400);
    assertThat(wrongDevice.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("device");
  }

  @Test
  @DisplayName("callbacks arriving together (written by one statement) are each answered with their own id")
  void callbacksArrivingTogether(Vertx vertx) throws Exception {
    int count = 200;
    Map<Long, String> published = new ConcurrentHashMap<>();
    CompletableFuture<Void> allPublished = new CompletableFuture<>();
    var consumer = hub.vertx().eventBus().<JsonObject>consumer(Addresses.WEBHOOK_STATUS_RECEIVED, m -> {
      if (String.valueOf(m.body().getValue("id")).startsWith("together-")) {
        published.put(m.body().getLong("callbackId"), m.body().getString("id"));
        if (published.size() == count) {
          allPublished.complete(null);
        }
      }
    });
    consumer.completion().await();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(hub.port()));
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        answers.add(client.post("/hooks/fonnte/" + SECRET + "/status")
            .sendJsonObject(new JsonObject().put("device", DEVICE).put("id", "together-" + i).put("status", "sent"))
            .map(HttpResponse::statusCode));
      }
      assertThat(Future.all(answers).await().<Integer>list()).containsOnly(200);
    } finally {
      client.close();
    }
    try {
      allPublished.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // The comparison below names what is missing.
    }
    consumer.unregister().await();
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(databaseUri)).using(vertx).build();
    try {
      Map<Long, String> stored = new HashMap<>();
      pool.query("select id, body->>'id' as provider_id from wa_callbacks where body->>'id' like 'together-%'").execute().await()
          .forEach(row -> stored.put(row.getLong("id"), row.getString("provider_id")));
      assertThat(stored).hasSize(count);
      // The id each request was answered with (and published) names the row holding that request's body.
      assertThat(published).isEqualTo(stored);
    } finally {
      pool.close().await();
    }
  }

  @Test
  @DisplayName("hostile or broken callbacks: wrong secret 404 with no detail; malformed, missing or unknown device, oversized: 4xx")
  void badCallbacks(Vertx vertx) {
    HttpResponse<Buffer> wrongSecret = hub.browser(vertx).post("/hooks/fonnte/not-the-secret/status", new JsonObject().put("device", DEVICE).put("id", 1));
    assertThat(wrongSecret.statusCode()).isEqualTo(404);
    assertThat(wrongSecret.bodyAsString()).doesNotContain("secret");
    assertThat(hub.browser(vertx).send(HttpMethod.POST, "/hooks/fonnte/" + SECRET + "/status", "{\"device\":").statusCode()).isEqualTo(400);
    assertThat(hook(vertx, "status", new JsonObject().put("id", 1)).statusCode()).isEqualTo(400);
    assertThat(hook(vertx, "status", new JsonObject().put("device", "6289999999999").put("id", 1)).statusCode()).isEqualTo(400);
    assertThat(hook(vertx, "status", new JsonObject().put("device", DEVICE)).statusCode()).isEqualTo(400);
    assertThat(hook(vertx, "device", new JsonObject().put("device", DEVICE).put("status", "maybe")).statusCode()).isEqualTo(400);
    assertThat(hub.browser(vertx).send(HttpMethod.POST, "/hooks/fonnte/" + SECRET + "/status",
        "{\"device\":\"" + DEVICE + "\",\"id\":\"" + "9".repeat(70_000) + "\"}").statusCode()).isEqualTo(413);
    // Nothing crashed: a good callback right after is still taken.
    assertThat(hook(vertx, "incoming", new JsonObject().put("device", DEVICE).put("sender", "6281234567890").put("message", "halo"))
        .statusCode()).isEqualTo(200);
  }
}
