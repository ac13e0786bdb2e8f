package id.aglis.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Behind a trusted proxy, the login throttle counts each real client, not the proxy. */
@ExtendWith(VertxExtension.class)
class ClientAddressTest {

  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("clientaddress");
    env.put("HUB_TRUSTED_PROXIES", "127.0.0.1");
    env.put("HUB_LOGIN_MAX_FAILURES_PER_IP", "3");
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static int attempt(Browser browser, String username) {
    return browser.post("/api/v1/auth/staff/login", new JsonObject().put("username", username).put("password", "wrong-password"))
        .statusCode();
  }

  @Test
  @DisplayName("one client's failures through the proxy lock that client out, not the others behind the same proxy")
  void countsRealClients(Vertx vertx) {
    Browser attacker = hub.browser(vertx).withHeader("X-Forwarded-For", "203.0.113.5");
    for (int i = 0; i < 3; i++) {
      assertThat(attempt(attacker, "user" + i)).isEqualTo(401);
    }
    assertThat(attempt(attacker, "another")).isEqualTo(429);
    Browser neighbour = hub.browser(vertx).withHeader("X-Forwarded-For", "203.0.113.6");
    assertThat(attempt(neighbour, "neighbour")).isEqualTo(401);
    // A forged header cannot pose as the neighbour through an untrusted hop: the right-most untrusted wins.
    Browser forger = hub.browser(vertx).withHeader("X-Forwarded-For", "203.0.113.6, 203.0.113.5");
    assertThat(attempt(forger, "forger")).isEqualTo(429);
  }
}
