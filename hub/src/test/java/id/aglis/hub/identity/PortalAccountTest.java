package id.aglis.hub.identity;

import static id.aglis.hub.testing.ApiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer's own account in the portal, on a real node with the dispatcher against a fake Fonnte: a forgotten
 * password reset by a WhatsApp code (throttled, once only, ending other sessions), the profile with plan and status
 * from the customers API, a new WhatsApp number proved by a code sent to it, a password change that keeps this
 * device and signs out the others, and the promotions switch the dispatcher honours. Codes never show on staff pages.
 */
@ExtendWith(VertxExtension.class)
class PortalAccountTest {

  private static final String TOKEN = "bearer-token-for-account-tests-0123";
  private static final String DEVICE = "6281100000401";
  private static final String PASSWORD = "pelanggan-rahasia-1";
  private static final AtomicInteger PHONES = new AtomicInteger(1);
  private static final Pattern CODE = Pattern.compile("\\*([0-9]{6})\\*");

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;
  /** Every WhatsApp text the fake received, by recipient, in arrival order. */
  private static final Map<String, BlockingQueue<String>> SENT = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-account");
    fonnte.onReceived(r -> SENT.computeIfAbsent(r.target(), t -> new LinkedBlockingQueue<>()).add(r.message()));
    fonnte.start().await();
    hub = TestHub.start(TestHub.dispatchEnvironment("account", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-account")));
  }

  @AfterAll
  static void stop() {
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private static String newPhone() {
    return String.format("62812%08d", 77_000_000 + PHONES.getAndIncrement());
  }

  private static JsonObject customer(Vertx vertx) {
    HttpResponse<Buffer> created = hub.admin(vertx).post("/api/v1/customers", new JsonObject().put("name", "Rina Lestari")
        .put("phone", newPhone()).put("plan", new JsonObject().put("name", "Rumah 30 Mbps").put("speed", 30).put("price", 300_000))
        .put("password", PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static Browser signedIn(Vertx vertx, String login, String password) {
    return hub.customer(vertx, login, password);
  }

  /** The six-digit code in the next WhatsApp message to {@code phone}. */
  private static String codeSentTo(String phone) throws InterruptedException {
    String text = SENT.computeIfAbsent(phone, t -> new LinkedBlockingQueue<>()).poll(20, TimeUnit.SECONDS);
    assertThat(text).as("a WhatsApp message to " + phone).isNotNull();
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  private static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  @Test
  @DisplayName("lupa kata sandi: a code on WhatsApp sets a new password, signs in with a new session id, works once, and ends the other sessions")
  void resetByWhatsAppCode(Vertx vertx) throws Exception {
    JsonObject rina = customer(vertx);
    String phone = rina.getString("phone");
    Browser elsewhere = signedIn(vertx, rina.getString("customerNo"), PASSWORD);

    Browser browser = hub.browser(vertx);
    HttpResponse<Buffer> asked = browser.post("/api/v1/auth/customer/reset-code", new JsonObject().put("login", "0" + phone.substring(2)));
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(202);
    assertThat(asked.bodyAsJsonObject()).isEqualTo(new JsonObject().put("expiresInSeconds", 600).put("resendInSeconds", 60));
    String code = codeSentTo(phone);

    // Asked again at once: too soon, and the answer says when to try.
    HttpResponse<Buffer> again = browser.post("/api/v1/auth/customer/reset-code", new JsonObject().put("login", rina.getString("customerNo")));
    assertError(again, 429, "too_many_codes", null);
    assertThat(again.getHeader("Retry-After")).isNotNull();

    JsonObject body = new JsonObject().put("login", rina.getString("customerNo")).put("password", "sandi-baru-rina-1");
    assertError(browser.post("/api/v1/auth/customer/reset", body.copy().put("code", wrong(code))), 400, "invalid_code", null);
    assertError(browser.post("/api/v1/auth/customer/reset", body.copy().put("code", code).put("password", "pendek")), 400,
        "invalid_field", "password");
    HttpResponse<Buffer> reset = browser.post("/api/v1/auth/customer/reset", body.copy().put("code", code));
    assertThat(reset.statusCode()).as(reset.bodyAsString()).isEqualTo(200);
    assertThat(reset.bodyAsJsonObject().getString("customerNo")).isEqualTo(rina.getString("customerNo"));
    String session = browser.sessionCookie();
    assertThat(session).isNotNull();
    assertThat(browser.get("/api/v1/auth/me").statusCode()).isEqualTo(200);

    // Once only; the old password and the other device's session are over.
    assertError(hub.browser(vertx).post("/api/v1/auth/customer/reset", body.copy().put("code", code)), 400, "invalid_code", null);
    assertThat(elsewhere.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
    assertThat(hub.browser(vertx).customerLogin(rina.getString("customerNo"), PASSWORD).statusCode()).isEqualTo(401);
    signedIn(vertx, phone, "sandi-baru-rina-1");
  }

  @Test
  @DisplayName("a reset code is void after five wrong tries, which also hold the address back; an unknown login gets the same answer, throttled alike")
  void resetCodeTriesAndUnknownLogins(Vertx vertx) throws Exception {
    JsonObject rina = customer(vertx);
    Browser browser = hub.browser(vertx);
    assertThat(browser.post("/api/v1/auth/customer/reset-code", new JsonObject().put("login", rina.getString("customerNo"))).statusCode())
        .isEqualTo(202);
    String code = codeSentTo(rina.getString("phone"));
    JsonObject body = new JsonObject().put("login", rina.getString("customerNo")).put("password", "sandi-baru-rina-2");
    for (int i = 0; i < 5; i++) {
      assertError(browser.post("/api/v1/auth/customer/reset", body.copy().put("code", wrong(code))), 400, "invalid_code", null);
    }
    // Five wrong codes are five failed sign-ins: this address waits now; and from anywhere, that code is dead.
    assertError(browser.post("/api/v1/auth/customer/reset", body.copy().put("code", code)), 429, "too_many_attempts", null);
    assertError(hub.browserFrom(vertx, "127.0.0.3").post("/api/v1/auth/customer/reset", body.copy().put("code", code)), 400,
        "invalid_code", null);

    HttpResponse<Buffer> unknown = browser.post("/api/v1/auth/customer/reset-code", new JsonObject().put("login", "AGL-999999"));
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(unknown.bodyAsJsonObject()).isEqualTo(new JsonObject().put("expiresInSeconds", 600).put("resendInSeconds", 60));
    // A number nobody has, asked again in another spelling: throttled exactly as an account's would be.
    assertThat(browser.post("/api/v1/auth/customer/reset-code", new JsonObject().put("login", "0812 9999 0001")).statusCode()).isEqualTo(202);
    assertError(browser.post("/api/v1/auth/customer/reset-code", new JsonObject().put("login", "+62 812-9999-0001")), 429,
        "too_many_codes", null);
    assertError(browser.post("/api/v1/auth/customer/reset", new JsonObject().put("login", "AGL-999999").put("code", "123456")
        .put("password", "apa-saja-boleh")), 400, "invalid_code", null);
    assertError(browser.post("/api/v1/auth/customer/reset-code", new JsonObject()), 400, "invalid_field", "login");
    assertError(browser.post("/api/v1/auth/customer/reset-code", new JsonObject().put("login", 42)), 400, "invalid_field", "login");
  }

  @Test
  @DisplayName("the profile shows plan and status as staff set them; e-mail and address are the customer's to change")
  void profile(Vertx vertx) {
    JsonObject rina = customer(vertx);
    assertThat(rina.getString("plan")).isEqualTo("Rumah 30 Mbps");
    assertThat(rina.getInteger("planSpeedMbps")).isEqualTo(30);
    assertThat(rina.getLong("planPrice")).isEqualTo(300_000L);
    Browser admin = hub.admin(vertx);
    HttpResponse<Buffer> suspended = admin.put("/api/v1/customers/" + rina.getLong("id"), new JsonObject().put("status", "suspended")
        .put("statusReason", "Tagihan November belum dibayar."));
    assertThat(suspended.statusCode()).as(suspended.bodyAsString()).isEqualTo(200);
    assertError(admin.put("/api/v1/customers/" + rina.getLong("id"), new JsonObject().put("planPrice", -5)), 400, "invalid_field", "planPrice");
    assertError(admin.put("/api/v1/customers/" + rina.getLong("id"), new JsonObject().put("plan", new JsonObject().put("price", 1))
        .put("planPrice", 2)), 400, "invalid_field", "plan");
    // Part of the plan object changes that part only.
    JsonObject faster = admin.put("/api/v1/customers/" + rina.getLong("id"), new JsonObject().put("plan", new JsonObject()
        .put("speedMbps", 50))).bodyAsJsonObject();
    assertThat(faster.getString("plan")).isEqualTo("Rumah 30 Mbps");
    assertThat(faster.getInteger("planSpeedMbps")).isEqualTo(50);
    assertThat(faster.getLong("planPrice")).isEqualTo(300_000L);
    assertThat(faster.getString("statusReason")).isEqualTo("Tagihan November belum dibayar.");
    assertError(admin.put("/api/v1/customers/" + rina.getLong("id"), new JsonObject().put("plan", new JsonObject().put("speed", "30 Mbps"))),
        400, "invalid_field", "plan.speed");

    Browser portal = signedIn(vertx, rina.getString("customerNo"), PASSWORD);
    JsonObject profile = portal.get("/api/v1/portal/profile").bodyAsJsonObject();
    assertThat(profile.getString("status")).isEqualTo("suspended");
    assertThat(profile.getString("statusReason")).isEqualTo("Tagihan November belum dibayar.");
    assertThat(profile.getInteger("planSpeedMbps")).isEqualTo(50);
    assertThat(profile.containsKey("id")).isFalse();
    assertThat(portal.get("/api/v1/auth/me").bodyAsJsonObject().getString("statusReason")).isEqualTo("Tagihan November belum dibayar.");

    HttpResponse<Buffer> changed = portal.send(HttpMethod.PATCH, "/api/v1/portal/profile",
        new JsonObject().put("email", "rina@contoh.id").put("address", "Jl. Kaliurang Km 9, Sleman"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getString("email")).isEqualTo("rina@contoh.id");
    assertThat(portal.get("/api/v1/portal/profile").bodyAsJsonObject().getString("address")).isEqualTo("Jl. Kaliurang Km 9, Sleman");
    assertError(portal.send(HttpMethod.PATCH, "/api/v1/portal/profile", new JsonObject().put("email", "bukan-email")), 400,
        "invalid_field", "email");
    assertError(portal.send(HttpMethod.PATCH, "/api/v1/portal/profile", new JsonObject().put("plan", "Bisnis")), 400, "invalid_field", "plan");
    assertThat(portal.withoutCsrfHeader().send(HttpMethod.PATCH, "/api/v1/portal/profile", new JsonObject().put("email", "x@contoh.id"))
        .statusCode()).isEqualTo(403);
    assertThat(hub.browser(vertx).get("/api/v1/portal/profile").statusCode()).isEqualTo(401);

    // Reactivated without a reason: the old reason goes with the old status.
    assertThat(admin.put("/api/v1/customers/" + rina.getLong("id"), new JsonObject().put("status", "active")).bodyAsJsonObject()
        .getString("statusReason")).isNull();
  }

  @Test
  @DisplayName("a new WhatsApp number needs the code sent to it; a number of another account is refused; the code is masked for staff")
  void phoneChange(Vertx vertx) throws Exception {
    JsonObject rina = customer(vertx);
    JsonObject other = customer(vertx);
    Browser portal = signedIn(vertx, rina.getString("customerNo"), PASSWORD);
    String fresh = newPhone();
    // A session alone is not enough to move the number (else a borrowed phone could take the account for good).
    assertError(portal.post("/api/v1/portal/profile/phone", new JsonObject().put("phone", fresh)), 400, "invalid_field", "currentPassword");
    assertError(portal.post("/api/v1/portal/profile/phone", new JsonObject().put("phone", fresh).put("currentPassword", "bukan-sandinya")),
        400, "wrong_password", "currentPassword");
    assertError(portal.post("/api/v1/portal/profile/phone", new JsonObject().put("phone", "12").put("currentPassword", PASSWORD)),
        400, "invalid_field", "phone");
    // Another customer probing whether a number is taken: told so, but it costs a code, so the next ask waits.
    Browser prober = signedIn(vertx, other.getString("customerNo"), PASSWORD);
    assertError(prober.post("/api/v1/portal/profile/phone", new JsonObject().put("phone", rina.getString("phone"))
        .put("currentPassword", PASSWORD)), 409, "phone_taken", "phone");
    assertError(prober.post("/api/v1/portal/profile/phone", new JsonObject().put("phone", newPhone()).put("currentPassword", PASSWORD)),
        429, "too_many_codes", null);

    HttpResponse<Buffer> asked = portal.post("/api/v1/portal/profile/phone", new JsonObject().put("phone", "0" + fresh.substring(2))
        .put("currentPassword", PASSWORD));
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(202);
    assertThat(asked.bodyAsJsonObject().getString("phone")).isEqualTo(fresh);
    String code = codeSentTo(fresh);
    assertError(portal.post("/api/v1/portal/profile/phone/confirm", new JsonObject().put("phone", fresh).put("code", wrong(code))),
        400, "invalid_code", null);
    HttpResponse<Buffer> confirmed = portal.post("/api/v1/portal/profile/phone/confirm", new JsonObject().put("phone", fresh).put("code", code));
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    assertThat(confirmed.bodyAsJsonObject().getString("phone")).isEqualTo(fresh);
    signedIn(vertx, fresh, PASSWORD);
    // The old number hears of it, with the new one shown only in part.
    String notice = SENT.computeIfAbsent(rina.getString("phone"), t -> new LinkedBlockingQueue<>()).poll(20, TimeUnit.SECONDS);
    assertThat(notice).contains("diganti").contains("0812••••").doesNotContain(fresh.substring(2));

    JsonObject sent = hub.browser(vertx).withBearer(TOKEN).get("/api/v1/messages?limit=10&to=" + fresh).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0);
    assertThat(sent.getString("template")).isEqualTo("auth.phone_code");
    assertThat(sent.getString("priority")).isEqualTo("urgent");
    assertThat(sent.getString("text")).doesNotContain(code).contains("••••••");
    assertThat(sent.getJsonObject("params").getString("kode")).isEqualTo("••••••");
    // The code templates themselves cannot be changed or removed (a code could vanish from them, or the warning).
    Browser admin = hub.admin(vertx);
    assertError(admin.put("/api/v1/templates/auth.phone_code", new JsonObject().put("body", "Kode: {{kode}}")), 409,
        "template_protected", null);
    assertThat(admin.delete("/api/v1/templates/auth.reset_code").statusCode()).isEqualTo(409);
  }

  @Test
  @DisplayName("a password change keeps this device signed in under a new session id and signs out every other one")
  void passwordChange(Vertx vertx) {
    JsonObject rina = customer(vertx);
    Browser here = signedIn(vertx, rina.getString("customerNo"), PASSWORD);
    Browser there = signedIn(vertx, rina.getString("customerNo"), PASSWORD);
    String before = here.sessionCookie();
    assertError(here.post("/api/v1/portal/profile/password", new JsonObject().put("currentPassword", "bukan-ini-sandinya")
        .put("newPassword", "sandi-baru-rina-3")), 400, "wrong_password", "currentPassword");
    assertError(here.post("/api/v1/portal/profile/password", new JsonObject().put("currentPassword", PASSWORD)
        .put("newPassword", "pendek")), 400, "invalid_field", "newPassword");
    HttpResponse<Buffer> changed = here.post("/api/v1/portal/profile/password", new JsonObject().put("currentPassword", PASSWORD)
        .put("newPassword", "sandi-baru-rina-3"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(204);
    assertThat(here.sessionCookie()).isNotEqualTo(before);
    assertThat(here.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
    assertThat(here.send(HttpMethod.PATCH, "/api/v1/portal/profile", new JsonObject().put("address", "Jl. Baru 1")).statusCode())
        .isEqualTo(200);
    assertThat(there.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
    signedIn(vertx, rina.getString("customerNo"), "sandi-baru-rina-3");
  }

  @Test
  @DisplayName("promotions off in the portal: the dispatcher cancels a promotional message to the customer; on again, it queues")
  void promotionsSwitch(Vertx vertx) {
    JsonObject rina = customer(vertx);
    Browser portal = signedIn(vertx, rina.getString("customerNo"), PASSWORD);
    assertThat(portal.get("/api/v1/portal/preferences").bodyAsJsonObject().getBoolean("promotions")).isTrue();
    HttpResponse<Buffer> off = portal.put("/api/v1/portal/preferences", new JsonObject().put("promotions", false));
    assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
    assertThat(off.bodyAsJsonObject().getBoolean("promotions")).isFalse();
    assertThat(off.bodyAsJsonObject().getBoolean("ticketNotices")).isTrue();

    Browser api = hub.browser(vertx).withBearer(TOKEN);
    JsonObject promo = new JsonObject().put("to", rina.getString("phone")).put("text", "Promo paket 50 Mbps!").put("priority", "low");
    assertThat(api.post("/api/v1/messages", promo).bodyAsJsonObject().getString("status")).isEqualTo("cancelled");

    assertThat(portal.put("/api/v1/portal/preferences", new JsonObject().put("promotions", true)).bodyAsJsonObject()
        .getBoolean("promotions")).isTrue();
    assertThat(api.post("/api/v1/messages", promo.copy().put("text", "Promo paket 100 Mbps!")).bodyAsJsonObject()
        .getString("status")).isIn("queued", "sent", "scheduled");
    assertError(portal.put("/api/v1/portal/preferences", new JsonObject().put("promotions", "tidak")), 400, "invalid_field", "promotions");
  }
}
