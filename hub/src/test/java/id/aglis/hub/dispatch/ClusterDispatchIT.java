package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.FonnteWatcher;
import id.aglis.hub.testing.HubProcess;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered hub processes (the shaded jar, real Hazelcast) on one PostgreSQL and one Redis, sending
 * through the same two devices of a fake Fonnte. Limits are checked where they matter: in the arrival
 * times the fake saw, not in the hub's own counters.
 */
@ExtendWith(VertxExtension.class)
class ClusterDispatchIT {

  private static final String TOKEN = "cluster-dispatch-it-token-0123456789";
  private static final String A = "6281100000001";
  private static final String B = "6281100000002";

  private Vertx fakeVertx;
  private FakeFonnte fonnte;
  private FonnteWatcher gateway;
  private final List<HubProcess> nodes = new ArrayList<>();
  /** The nodes' logs: removed after a test that passed, kept for reading after one that failed. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  @BeforeEach
  void startFake() throws Exception {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(A, "token-a").device(B, "token-b");
    fonnte.start().await();
    gateway = new FonnteWatcher(fonnte);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (HubProcess node : nodes) {
      node.stop();
    }
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private Map<String, String> environment(JsonArray devices, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(TestHub.environment("clusterit"));
    int clusterPort = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    env.put("HUB_CLUSTER", "true");
    env.put("HUB_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("HUB_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort + ",127.0.0.1:" + (clusterPort + 1) + ",127.0.0.1:" + (clusterPort + 2));
    env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    env.put("HUB_HTTP_INSTANCES", "1");
    env.put("FONNTE_BASE_URL", fonnte.baseUrl());
    env.put("FONNTE_DEVICES", devices.encode());
    env.put("HUB_WA_QUIET_HOURS", "off");
    env.put("HUB_WA_RECIPIENT_PER_HOUR", "10000");
    env.putAll(extra);
    return env;
  }

  private void startNodes(Vertx vertx, Map<String, String> env, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      nodes.add(HubProcess.start(env, logs.resolve("node" + i + ".log")));
    }
    for (HubProcess node : nodes) {
      awaitReady(vertx, node);
    }
  }

  private static void awaitReady(Vertx vertx, HubProcess node) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      assertThat(node.process().isAlive()).as("hub process exited during start-up").isTrue();
      try {
        if (new TestHub.External(node.port()).browser(vertx).get("/ready").statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("a hub process was not ready in time");
  }

  private Browser api(Vertx vertx, int node) {
    return new TestHub.External(nodes.get(node).port()).browser(vertx).withBearer(TOKEN);
  }

  private static JsonObject device(String number, String token, int perMinute, long minGapMs) {
    return new JsonObject().put("device", number).put("token", token).put("perMinute", perMinute).put("perHour", 100_000)
        .put("perDay", 100_000).put("minGapMs", minGapMs).put("jitterMs", 0);
  }

  @Test
  @DisplayName("three nodes hold the per-device gap, the per-device minute and the global minute, as the gateway saw it")
  void limitsHoldAcrossThreeNodes(Vertx vertx) throws Exception {
    JsonArray devices = new JsonArray().add(device(A, "token-a", 5, 400)).add(device(B, "token-b", 5, 400));
    // The gaps are judged by the fake's arrival stamps: a cold fake would stamp the first sends late.
    fonnte.warmUp(20).await();
    startNodes(vertx, environment(devices, Map.of("HUB_WA_GLOBAL_PER_MINUTE", "8")), 3);
    for (int i = 0; i < 24; i++) {
      // Spread over the three nodes: every node's workers compete for the same devices.
      assertThat(api(vertx, i % 3).post("/api/v1/messages", new JsonObject().put("to", "62812555" + String.format("%05d", i))
          .put("text", "Info gangguan " + i)).statusCode()).isEqualTo(202);
    }
    // Eight may go in the first minute: wait until they have, then give the cluster time to overstep if it would.
    gateway.await(r -> true, 8, 30_000);
    // Nothing signals "no ninth send": watch for three seconds, failing as soon as one arrives.
    List<FakeFonnte.Received> received = gateway.assertAtMostFor(r -> true, 8, 3_000);
    assertThat(received).as("global limit: 8 a minute").hasSize(8);
    for (String device : List.of(A, B)) {
      List<FakeFonnte.Received> sends = received.stream().filter(r -> r.device().equals(device)).toList();
      assertThat(sends.size()).as("per-device limit on " + device).isLessThanOrEqualTo(5);
      for (int i = 1; i < sends.size(); i++) {
        long gapMs = (sends.get(i).arrivedAtNanos() - sends.get(i - 1).arrivedAtNanos()) / 1_000_000;
        assertThat(gapMs).as("gap on " + device).isGreaterThanOrEqualTo(400);
      }
    }
  }

  @Test
  @DisplayName("a node killed mid-send loses nothing: its claims expire and the others finish the work")
  void killedNodeLosesNothing(Vertx vertx) throws Exception {
    JsonArray devices = new JsonArray().add(device(A, "token-a", 10_000, 0)).add(device(B, "token-b", 10_000, 0));
    startNodes(vertx, environment(devices, Map.of("HUB_WA_LEASE_SECONDS", "3", "HUB_WA_UNKNOWN_WINDOW_SECONDS", "2",
        "HUB_WA_CONCURRENCY", "4")), 3);
    // Every send takes a while at the gateway, so some are in flight on every node when one dies.
    for (int i = 0; i < 6; i++) {
      fonnte.nextReply(Reply.delay(Duration.ofMillis(1_500), Reply.accept()));
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(api(vertx, 0).post("/api/v1/messages", new JsonObject().put("to", "62812666" + String.format("%05d", i))
          .put("text", "Pemberitahuan " + i)).bodyAsJsonObject().getString("id"));
    }
    gateway.await(r -> true, 1, 10_000);
    nodes.get(1).kill();
    nodes.remove(1).process();

    long deadline = System.currentTimeMillis() + 90_000;
    List<String> unfinished = ids;
    while (!unfinished.isEmpty() && System.currentTimeMillis() < deadline) {
      Browser api = api(vertx, 0);
      unfinished = unfinished.stream()
          .filter(id -> !"sent".equals(api.get("/api/v1/messages/" + id).bodyAsJsonObject().getString("status")))
          .toList();
      Thread.sleep(250);
    }
    assertThat(unfinished).as("messages not sent after a node was killed").isEmpty();
    // Every message reached the gateway; the ones the dead node had in flight may have reached it twice.
    for (int i = 0; i < 30; i++) {
      String to = "62812666" + String.format("%05d", i);
      assertThat(fonnte.received().stream().filter(r -> r.target().equals(to)).count()).as(to).isBetween(1L, 2L);
    }
  }
}
