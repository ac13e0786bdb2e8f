package id.aglis.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.Scrape;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One address piling up connections cannot exhaust a node. On a node of its own with a long request deadline:
 * with ConnectionLimitsTest's 2 s one, the first connections were cut while the flood was still being opened
 * on a busy machine, freeing places that later ones took, and the test measured the deadline, not the cap.
 */
@ExtendWith(VertxExtension.class)
class ConnectionFloodTest {

  private static final int PER_ADDRESS = 50;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("connflood");
    env.put("HUB_HTTP_REQUEST_TIMEOUT_SECONDS", "120");
    env.put("HUB_HTTP_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(PER_ADDRESS));
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  @DisplayName("2,000 idle connections from one address: the node keeps the cap, and other clients are still served")
  void oneAddressCannotExhaustTheNode(Vertx vertx) throws Exception {
    NetClient flood = ConnectionLimitsTest.client(vertx, "127.0.0.8");
    List<ConnectionLimitsTest.Raw> held = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      held.add(ConnectionLimitsTest.connect(flood, hub.port()));
    }
    // Everything past the cap is closed by the hub at once. Which ones is the hub's order of accepting them, which two
    // event loops may swap for two neighbours; so the closes are counted, not taken to be the last 1,950.
    java.util.concurrent.CountDownLatch pastTheCap = new java.util.concurrent.CountDownLatch(held.size() - PER_ADDRESS);
    held.forEach(raw -> raw.closed().onComplete(closed -> pastTheCap.countDown()));
    assertThat(pastTheCap.await(10, TimeUnit.SECONDS)).as("connections past the cap closed").isTrue();
    assertThat(held.stream().filter(raw -> !raw.closed().isComplete()).count()).isEqualTo(PER_ADDRESS);
    String metrics = hub.browserFrom(vertx, "127.0.0.9").get("/metrics").bodyAsString();
    double refused = Scrape.sum(metrics, "aglis_http_connections_refused_total");
    assertThat(refused).isGreaterThanOrEqualTo(2_000 - PER_ADDRESS);

    Browser other = hub.browserFrom(vertx, "127.0.0.9");
    assertThat(other.get("/health").statusCode()).isEqualTo(200);
    Browser staff = hub.browserFrom(vertx, "127.0.0.10");
    assertThat(staff.staffLogin("admin", TestHub.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(staff.get("/api/v1/auth/me").bodyAsJsonObject().getString("username")).isEqualTo("admin");
    held.forEach(raw -> raw.socket().close());
  }
}
