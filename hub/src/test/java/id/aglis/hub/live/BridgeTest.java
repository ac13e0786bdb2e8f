package id.aglis.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.Scrape;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event-bus bridge at {@code /eventbus}: who may open a socket, who may register which {@code ui.*} address,
 * that nothing a browser sends reaches the bus, that a sign-out closes the session's sockets, and that a permitted
 * socket receives the numbered frames of what happens: over the raw WebSocket, and over SockJS's own WebSocket and
 * XHR transports.
 */
@ExtendWith(VertxExtension.class)
class BridgeTest {

  private static final List<String> STREAMS = List.of("ui.ops", "ui.wa", "ui.metrics", "ui.alerts", "ui.tickets", "ui.installations");
  private static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start(TestHub.environment("bridge"));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static Browser staff(Vertx vertx, String role) {
    return hub.staff(vertx, "bridge", role);
  }

  /** The streams a socket of {@code browser} may register, of all the console's streams. */
  private static Set<String> registrable(Vertx vertx, Browser browser) throws InterruptedException {
    Set<String> granted = new TreeSet<>();
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), browser)) {
      for (String stream : STREAMS) {
        if (socket.tryRegister(stream)) {
          granted.add(stream);
        }
      }
    }
    return granted;
  }

  @Test
  @DisplayName("each staff role may register only its streams")
  void rolesLimitRegistrations(Vertx vertx) throws Exception {
    Map<String, Set<String>> expected = Map.of(
        "admin", Set.of("ui.ops", "ui.wa", "ui.metrics", "ui.alerts", "ui.tickets", "ui.installations"),
        "supervisor", Set.of("ui.ops", "ui.wa", "ui.metrics", "ui.alerts", "ui.tickets", "ui.installations"),
        "noc", Set.of("ui.ops", "ui.wa", "ui.metrics", "ui.alerts", "ui.tickets", "ui.installations"),
        "cs", Set.of("ui.ops", "ui.wa", "ui.alerts", "ui.tickets", "ui.installations"),
        "technician", Set.of());
    for (Map.Entry<String, Set<String>> role : expected.entrySet()) {
      assertThat(registrable(vertx, staff(vertx, role.getKey()))).as(role.getKey()).isEqualTo(new TreeSet<>(role.getValue()));
    }
  }

  @Test
  @DisplayName("without a session no socket is kept and nothing can be registered")
  void noSessionNoRegistrations(Vertx vertx) throws Exception {
    BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), hub.browser(vertx));
    try {
      socket.awaitClosed(5_000);
    } finally {
      socket.close();
    }
  }

  @Test
  @DisplayName("a page of another site cannot open a socket with a signed-in cookie")
  void foreignOriginRefused(Vertx vertx) throws Exception {
    BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), hub.admin(vertx), "https://evil.example");
    try {
      socket.awaitClosed(5_000);
    } finally {
      socket.close();
    }
  }

  @Test
  @DisplayName("a customer may register only its own ui.customer.<id>: not a staff stream, not another customer's")
  void customerOnlyItsOwnAddress(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    JsonObject mine = admin.post("/api/v1/customers", new JsonObject().put("name", "Budi Santoso").put("phone", "0812-7000-0001")
        .put("password", "pelanggan-rahasia-1")).bodyAsJsonObject();
    JsonObject other = admin.post("/api/v1/customers", new JsonObject().put("name", "Siti Aminah").put("phone", "0812-7000-0002"))
        .bodyAsJsonObject();
    Browser customer = hub.browser(vertx);
    assertThat(customer.customerLogin(mine.getString("customerNo"), "pelanggan-rahasia-1").statusCode()).isEqualTo(200);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), customer)) {
      assertThat(socket.tryRegister("ui.wa")).isFalse();
      assertThat(socket.tryRegister("ui.ops")).isFalse();
      assertThat(socket.tryRegister("ui.customer." + other.getLong("id"))).isFalse();
      assertThat(socket.tryRegister("ui.customer." + mine.getLong("id"))).isTrue();
    }
    try (BridgeSocket staffSocket = BridgeSocket.open(vertx, hub.port(), hub.admin(vertx))) {
      assertThat(staffSocket.tryRegister("ui.customer." + mine.getLong("id"))).as("staff never on a customer's address").isFalse();
    }
  }

  @Test
  @DisplayName("browsers cannot send or publish onto the bus")
  void noInboundMessages(Vertx vertx) throws Exception {
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), hub.admin(vertx))) {
      for (String type : List.of("send", "publish")) {
        int mark = socket.mark();
        socket.send(new JsonObject().put("type", type).put("address", "dispatch.message.enqueue")
            .put("body", new JsonObject().put("to", "6281234567890").put("text", "x")));
        assertThat(socket.await(mark, f -> "err".equals(f.getString("type")), 5_000).getString("body")).isIn("rejected", "access_denied");
      }
    }
  }

  @Test
  @DisplayName("signing out closes the session's sockets; the same cookie then opens none")
  void signOutEndsRegistrations(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    String cookie = admin.sessionCookie();
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.wa")).isTrue();
      assertThat(admin.post("/api/v1/auth/logout", new JsonObject()).statusCode()).isEqualTo(204);
      socket.awaitClosed(5_000);
    }
    Browser stale = hub.browser(vertx).withHeader("Cookie", cookie);
    try (BridgeSocket again = BridgeSocket.open(vertx, hub.port(), stale)) {
      again.awaitClosed(5_000);
    }
  }

  @Test
  @DisplayName("a permitted socket receives ui.wa frames, numbered one by one, for a message sent through the API")
  void permittedSocketReceivesFrames(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    double directBefore = Scrape.sum(admin.get("/metrics").bodyAsString(), "aglis_live_frames_direct_total");
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      receivesFrameOfMessageSent(admin, socket);
    }
    // The raw WebSocket's frames took the direct path (FanOut), not the SockJS socket's.
    assertThat(Scrape.sum(admin.get("/metrics").bodyAsString(), "aglis_live_frames_direct_total")).isGreaterThan(directBefore);
  }

  @Test
  @DisplayName("over SockJS's own WebSocket transport (SockJS-framed, written through the SockJS socket) the same frames arrive")
  void sockJsTransportReceivesFrames(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    try (BridgeSocket socket = BridgeSocket.openSockJs(vertx, hub.port(), admin)) {
      receivesFrameOfMessageSent(admin, socket);
    }
  }

  @Test
  @DisplayName("over SockJS's XHR transport (where no WebSocket gets through) a page registers and receives frames")
  void xhrTransportReceivesFrames(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    // SockJS closes the connection after each poll, without a "Connection: close" (a browser retries on a fresh one).
    WebClient web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    try {
      registersAndReceivesOverXhr(admin, web);
    } finally {
      web.close();
    }
  }

  private static void registersAndReceivesOverXhr(Browser admin, WebClient web) {
    // SockJS's paths: server and session ids of the client's choosing; each poll answers what is waiting.
    String session = "/eventbus/000/" + UUID.randomUUID().toString().substring(0, 8) + "/";
    assertThat(xhr(web, admin, session + "xhr", null).bodyAsString()).startsWith("o");
    String register = new JsonArray().add(new JsonObject().put("type", "register").put("address", "ui.wa").encode()).encode();
    assertThat(xhr(web, admin, session + "xhr_send", register).statusCode()).isEqualTo(204);
    List<JsonObject> received = new ArrayList<>();
    pollUntil(web, admin, session, received, f -> "registered".equals(f.getString("type")) && "ui.wa".equals(f.getString("address")));

    String id = admin.post("/api/v1/messages", new JsonObject().put("to", "081270000098").put("text", "Tes XHR")).bodyAsJsonObject().getString("id");
    JsonObject frame = pollUntil(web, admin, session, received, f -> "rec".equals(f.getString("type"))
        && f.getJsonObject("body").getJsonObject("data").getJsonArray("feed").stream().map(JsonObject.class::cast)
        .anyMatch(item -> id.equals(item.getString("id"))));
    assertThat(frame.getJsonObject("body").getString("stream")).isEqualTo("ui.wa");

    // The session's id is in every path: a page of another site that learnt it still cannot use it.
    HttpResponse<Buffer> foreign = xhr(web, admin, "https://evil.example", session + "xhr_send", register);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("forbidden");
  }

  /** A post of SockJS's XHR transports, from the hub's own page. */
  private static HttpResponse<Buffer> xhr(WebClient web, Browser browser, String uri, String body) {
    return xhr(web, browser, "http://127.0.0.1:" + hub.port(), uri, body);
  }

  private static HttpResponse<Buffer> xhr(WebClient web, Browser browser, String origin, String uri, String body) {
    HttpRequest<Buffer> request = web.post(hub.port(), "127.0.0.1", uri).putHeader("Cookie", browser.sessionCookie())
        .putHeader("Origin", origin);
    return (body == null ? request.send() : request.putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(body))).await();
  }

  /** Polls until a message matches (10 s at most), keeping every message received in {@code received}. */
  private static JsonObject pollUntil(WebClient web, Browser browser, String session, List<JsonObject> received,
                                      Predicate<JsonObject> which) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      Optional<JsonObject> match = received.stream().filter(which).findFirst();
      if (match.isPresent()) {
        return match.get();
      }
      // A poll answers "a[…]" (messages, each a JSON string) or "h" (a heartbeat) once something is waiting.
      String answer = xhr(web, browser, session + "xhr", null).bodyAsString().trim();
      if (answer.startsWith("a")) {
        new JsonArray(answer.substring(1)).forEach(message -> received.add(new JsonObject((String) message)));
      }
    }
    throw new AssertionError("no matching message within 10 s; got " + received);
  }

  private static void receivesFrameOfMessageSent(Browser admin, BridgeSocket socket) throws InterruptedException {
    assertThat(socket.tryRegister("ui.wa")).isTrue();
    int mark = socket.mark();
    JsonObject sent = admin.post("/api/v1/messages", new JsonObject().put("to", "081270000099").put("text", "Tes live")).bodyAsJsonObject();
    String id = sent.getString("id");
    JsonObject frame = socket.awaitOn(mark, "ui.wa", body -> body.getJsonObject("data").getJsonArray("feed").stream()
        .map(JsonObject.class::cast).anyMatch(item -> id.equals(item.getString("id"))), 10_000);
    assertThat(frame.getString("stream")).isEqualTo("ui.wa");
    assertThat(frame.getString("epoch")).isNotBlank();
    assertThat(frame.getLong("seq")).isPositive();
    assertThat(frame.getJsonObject("totals").getLong("queued")).isPositive();
    assertThat(frame.getJsonObject("data").getJsonObject("queue").fieldNames()).contains("urgent", "high", "normal", "low");
  }

  @Test
  @DisplayName("snapshot and since: 401 without a session, 403 for a role's missing stream, 400 for what is malformed")
  void snapshotAndSinceRefuseClearly(Vertx vertx) {
    assertThat(hub.browser(vertx).get("/api/v1/live/snapshot?streams=ui.wa").statusCode()).isEqualTo(401);
    Browser cs = staff(vertx, "cs");
    assertThat(cs.get("/api/v1/live/snapshot?streams=ui.wa,ui.ops").statusCode()).isEqualTo(200);
    assertThat(cs.get("/api/v1/live/snapshot?streams=ui.wa,ui.metrics").statusCode()).isEqualTo(403);
    Browser admin = hub.admin(vertx);
    JsonObject snapshot = admin.get("/api/v1/live/snapshot?streams=ui.wa").bodyAsJsonObject().getJsonObject("streams").getJsonObject("ui.wa");
    String epoch = snapshot.getString("epoch");
    for (String bad : List.of("/api/v1/live/snapshot", "/api/v1/live/snapshot?streams=", "/api/v1/live/snapshot?streams=ui.nope",
        "/api/v1/live/since?stream=ui.wa&seq=0", "/api/v1/live/since?stream=ui.wa&epoch=" + epoch,
        "/api/v1/live/since?stream=ui.wa&epoch=" + epoch + "&seq=-1", "/api/v1/live/since?stream=ui.wa&epoch=" + epoch + "&seq=x",
        "/api/v1/live/since?stream=ui.wa&epoch=%3Cscript%3E&seq=0", "/api/v1/live/since?epoch=" + epoch + "&seq=0")) {
      var answer = admin.get(bad);
      assertThat(answer.statusCode()).as(bad).isEqualTo(400);
      assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("code")).as(bad).isEqualTo("invalid_field");
    }
    JsonObject upToDate = admin.get("/api/v1/live/since?stream=ui.wa&epoch=" + epoch + "&seq=" + snapshot.getLong("seq")).bodyAsJsonObject();
    assertThat(upToDate.getBoolean("reset")).isFalse();
  }
}
