package id.aglis.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.BusEvents;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code ui.metrics} sample against what really happens on the node: requests served, PostgreSQL connections
 * held and waited for, an event loop blocked, a console socket open.
 */
@ExtendWith(VertxExtension.class)
class MetricsSampleTest {

  private static final int POOL_SIZE = 3;
  /** The dispatcher's keyed pool ({@code Node.KEYED_POOL_SIZE}), counted with the shared one. */
  private static final int KEYED_POOL_SIZE = 4;
  /** Two samples' time and some: each wait below needs at most the next full sample. */
  private static final long SAMPLE_WAIT_MS = 3 * MetricsStream.SAMPLE_MS;

  private static TestHub hub;
  private static BusEvents samples;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("metrics");
    env.put("HUB_PG_POOL_SIZE", String.valueOf(POOL_SIZE));
    hub = TestHub.start(env);
    // Every node's frames travel on live.frames; this node's ui.metrics samples are the ones wanted here.
    samples = new BusEvents(hub.vertx(), Addresses.LIVE_FRAMES);
  }

  @AfterAll
  static void stop() {
    samples.close();
    hub.close();
  }

  private static JsonObject awaitSample(int mark, java.util.function.Predicate<JsonObject> which) throws InterruptedException {
    return samples.await(mark, frame -> Addresses.UI_METRICS.equals(frame.getString("stream")) && which.test(frame.getJsonObject("data")),
        SAMPLE_WAIT_MS).getJsonObject("data");
  }

  @Test
  @DisplayName("after some requests a sample counts them, and every figure is in its range")
  void requestsAndSaneFigures(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), admin)) {
      assertThat(socket.tryRegister(Addresses.UI_METRICS)).isTrue();
      int mark = samples.mark();
      for (int i = 0; i < 40; i++) {
        assertThat(admin.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
      }
      JsonObject sample = awaitSample(mark, s -> s.getDouble("httpRequestsPerSecond") > 0);

      assertThat(sample.getString("nodeId")).isEqualTo(hub.node().nodeId());
      assertThat(sample.getString("at")).endsWith("Z");
      // 40 requests (and the socket's upgrade) spread over one or two 5-second samples.
      assertThat(sample.getDouble("httpRequestsPerSecond")).isBetween(0.2, 1000.0);
      assertThat(sample.getDouble("httpP95Ms")).isGreaterThan(0.0).isLessThan(10_000.0);
      assertThat(sample.getDouble("eventLoopLagMs")).isBetween(0.0, 10_000.0);
      assertThat(sample.getLong("heapUsedBytes")).isPositive().isLessThanOrEqualTo(sample.getLong("heapMaxBytes"));
      assertThat(sample.getDouble("cpu")).isBetween(0.0, 1.0);
      assertThat(sample.getLong("pgSize")).as("both PostgreSQL pools, nothing else").isEqualTo(POOL_SIZE + KEYED_POOL_SIZE);
      assertThat(sample.getLong("pgInUse")).isBetween(0L, (long) POOL_SIZE + KEYED_POOL_SIZE);
      assertThat(sample.getLong("pgWaiting")).isNotNegative();
      assertThat(sample.getDouble("redisMs")).isGreaterThan(0.0).isLessThan(5_000.0);
      assertThat(sample.getInteger("sockets")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  @DisplayName("connections held and a query waiting show as the PostgreSQL pool in use and waiting, then free again")
  void poolUseAndWaiting() throws Exception {
    List<SqlConnection> held = new ArrayList<>();
    Future<RowSet<Row>> waiting;
    try {
      for (int i = 0; i < POOL_SIZE; i++) {
        held.add(hub.node().pool().getConnection().await());
      }
      int mark = samples.mark();
      waiting = hub.node().pool().query("select 1").execute();
      JsonObject busy = awaitSample(mark, s -> s.getLong("pgWaiting") >= 1);
      assertThat(busy.getLong("pgInUse")).isGreaterThanOrEqualTo(POOL_SIZE);
    } finally {
      held.forEach(SqlConnection::close);
    }
    waiting.await();
    int mark = samples.mark();
    awaitSample(mark, s -> s.getLong("pgWaiting") == 0 && s.getLong("pgInUse") < POOL_SIZE);
  }

  @Test
  @DisplayName("an event loop blocked for a second shows as lag")
  void blockedLoop() throws Exception {
    int mark = samples.mark();
    // A context of its own: the next event loop in turn, whichever verticles share it.
    // A second, so that wherever the block starts in the probe's period, its probe runs at least 500 ms late.
    hub.vertx().getOrCreateContext().runOnContext(v -> {
      long until = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    });
    assertThat(awaitSample(mark, s -> s.getDouble("eventLoopLagMs") >= 500).getDouble("eventLoopLagMs")).isLessThan(10_000.0);
  }
}
