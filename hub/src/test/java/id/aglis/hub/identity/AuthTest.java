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

@ExtendWith(VertxExtension.class)
class AuthTest {

  private static final String BOOTSTRAP = "bootstrap-token-for-tests-0123456789";
  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    Map<String, String> env = TestHub.environment("auth");
    env.put("HUB_BOOTSTRAP_TOKEN", BOOTSTRAP);
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject();
  }

  private static String code(HttpResponse<Buffer> response) {
    return json(response).getJsonObject("error").getString("code");
  }

  @Test
  @DisplayName("staff sign in, see themselves, sign out, and are then anonymous")
  void staffLoginAndLogout(Vertx vertx) {
    Browser browser = hub.browser(vertx);
    HttpResponse<Buffer> login = browser.staffLogin("admin", TestHub.ADMIN_PASSWORD);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(json(login).getString("role")).isEqualTo("admin");
    String setCookie = String.join("\n", login.cookies());
    assertThat(setCookie).contains("aglis.sid=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax");

    HttpResponse<Buffer> me = browser.get("/api/v1/auth/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(json(me).getString("username")).isEqualTo("admin");
    assertThat(json(me).getString("kind")).isEqualTo("staff");

    assertThat(browser.post("/api/v1/auth/logout", null).statusCode()).isEqualTo(204);
    assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a wrong password and an unknown user get the very same answer")
  void wrongCredentialsRevealNothing(Vertx vertx) {
    HttpResponse<Buffer> wrongPassword = hub.browser(vertx).post("/api/v1/auth/staff/login",
        new JsonObject().put("username", "admin").put("password", "not-the-password"));
    HttpResponse<Buffer> unknownUser = hub.browser(vertx).post("/api/v1/auth/staff/login",
        new JsonObject().put("username", "nobody.here").put("password", "not-the-password"));
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownUser.statusCode()).isEqualTo(401);
    assertThat(wrongPassword.bodyAsString()).isEqualTo(unknownUser.bodyAsString());
    assertThat(code(wrongPassword)).isEqualTo("invalid_credentials");
  }

  @Test
  @DisplayName("roles are enforced on the administration endpoints")
  void rolesEnforced(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", "cs.roles").put("name", "Dewi CS")
        .put("role", "cs").put("password", "cs-password-1")).statusCode()).isEqualTo(201);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", "spv.roles").put("name", "Rina SPV")
        .put("role", "supervisor").put("password", "spv-password-1")).statusCode()).isEqualTo(201);

    Browser cs = hub.browser(vertx);
    assertThat(cs.staffLogin("cs.roles", "cs-password-1").statusCode()).isEqualTo(200);
    assertThat(cs.get("/api/v1/staff").statusCode()).isEqualTo(403);
    assertThat(cs.get("/api/v1/customers").statusCode()).as("customer service reads customers").isEqualTo(200);
    assertThat(cs.post("/api/v1/customers", new JsonObject().put("name", "X")).statusCode()).isEqualTo(403);
    assertThat(cs.get("/api/v1/tokens").statusCode()).isEqualTo(403);

    Browser spv = hub.browser(vertx);
    assertThat(spv.staffLogin("spv.roles", "spv-password-1").statusCode()).isEqualTo(200);
    assertThat(spv.post("/api/v1/customers", new JsonObject().put("name", "Budi Santoso").put("phone", "0813-1111-2222"))
        .statusCode()).isEqualTo(201);
    assertThat(spv.get("/api/v1/staff").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> promote = spv.post("/api/v1/staff", new JsonObject().put("username", "sneaky").put("name", "S")
        .put("role", "admin").put("password", "password-123"));
    assertThat(promote.statusCode()).isEqualTo(403);
    assertThat(spv.get("/api/v1/tokens").statusCode()).isEqualTo(403);
    assertThat(hub.browser(vertx).get("/api/v1/staff").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("customers sign in by customer number or WhatsApp number and cannot reach staff endpoints")
  void customerCannotCallStaffEndpoints(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    HttpResponse<Buffer> created = admin.post("/api/v1/customers", new JsonObject().put("customerNo", "AGL-T-001")
        .put("name", "Siti Rahmawati").put("phone", "+62 812 7777 0001").put("plan", "Rumah 20 Mbps").put("password", "siti-password"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).getString("phone")).isEqualTo("6281277770001");

    Browser byNumber = hub.browser(vertx);
    assertThat(byNumber.customerLogin("agl-t-001", "siti-password").statusCode()).isEqualTo(200);
    Browser byPhone = hub.browser(vertx);
    HttpResponse<Buffer> login = byPhone.customerLogin("0812-7777-0001", "siti-password");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(json(login).getString("kind")).isEqualTo("customer");
    assertThat(json(login).getString("customerNo")).isEqualTo("AGL-T-001");

    assertThat(byPhone.get("/api/v1/customers").statusCode()).isEqualTo(403);
    assertThat(byPhone.get("/api/v1/staff").statusCode()).isEqualTo(403);
    assertThat(byPhone.get("/api/v1/customers/" + json(created).getLong("id")).statusCode()).isEqualTo(403);
    assertThat(byPhone.post("/api/v1/tokens", new JsonObject().put("name", "x").put("role", "admin")).statusCode()).isEqualTo(403);
    assertThat(json(byPhone.get("/api/v1/auth/me")).getString("name")).isEqualTo("Siti Rahmawati");
  }

  @Test
  @DisplayName("cookie-authenticated writes need the CSRF header; bearer-token writes do not")
  void csrfRequiredForCookieWrites(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    Browser forged = hub.admin(vertx).withoutCsrfHeader();
    HttpResponse<Buffer> refused = forged.post("/api/v1/customers", new JsonObject().put("name", "Forged"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("csrf");
    assertThat(forged.post("/api/v1/auth/logout", null).statusCode()).isEqualTo(403);

    assertThat(admin.post("/api/v1/customers", new JsonObject().put("name", "With Token")).statusCode()).isEqualTo(201);
    // After a refused write the token is still good for the next one.
    assertThat(admin.post("/api/v1/customers", new JsonObject().put("name", 42)).statusCode()).isEqualTo(400);
    assertThat(admin.post("/api/v1/customers", new JsonObject().put("name", "After A 400")).statusCode()).isEqualTo(201);

    Browser machine = hub.browser(vertx).withBearer(BOOTSTRAP);
    assertThat(machine.post("/api/v1/customers", new JsonObject().put("name", "Via Bearer")).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("API tokens are scoped by role, shown once, and stop working when revoked")
  void apiTokens(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    HttpResponse<Buffer> created = admin.post("/api/v1/tokens", new JsonObject().put("name", "billing").put("role", "supervisor"));
    assertThat(created.statusCode()).isEqualTo(201);
    String secret = json(created).getString("token");
    long id = json(created).getLong("id");
    assertThat(secret).startsWith("ahub_");
    assertThat(admin.get("/api/v1/tokens").bodyAsString()).doesNotContain(secret);

    Browser billing = hub.browser(vertx).withBearer(secret);
    assertThat(billing.get("/api/v1/customers").statusCode()).isEqualTo(200);
    assertThat(json(billing.get("/api/v1/auth/me")).getString("role")).isEqualTo("supervisor");
    assertThat(billing.post("/api/v1/tokens", new JsonObject().put("name", "escalate").put("role", "admin")).statusCode()).isEqualTo(403);

    assertThat(admin.delete("/api/v1/tokens/" + id).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> afterRevoke = billing.get("/api/v1/customers");
    assertThat(afterRevoke.statusCode()).isEqualTo(401);
    assertThat(code(afterRevoke)).isEqualTo("invalid_token");
    assertThat(hub.browser(vertx).withBearer("ahub_made-up").get("/api/v1/customers").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("disabling a staff account ends its sessions at once")
  void disablingEndsSessions(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    long id = json(admin.post("/api/v1/staff", new JsonObject().put("username", "noc.leaving").put("name", "Leaving")
        .put("role", "noc").put("password", "noc-password-1"))).getLong("id");
    Browser noc = hub.browser(vertx);
    assertThat(noc.staffLogin("noc.leaving", "noc-password-1").statusCode()).isEqualTo(200);
    assertThat(admin.delete("/api/v1/staff/" + id).statusCode()).isEqualTo(200);
    assertThat(noc.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
    assertThat(hub.browser(vertx).staffLogin("noc.leaving", "noc-password-1").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("changing one's own password ends one's other sessions; the session that changed it stays signed in")
  void ownPasswordChangeEndsOtherSessions(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    long id = json(admin.post("/api/v1/staff", new JsonObject().put("username", "admin.changer").put("name", "Changer")
        .put("role", "admin").put("password", "old-password-1"))).getLong("id");
    Browser changing = hub.browser(vertx);
    Browser elsewhere = hub.browser(vertx);
    assertThat(changing.staffLogin("admin.changer", "old-password-1").statusCode()).isEqualTo(200);
    assertThat(elsewhere.staffLogin("admin.changer", "old-password-1").statusCode()).isEqualTo(200);
    assertThat(elsewhere.get("/api/v1/auth/me").statusCode()).isEqualTo(200);

    assertThat(changing.put("/api/v1/staff/" + id, new JsonObject().put("password", "new-password-1")).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ended = elsewhere.get("/api/v1/auth/me");
    assertThat(ended.statusCode()).isEqualTo(401);
    assertThat(code(ended)).isNotBlank();
    assertThat(changing.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
    assertThat(changing.get("/api/v1/staff/" + id).statusCode()).isEqualTo(200);
    assertThat(hub.browser(vertx).staffLogin("admin.changer", "old-password-1").statusCode()).isEqualTo(401);
    assertThat(hub.browser(vertx).staffLogin("admin.changer", "new-password-1").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a password reset by an admin ends every session of that staff member or customer")
  void passwordResetEndsSessions(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    long staffId = json(admin.post("/api/v1/staff", new JsonObject().put("username", "cs.reset").put("name", "Reset")
        .put("role", "cs").put("password", "cs-password-1"))).getLong("id");
    Browser cs = hub.browser(vertx);
    assertThat(cs.staffLogin("cs.reset", "cs-password-1").statusCode()).isEqualTo(200);
    long customerId = json(admin.post("/api/v1/customers", new JsonObject().put("customerNo", "AGL-T-RST").put("name", "Budi")
        .put("password", "budi-password-1"))).getLong("id");
    Browser customer = hub.browser(vertx);
    assertThat(customer.customerLogin("AGL-T-RST", "budi-password-1").statusCode()).isEqualTo(200);
    assertThat(customer.get("/api/v1/auth/me").statusCode()).isEqualTo(200);

    // Other changes leave sessions alone.
    assertThat(admin.put("/api/v1/staff/" + staffId, new JsonObject().put("name", "Reset Renamed")).statusCode()).isEqualTo(200);
    assertThat(cs.get("/api/v1/auth/me").statusCode()).isEqualTo(200);

    assertThat(admin.put("/api/v1/staff/" + staffId, new JsonObject().put("password", "cs-password-2")).statusCode()).isEqualTo(200);
    assertThat(admin.put("/api/v1/customers/" + customerId, new JsonObject().put("password", "budi-password-2")).statusCode())
        .isEqualTo(200);
    assertThat(cs.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
    assertThat(customer.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
    assertThat(admin.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
    assertThat(hub.browser(vertx).staffLogin("cs.reset", "cs-password-2").statusCode()).isEqualTo(200);
    assertThat(hub.browser(vertx).customerLogin("AGL-T-RST", "budi-password-2").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("logins, token use and administrative changes are in the audit log, without secrets")
  void auditTrail(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    admin.post("/api/v1/staff", new JsonObject().put("username", "audited").put("name", "A").put("role", "cs").put("password", "secret-pass-9"));
    hub.browser(vertx).withBearer(BOOTSTRAP).get("/api/v1/auth/me");
    String audit = admin.get("/api/v1/audit?limit=200").bodyAsString();
    assertThat(audit).contains("\"auth.login\"").contains("\"staff.created\"").contains("\"token.used\"");
    assertThat(audit).doesNotContain("secret-pass-9").doesNotContain(BOOTSTRAP).doesNotContain(TestHub.ADMIN_PASSWORD);
  }
}
