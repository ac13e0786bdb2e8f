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

/**
 * Two nodes on the same PostgreSQL and Redis: failures counted on one are enforced by the other. Requests
 * arrive through a trusted proxy (127.0.0.1), so {@code X-Forwarded-For} sets each client's address.
 */
@ExtendWith(VertxExtension.class)
class LoginThrottleTest {

  private static final String BOOTSTRAP = "bootstrap-token-for-throttle-tests-0123";
  private static TestHub first;
  private static TestHub second;

  @BeforeAll
  static void startNodes() {
    Map<String, String> env = TestHub.environment("throttle");
    env.put("HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT", "3");
    env.put("HUB_LOGIN_MAX_FAILURES_PER_IP", "7");
    env.put("HUB_TRUSTED_PROXIES", "127.0.0.1");
    env.put("HUB_BOOTSTRAP_TOKEN", BOOTSTRAP);
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

  private static void createStaff(Vertx vertx, String username, String password) {
    assertThat(first.browser(vertx).withBearer(BOOTSTRAP).post("/api/v1/staff", new JsonObject().put("username", username)
        .put("name", username).put("role", "cs").put("password", password)).statusCode()).isEqualTo(201);
  }

  private static Browser from(Vertx vertx, TestHub node, String address) {
    return node.browser(vertx).withHeader("X-Forwarded-For", address);
  }

  @Test
  @DisplayName("repeated failures from one address throttle that address for the account; the owner elsewhere still signs in")
  void attackerCannotLockOutTheOwner(Vertx vertx) {
    createStaff(vertx, "cs.target", "owner-password-1");
    Browser attacker = from(vertx, first, "203.0.113.10");
    for (int i = 0; i < 3; i++) {
      assertThat(attempt(attacker, "cs.target", "guess-" + i).statusCode()).isEqualTo(401);
    }
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> throttled = attempt(attacker, "cs.target", "guess-more-" + i);
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isBetween(1L, 15 * 60L);
      JsonObject error = throttled.bodyAsJsonObject().getJsonObject("error");
      assertThat(error.getString("code")).isEqualTo("too_many_attempts");
      assertThat(error.getString("message")).isNotBlank();
    }
    // The owner, from an address without failures and on the other node, is not locked out.
    assertThat(attempt(from(vertx, second, "198.51.100.20"), "cs.target", "owner-password-1").statusCode()).isEqualTo(200);
    // The attacker's address stays throttled for that account, whatever password it tries.
    assertThat(attempt(attacker, "cs.target", "owner-password-1").statusCode()).isEqualTo(429);
  }

  @Test
  @DisplayName("failures spread over many addresses slow the account down for seconds, they do not lock it for the window")
  void accountWideFailuresSlowDown(Vertx vertx) {
    createStaff(vertx, "cs.spread", "owner-password-2");
    // Four times the per-address limit (3) across the account: twelve failures, two from each of six addresses.
    for (int i = 0; i < 12; i++) {
      assertThat(attempt(from(vertx, i % 2 == 0 ? first : second, "192.0.2." + (10 + i / 2)), "cs.spread", "guess-" + i)
          .statusCode()).as("failure %d", i).isEqualTo(401);
    }
    // Beyond the account-wide limit, addresses that already failed on the account are spaced: one goes
    // through, the next right after it waits a second or two (not fifteen minutes).
    assertThat(attempt(from(vertx, first, "192.0.2.10"), "cs.spread", "guess-paced").statusCode()).isEqualTo(401);
    HttpResponse<Buffer> slowed = attempt(from(vertx, second, "192.0.2.11"), "cs.spread", "guess-paced-2");
    assertThat(slowed.statusCode()).isEqualTo(429);
    assertThat(slowed.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("too_many_attempts");
    assertThat(Long.parseLong(slowed.getHeader("Retry-After"))).isBetween(1L, 5L);
    // The owner, from an address without failures on the account, is never held back: the attackers cannot
    // take the owner's turns however many addresses they spread over.
    assertThat(attempt(from(vertx, second, "198.51.100.30"), "cs.spread", "owner-password-2").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("repeated failures throttle an account from that address, then the address, on every node, with Retry-After")
  void throttlesAcrossNodes(Vertx vertx) {
    Browser onFirst = first.browser(vertx);
    Browser onSecond = second.browser(vertx);
    for (int i = 0; i < 3; i++) {
      assertThat(attempt(onFirst, "admin", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    // From that address the right password no longer helps, and the other node knows it.
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
