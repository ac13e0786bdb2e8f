package id.aglis.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.AlertChanges;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.Scrape;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluator fails over between two clustered nodes (real Hazelcast, one PostgreSQL and Redis): when the node
 * running it stops, the other takes over, keeps evaluating, and does not page again for an alert already paged.
 */
@ExtendWith(VertxExtension.class)
class AlertFailoverTest {

  private static TestHub first;
  private static TestHub second;

  @BeforeAll
  static void startCluster() {
    int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    Map<String, String> env = TestHub.environment("alert-failover");
    env.put("HUB_CLUSTER", "true");
    env.put("HUB_CLUSTER_PORT", String.valueOf(port));
    env.put("HUB_CLUSTER_MEMBERS", "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2));
    env.put("HUB_ALERT_EVALUATE_MILLIS", "200");
    env.put("HUB_ALERT_SAMPLE_SECONDS", "1");
    first = TestHub.start(env);
    second = TestHub.start(env);
  }

  @AfterAll
  static void stopCluster() {
    second.close();
    if (first != null) {
      first.close();
    }
  }

  private static JsonObject rule(String name) {
    // The two nodes' process heaps always add up to more than nothing: a condition that holds on the cluster.
    return new JsonObject().put("name", name).put("metric", "aglis_jvm_heap_used_ratio").put("function", "last")
        .put("comparator", ">").put("threshold", 0).put("severity", "critical")
        .put("targets", new JsonObject().put("staff", new JsonArray().add("piket.gagal")).put("channels", new JsonArray().add("whatsapp")));
  }

  /** The first ui.alerts change (after {@code mark}) of rule {@code key} that says its alert was paged. */
  private static JsonObject awaitPaged(BridgeSocket socket, int mark, String key) throws InterruptedException {
    return AlertChanges.await(socket, mark, key, c -> "notified".equals(c.getString("change")), 40_000);
  }

  /** How many evaluation rounds this node has run (aglis_alert_evaluation_seconds_count on its /metrics). */
  private static double evaluations(Vertx vertx, TestHub node) {
    return Scrape.sum(node.browser(vertx).get("/metrics").bodyAsString(), "aglis_alert_evaluation_seconds_count");
  }

  @Test
  @DisplayName("the evaluator's node stops: the other node evaluates within seconds, and the alert already paged is not paged again")
  void failoverWithoutDuplicatePages(Vertx vertx) throws Exception {
    // Which node holds the evaluator shows in its round count; the other one watches and survives.
    for (int wait = 0; wait < 50 && evaluations(vertx, first) + evaluations(vertx, second) == 0; wait++) {
      io.vertx.core.Promise<Void> tick = io.vertx.core.Promise.promise();
      vertx.setTimer(200, t -> tick.complete()); // the first round comes a second after the singleton is taken
      tick.future().await();
    }
    TestHub holder = evaluations(vertx, first) > 0 ? first : second;
    TestHub survivor = holder == first ? second : first;
    assertThat(evaluations(vertx, holder)).as("one node evaluates").isPositive();
    Browser admin = survivor.admin(vertx);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", "piket.gagal").put("name", "Piket").put("role", "noc")
        .put("phone", "081299990021").put("password", "rahasia-noc-123")).statusCode()).isEqualTo(201);
    JsonObject before;
    try (BridgeSocket socket = BridgeSocket.open(vertx, survivor.port(), admin)) {
      assertThat(socket.tryRegister("ui.alerts")).isTrue();
      int mark = socket.mark();
      assertThat(admin.post("/api/v1/alerts/rules", rule("Sebelum")).statusCode()).isEqualTo(201);
      before = awaitPaged(socket, mark, "sebelum");

      holder.close();
      if (holder == first) {
        first = null;
      } else {
        second = first;
        first = null;
      }
      mark = socket.mark();
      assertThat(admin.post("/api/v1/alerts/rules", rule("Sesudah")).statusCode()).isEqualTo(201);
      // Paged by the evaluator now running on the surviving node (the singleton's wait bounds the takeover).
      awaitPaged(socket, mark, "sesudah");
    }
    assertThat(evaluations(vertx, survivor)).as("the survivor evaluates now").isPositive();

    JsonObject still = admin.get("/api/v1/alerts/" + before.getLong("id")).bodyAsJsonObject();
    assertThat(still.getString("state")).isEqualTo("firing");
    assertThat(still.getInteger("notifications")).isEqualTo(1);
    JsonArray pages = admin.get("/api/v1/messages?to=081299990021&limit=100").bodyAsJsonObject().getJsonArray("items");
    long pagesOfBefore = pages.stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("text") != null && m.getString("text").contains("ACK " + before.getString("code"))).count();
    assertThat(pagesOfBefore).isEqualTo(1);
  }
}
