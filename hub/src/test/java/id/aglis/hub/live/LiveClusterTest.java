package id.aglis.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.common.Times;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisAPI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live streams across two clustered nodes (real Hazelcast over loopback, one PostgreSQL, one Redis): a frame
 * produced on one node reaches a socket on the other; a page that was away gets exactly what it missed from
 * the shared history through {@code since}, and is told to refetch the snapshot when the history is gone.
 */
@ExtendWith(VertxExtension.class)
class LiveClusterTest {

  private static TestHub first;
  private static TestHub second;

  @BeforeAll
  static void startCluster() {
    int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    Map<String, String> env = TestHub.environment("live-cluster");
    env.put("HUB_CLUSTER", "true");
    env.put("HUB_CLUSTER_PORT", String.valueOf(port));
    env.put("HUB_CLUSTER_MEMBERS", "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2));
    first = TestHub.start(env);
    second = TestHub.start(env);
  }

  @AfterAll
  static void stopCluster() {
    second.close();
    first.close();
  }

  private static String send(Browser browser, String text) {
    JsonObject sent = browser.post("/api/v1/messages", new JsonObject().put("to", "081271000001").put("text", text)).bodyAsJsonObject();
    return sent.getString("id");
  }

  private static boolean mentions(JsonObject frame, String messageId) {
    return frame.getJsonObject("data").getJsonArray("feed", new JsonArray()).stream().map(JsonObject.class::cast)
        .anyMatch(item -> messageId.equals(item.getString("id")));
  }

  @Test
  @DisplayName("an event produced on node A reaches a socket on node B; what B's page missed comes back exactly through since")
  void framesSpanNodesAndSinceFillsTheGap(Vertx vertx) throws Exception {
    Browser onFirst = first.admin(vertx);
    Browser onSecond = second.admin(vertx);
    JsonObject frame;
    try (BridgeSocket socket = BridgeSocket.open(vertx, second.port(), onSecond)) {
      assertThat(socket.tryRegister("ui.wa")).isTrue();
      int mark = socket.mark();
      String id = send(onFirst, "dari node A");
      frame = socket.awaitOn(mark, "ui.wa", body -> mentions(body, id), 10_000);
    }
    // The page is away (its socket closed) while node A sends three more; a socket on A sees them published.
    String epoch = frame.getString("epoch");
    long seq = frame.getLong("seq");
    Set<String> missed = new HashSet<>();
    try (BridgeSocket watcher = BridgeSocket.open(vertx, first.port(), onFirst)) {
      assertThat(watcher.tryRegister("ui.wa")).isTrue();
      int mark = watcher.mark();
      for (int i = 0; i < 3; i++) {
        missed.add(send(onFirst, "selagi terputus " + i));
      }
      for (String id : missed) {
        watcher.awaitOn(mark, "ui.wa", body -> mentions(body, id), 10_000);
      }
    }
    JsonObject since = onSecond.get("/api/v1/live/since?stream=ui.wa&epoch=" + epoch + "&seq=" + seq).bodyAsJsonObject();
    assertThat(since.getBoolean("reset")).isFalse();
    List<JsonObject> frames = since.getJsonArray("frames").stream().map(JsonObject.class::cast).toList();
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).getLong("seq")).as("one by one after the last applied").isEqualTo(seq + 1 + i);
      assertThat(frames.get(i).getString("epoch")).isEqualTo(epoch);
    }
    assertThat(frames.get(frames.size() - 1).getLong("seq")).isEqualTo(since.getLong("seq"));
    assertThat(missed).allMatch(id -> frames.stream().anyMatch(f -> mentions(f, id)));
  }

  @Test
  @DisplayName("when the shared history no longer reaches back, since says reset and the snapshot is the way back")
  void historyGoneMeansSnapshot(Vertx vertx) throws Exception {
    Browser onSecond = second.admin(vertx);
    JsonObject snapshot = onSecond.get("/api/v1/live/snapshot?streams=ui.wa").bodyAsJsonObject().getJsonObject("streams")
        .getJsonObject("ui.wa");
    String epoch = snapshot.getString("epoch");
    long seq = snapshot.getLong("seq");
    Browser onFirst = first.admin(vertx);
    try (BridgeSocket socket = BridgeSocket.open(vertx, first.port(), onFirst)) {
      assertThat(socket.tryRegister("ui.wa")).isTrue();
      int mark = socket.mark();
      String id = send(onFirst, "sebelum riwayat hilang");
      socket.awaitOn(mark, "ui.wa", body -> mentions(body, id), 10_000);
    }
    // The history is trimmed away (as MAXLEN does to a page away too long).
    String frames = RedisKeys.liveStream("ui.wa", LocalDate.now(Times.BUSINESS_ZONE)).get(0);
    RedisAPI.api(first.node().redis()).xtrim(List.of(frames, "MAXLEN", "0")).await();
    JsonObject since = onSecond.get("/api/v1/live/since?stream=ui.wa&epoch=" + epoch + "&seq=" + seq).bodyAsJsonObject();
    assertThat(since.getBoolean("reset")).isTrue();
    assertThat(since.getJsonArray("frames")).isEmpty();
    assertThat(since.getLong("seq")).isGreaterThan(seq);
    // An epoch the stream never had is a reset too, not an error.
    assertThat(onSecond.get("/api/v1/live/since?stream=ui.wa&epoch=abc123&seq=1").bodyAsJsonObject().getBoolean("reset")).isTrue();
  }

  @Test
  @DisplayName("ui.ops shows both nodes, each reporting itself")
  void opsShowsBothNodes(Vertx vertx) {
    JsonObject ops = first.admin(vertx).get("/api/v1/live/snapshot?streams=ui.ops").bodyAsJsonObject().getJsonObject("streams")
        .getJsonObject("ui.ops");
    assertThat(ops.getJsonObject("data").getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .map(n -> n.getString("nodeId"))).contains(first.node().nodeId(), second.node().nodeId());
  }
}
