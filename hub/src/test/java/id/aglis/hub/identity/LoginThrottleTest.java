package id.aglis.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two nodes on the same PostgreSQL and Redis: failures counted on one are enforced by the other. */
@ExtendWith(VertxExtension.class)
class LoginThrottleTest {

  private static TestHub first;
  private static TestHub second;

  @BeforeAll
  static void startNodes() {
    Map<String, String> env = TestHub.environment("throttle");
    env.put("HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT", "3");
    env.put("HUB_LOGIN_MAX_FAILURES_PER_IP", "7");
    first = TestHub.start(env);
    second = TestHub.start(env);
  }

  @AfterAll
  static void stopNodes() {
    second.close();
    first.close();
  }

  private static HttpResponse<Buffer> attempt(Browser browser, String username, String password) {
    return browser.post("/api/v1/auth/staff/login", new JsonObject().put("username", username).put("password", password));
  }

  @Test
  @DisplayName("repeated failures lock an account, then an address, on every node, with Retry-After")
  void throttlesAcrossNodes(Vertx vertx) {
    Browser onFirst = first.browser(vertx);
    Browser onSecond = second.browser(vertx);
    for (int i = 0; i < 3; i++) {
      assertThat(attempt(onFirst, "admin", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    // The right password no longer helps, and the other node knows it.
    HttpResponse<Buffer> locked = attempt(onSecond, "admin", TestHub.ADMIN_PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.getHeader("Retry-After")).matches("\\d+");
    assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(1L, 15 * 60L);
    assertThat(locked.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("too_many_attempts");
    assertThat(locked.bodyAsString()).doesNotContainIgnoringCase("password is").doesNotContainIgnoringCase("unknown user");

    // Failures against other accounts from the same address add up to the per-address limit (7).
    for (int i = 0; i < 4; i++) {
      assertThat(attempt(onSecond, "someone" + i, "wrong").statusCode()).isEqualTo(401);
    }
    assertThat(attempt(onFirst, "fresh.account", "whatever").statusCode()).isEqualTo(429);
  }
}
