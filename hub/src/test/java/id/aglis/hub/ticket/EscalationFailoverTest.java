package id.aglis.hub.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.MovableClock;
import id.aglis.hub.testing.Scrape;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SLA escalation fails over between two clustered nodes (real Hazelcast, one PostgreSQL and Redis): the node
 * running it acts at 75 %, then stops; the other takes over, acts at the breach, and does not act at 75 % again.
 */
@ExtendWith(VertxExtension.class)
class EscalationFailoverTest {

  private static final MovableClock CLOCK = new MovableClock(OffsetDateTime.parse("2026-12-07T09:00:00+07:00").toInstant());
  private static TestHub first;
  private static TestHub second;

  @BeforeAll
  static void startCluster() {
    int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    Map<String, String> env = TestHub.environment("ticket-failover");
    env.put("HUB_CLUSTER", "true");
    env.put("HUB_CLUSTER_PORT", String.valueOf(port));
    env.put("HUB_CLUSTER_MEMBERS", "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2));
    env.put("HUB_TICKET_ESCALATE_SECONDS", "1");
    first = TestHub.start(env, CLOCK);
    second = TestHub.start(env, CLOCK);
  }

  @AfterAll
  static void stopCluster() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  /** Escalation passes this node has run ({@code aglis_ticket_escalation_seconds_count} on its /metrics). */
  private static double passes(Vertx vertx, TestHub node) {
    return Scrape.sum(node.browser(vertx).get("/metrics").bodyAsString(), "aglis_ticket_escalation_seconds_count");
  }

  private static JsonObject awaitEvent(BridgeSocket socket, int mark, long id, String event) throws InterruptedException {
    return socket.awaitOn(mark, "ui.tickets", frame -> frame.getJsonObject("data").getJsonArray("changes").stream()
        .map(JsonObject.class::cast).anyMatch(c -> c.getLong("id") == id && event.equals(c.getString("event"))), 40_000);
  }

  @Test
  @DisplayName("the escalation's node stops after the warning: the other node acts at the breach, and the warning is not repeated")
  void failoverActsOncePerThreshold(Vertx vertx) throws Exception {
    for (int wait = 0; wait < 100 && passes(vertx, first) + passes(vertx, second) == 0; wait++) {
      Promise<Void> tick = Promise.promise();
      vertx.setTimer(100, t -> tick.complete()); // the first pass comes once a node holds the singleton
      tick.future().await();
    }
    TestHub holder = passes(vertx, first) > 0 ? first : second;
    TestHub survivor = holder == first ? second : first;
    assertThat(passes(vertx, holder)).as("one node escalates").isPositive();
    assertThat(passes(vertx, survivor)).as("only one").isZero();

    Browser admin = survivor.admin(vertx);
    JsonObject customer = admin.post("/api/v1/customers", new JsonObject().put("name", "Gilang").put("phone", "081277001122"))
        .bodyAsJsonObject();
    long id = admin.post("/api/v1/tickets", new JsonObject().put("customerNo", customer.getString("customerNo")).put("category", "lainnya")
        .put("subject", "Ganti paket").put("description", "Naik ke 50 Mbps").put("priority", "urgent")).bodyAsJsonObject().getLong("id");
    try (BridgeSocket socket = BridgeSocket.open(vertx, survivor.port(), admin)) {
      assertThat(socket.tryRegister("ui.tickets")).isTrue();
      int mark = socket.mark();
      CLOCK.advance(Duration.ofMinutes(23)); // 75 % of the 30-minute urgent response target
      awaitEvent(socket, mark, id, "sla.warning");

      holder.close();
      if (holder == first) {
        first = null;
      } else {
        second = null;
      }
      mark = socket.mark();
      CLOCK.advance(Duration.ofMinutes(8));
      awaitEvent(socket, mark, id, "sla.breached");
    }
    assertThat(passes(vertx, survivor)).as("the survivor escalates now").isPositive();
    JsonObject ticket = admin.get("/api/v1/tickets/" + id).bodyAsJsonObject();
    assertThat(ticket.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event"))
        .filter(e -> e.startsWith("sla.")).toList()).containsExactly("sla.warning", "sla.breached");
    assertThat(ticket.getJsonObject("sla").getString("state")).isEqualTo("breached");
  }
}
