package id.aglis.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aglis.hub.config.HubConfig;
import id.aglis.hub.platform.ClusterSingleton;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two clustered hub nodes in one JVM (real Hazelcast over loopback), on one PostgreSQL and one Redis. */
@ExtendWith(VertxExtension.class)
class ClusterTest {

  private static int clusterPort;
  private static TestHub first;
  private static TestHub second;

  @BeforeAll
  static void startCluster() {
    clusterPort = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    Map<String, String> env = TestHub.environment("cluster");
    env.put("HUB_CLUSTER", "true");
    env.put("HUB_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("HUB_CLUSTER_MEMBERS", members());
    first = TestHub.start(env);
    second = TestHub.start(env);
  }

  private static String members() {
    return "127.0.0.1:" + clusterPort + ",127.0.0.1:" + (clusterPort + 1) + ",127.0.0.1:" + (clusterPort + 2) + ",127.0.0.1:" + (clusterPort + 3);
  }

  @AfterAll
  static void stopCluster() {
    second.close();
    first.close();
  }

  @Test
  @DisplayName("a message published on one node is received on the other")
  void eventBusSpansNodes(VertxTestContext test) {
    JsonObject sent = new JsonObject().put("hello", "from the first node");
    second.vertx().eventBus().<JsonObject>consumer("test.cluster.ping", message -> test.verify(() -> {
      assertThat(message.body()).isEqualTo(sent);
      test.completeNow();
    })).completion().onSuccess(registered -> first.vertx().eventBus().publish("test.cluster.ping", sent));
  }

  @Test
  @DisplayName("both nodes report a two-member cluster as ready")
  void readyShowsCluster(Vertx vertx) {
    JsonObject ready = second.browser(vertx).get("/ready").bodyAsJsonObject();
    assertThat(ready.getString("status")).isEqualTo("UP");
    JsonObject cluster = ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals("cluster")).findFirst().orElseThrow();
    assertThat(cluster.getString("status")).isEqualTo("UP");
    assertThat(cluster.getJsonObject("data").getInteger("members")).isEqualTo(2);
  }

  @Test
  @DisplayName("a session started on one node is served by the other, and a revoked token fails on both at once")
  void sessionsAndRevocationSpanNodes(Vertx vertx) {
    Browser admin = first.browser(vertx);
    assertThat(admin.staffLogin("admin", TestHub.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    JsonObject token = admin.post("/api/v1/tokens", new JsonObject().put("name", "crm").put("role", "cs")).bodyAsJsonObject();

    Browser onSecond = second.browser(vertx).withBearer(token.getString("token"));
    assertThat(onSecond.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
    assertThat(admin.delete("/api/v1/tokens/" + token.getLong("id")).statusCode()).isEqualTo(200);
    assertThat(onSecond.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
    assertThat(first.browser(vertx).withBearer(token.getString("token")).get("/api/v1/auth/me").statusCode()).isEqualTo(401);
  }

  /** Holds a flag while deployed, so the test can see which node runs the singleton. */
  static final class Flag extends VerticleBase {
    private final boolean[] active;
    private final CompletableFuture<Void> started;

    Flag(boolean[] active, CompletableFuture<Void> started) {
      this.active = active;
      this.started = started;
    }

    @Override
    public Future<?> start() {
      active[0] = true;
      started.complete(null);
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      active[0] = false;
      return Future.succeededFuture();
    }
  }

  @Test
  @DisplayName("a cluster singleton runs on one node only and moves when its holder is killed")
  void singletonFailsOver() throws Exception {
    int port = clusterPort + 50;
    HubConfig.Cluster cluster = new HubConfig.Cluster(true, List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1)), port, 0, null);
    HazelcastClusterManager managerA = ClusterConfig.clusterManager(cluster);
    HazelcastClusterManager managerB = ClusterConfig.clusterManager(cluster);
    Vertx a = Vertx.builder().withClusterManager(managerA).buildClustered().await();
    Vertx b = Vertx.builder().withClusterManager(managerB).buildClustered().await();
    try {
      boolean[] onA = {false};
      boolean[] onB = {false};
      CompletableFuture<Void> startedOnA = new CompletableFuture<>();
      CompletableFuture<Void> startedOnB = new CompletableFuture<>();
      ClusterSingleton singletonA = ClusterSingleton.start(a, "test.evaluator", () -> new Flag(onA, startedOnA), 500);
      startedOnA.get(10, TimeUnit.SECONDS);
      // The holder counts as active once its deployment completes, just after the verticle's start.
      singletonA.whenActive().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      ClusterSingleton singletonB = ClusterSingleton.start(b, "test.evaluator", () -> new Flag(onB, startedOnB), 500);
      // B keeps asking (every 500 ms) but must not get it while A holds it: nothing signals "did not start", so
      // this waits out three of B's tries, failing at once if B starts.
      assertThatThrownBy(() -> startedOnB.get(1_500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(onA[0]).isTrue();
      assertThat(onB[0]).isFalse();
      assertThat(singletonB.isActive()).isFalse();

      // Kill A's cluster membership abruptly, as a crashed process would lose it.
      managerA.getHazelcastInstance().getLifecycleService().terminate();
      startedOnB.get(30, TimeUnit.SECONDS);
      singletonB.whenActive().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(singletonB.isActive()).isTrue();
      assertThat(onB[0]).isTrue();

      singletonB.stop().await();
      assertThat(onB[0]).isFalse();
    } finally {
      b.close().await();
      a.close().toCompletionStage().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
    }
  }
}
