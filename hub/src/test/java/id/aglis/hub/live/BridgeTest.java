package id.aglis.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event-bus bridge at {@code /eventbus}: who may open a socket, who may register which {@code ui.*} address,
 * that nothing a browser sends reaches the bus, that a sign-out closes the session's sockets, and that a permitted
 * socket receives the numbered frames of what happens.
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
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
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
