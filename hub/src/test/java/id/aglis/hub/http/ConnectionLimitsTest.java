package id.aglis.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slow, half-sent and piled-up connections cannot hold a node: request-read and idle timeouts, a cap per
 * client address, and connections closed after an early answer. Raw sockets, as an attacker would use.
 */
@ExtendWith(VertxExtension.class)
class ConnectionLimitsTest {

  private static final int PER_ADDRESS = 50;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("connlimits");
    env.put("HUB_HTTP_REQUEST_TIMEOUT_SECONDS", "2");
    env.put("HUB_HTTP_IDLE_TIMEOUT_SECONDS", "3");
    env.put("HUB_HTTP_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(PER_ADDRESS));
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  /** A raw connection from {@code localAddress}, recording what it receives and completing when the server closes it. */
  record Raw(NetSocket socket, StringBuilder received, Future<Void> closed) {
  }

  private static Raw connect(NetClient client) {
    return connect(client, hub.port());
  }

  static Raw connect(NetClient client, int port) {
    // Handlers are set as the connection completes, on its event loop, so an immediate close is not missed.
    return client.connect(port, "127.0.0.1").map(socket -> {
      StringBuilder received = new StringBuilder();
      Promise<Void> closed = Promise.promise();
      socket.handler(data -> {
        synchronized (received) {
          received.append(data.toString());
        }
      });
      socket.closeHandler(v -> closed.tryComplete());
      return new Raw(socket, received, closed.future());
    }).await();
  }

  static NetClient client(Vertx vertx, String localAddress) {
    return vertx.createNetClient(new NetClientOptions().setLocalAddress(localAddress).setConnectTimeout(5_000));
  }

  @Test
  @DisplayName("a request whose head never completes is cut off, even when it trickles a byte at a time")
  void halfSentRequestsAreClosed(Vertx vertx) throws Exception {
    NetClient client = client(vertx, "127.0.0.5");
    Raw silent = connect(client);
    silent.socket().write("POST /api/v1/messages HTTP/1.1\r\nHost: hub\r\n");
    Raw trickle = connect(client);
    trickle.socket().write("GET /health HTTP/1.1\r\n");
    // One byte every 300 ms: never idle long enough for the idle timeout, so only the request deadline stops it.
    long timer = vertx.setPeriodic(300, id -> trickle.socket().write("X"));
    try {
      silent.closed().await(10, TimeUnit.SECONDS);
      trickle.closed().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  @Test
  @DisplayName("a request that asks to upgrade but is answered as plain HTTP leaves the connection watched: a trickle after it is cut off")
  void refusedUpgradeIsStillWatched(Vertx vertx) throws Exception {
    Raw fake = connect(client(vertx, "127.0.0.6"));
    fake.socket().write("GET /health HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    fake.socket().write("GET /health HTTP/1.1\r\n");
    long timer = vertx.setPeriodic(300, id -> fake.socket().write("X"));
    try {
      fake.closed().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.cancelTimer(timer);
    }
    assertThat(fake.received().toString()).startsWith("HTTP/1.1 200");
  }

  @Test
  @DisplayName("a body that stops arriving gets a 408 in the JSON shape and the connection is closed")
  void slowBodyTimesOut(Vertx vertx) throws Exception {
    Raw raw = connect(client(vertx, "127.0.0.6"));
    raw.socket().write("POST /api/v1/auth/staff/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\n\r\n{\"username\":");
    raw.closed().await(10, TimeUnit.SECONDS);
    String answer = raw.received().toString();
    assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"request_timeout\"");
  }

  @Test
  @DisplayName("an answer given before the body was read (401 on a large batch) closes the connection")
  void earlyAnswerClosesTheConnection(Vertx vertx) throws Exception {
    Raw raw = connect(client(vertx, "127.0.0.7"));
    raw.socket().write("POST /api/v1/messages/batch HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        + "Content-Length: 5000000\r\n\r\n{\"messages\":[" + "{\"to\":\"081234567890\",\"text\":\"x\"},".repeat(100));
    raw.closed().await(10, TimeUnit.SECONDS);
    String answer = raw.received().toString().toLowerCase();
    assertThat(answer).startsWith("http/1.1 401").contains("connection: close").contains("\"code\":\"unauthenticated\"");
  }

  @Test
  @DisplayName("a WebSocket that keeps pinging outlives the request and keep-alive deadlines")
  void webSocketOutlivesTheDeadlines(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister("ui.wa")).isTrue();
      long pinger = vertx.setPeriodic(1_000, t -> socket.send(new JsonObject().put("type", "ping")));
      try {
        // Time passing beyond both deadlines (2 s and 3 s) is the scenario itself: the guard used to cut the socket.
        Promise<Void> pastDeadlines = Promise.promise();
        vertx.setTimer(4_500, t -> pastDeadlines.complete());
        pastDeadlines.future().await();
        assertThat(socket.isClosed()).isFalse();
        int mark = socket.mark();
        String id = admin.post("/api/v1/messages", new JsonObject().put("to", "081270000098").put("text", "Masih tersambung"))
            .bodyAsJsonObject().getString("id");
        socket.awaitOn(mark, "ui.wa", body -> body.getJsonObject("data").getJsonArray("feed").stream()
            .map(JsonObject.class::cast).anyMatch(item -> id.equals(item.getString("id"))), 10_000);
      } finally {
        vertx.cancelTimer(pinger);
      }
    }
  }
}
