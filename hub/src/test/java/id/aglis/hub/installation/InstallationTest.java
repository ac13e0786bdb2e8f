package id.aglis.hub.installation;

import static id.aglis.hub.testing.ApiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.InstallationSummaryReply;
import id.aglis.hub.bus.InstallationSummaryRequest;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Installations on one real node: scheduled, moved through its stages (forward, skipping, never back) while the
 * customer's portal socket hears each stage and a WhatsApp notice is queued for each; the clear 400/409 for what
 * makes no sense; technicians work only their own; photos are checked by their bytes and served safely; a customer
 * sees only their own; the WhatsApp STATUS question is answered on the bus.
 */
@ExtendWith(VertxExtension.class)
class InstallationTest {

  private static final String PASSWORD = "rahasia-pelanggan-1";
  private static final String STAFF_PASSWORD = "rahasia-staf-123";
  private static final AtomicInteger PHONES = new AtomicInteger(1);
  /** A JPEG's first bytes are all the hub looks at; the rest may be anything. */
  private static final Buffer JPEG = Buffer.buffer(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'})
      .appendString("foto-lokasi");
  private static final Buffer PNG = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13}).appendString("IHDR");

  private static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start(TestHub.environment("installations"));
    Browser admin = hub.browser(hub.vertx());
    admin.staffLogin("admin", TestHub.ADMIN_PASSWORD);
    for (String[] s : new String[][] {{"andi.tek", "Andi Teknisi", "technician"}, {"bima.tek", "Bima Teknisi", "technician"},
        {"citra.cs", "Citra CS", "cs"}, {"dodi.noc", "Dodi NOC", "noc"}}) {
      assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", s[0]).put("name", s[1]).put("role", s[2])
          .put("password", STAFF_PASSWORD)).statusCode()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static Browser staff(Vertx vertx, String username) {
    Browser browser = hub.browser(vertx);
    assertThat(browser.staffLogin(username, STAFF_PASSWORD).statusCode()).isEqualTo(200);
    return browser;
  }

  /** A new customer with a WhatsApp number, an address and a plan on file. */
  private static JsonObject customer(Browser admin, String name) {
    String phone = String.format("0812%08d", 55_000_000 + PHONES.getAndIncrement());
    HttpResponse<Buffer> created = admin.post("/api/v1/customers", new JsonObject().put("name", name).put("phone", phone)
        .put("address", "Jl. Melati 3, Sleman").put("plan", "Rumah 20 Mbps").put("password", PASSWORD));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static Browser customerBrowser(Vertx vertx, JsonObject customer) {
    Browser browser = hub.browser(vertx);
    assertThat(browser.customerLogin(customer.getString("customerNo"), PASSWORD).statusCode()).isEqualTo(200);
    return browser;
  }

  private static JsonObject create(Browser staff, JsonObject customer, String technician) {
    JsonObject body = new JsonObject().put("customerNo", customer.getString("customerNo"))
        .put("scheduledAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(1).withNano(0).toString());
    if (technician != null) {
      body.put("technician", technician);
    }
    HttpResponse<Buffer> created = staff.post("/api/v1/installations", body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> step(Browser staff, long id, JsonObject body) {
    return staff.post("/api/v1/installations/" + id + "/progress", body);
  }

  /** The notices once {@code count} are queued (they follow the answer), within 10 s. */
  private static JsonArray awaitNotices(Browser admin, JsonObject customer, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonArray sent = notices(admin, customer);
    while (sent.size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(100); // the dispatcher offers no event for "queued"; a short poll of its API
      sent = notices(admin, customer);
    }
    return sent;
  }

  private static JsonArray notices(Browser admin, JsonObject customer) {
    return admin.get("/api/v1/messages?template=installation.stage&to=" + customer.getString("phone")).bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  @DisplayName("scheduled, then forward through the stages (skipping one): the customer's socket hears each, a notice per stage, ui.installations shows it")
  void throughTheStages(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    JsonObject siti = customer(admin, "Siti Rahma");
    long customerId = siti.getLong("id");
    Browser andi = staff(vertx, "andi.tek");
    try (BridgeSocket portal = BridgeSocket.open(vertx, hub.port(), customerBrowser(vertx, siti));
         BridgeSocket console = BridgeSocket.open(vertx, hub.port(), admin);
         BridgeSocket technician = BridgeSocket.open(vertx, hub.port(), andi)) {
      assertThat(portal.tryRegister("ui.customer." + customerId)).isTrue();
      assertThat(console.tryRegister("ui.installations")).isTrue();
      assertThat(technician.tryRegister("ui.installations"))
          .as("the stream carries every customer's address; technicians read their own installations through the API").isFalse();
      int portalMark = portal.mark();
      int consoleMark = console.mark();

      JsonObject created = create(admin, siti, "andi.tek");
      long id = created.getLong("id");
      assertThat(created.getString("number")).matches("IN-20[0-9]{2}-[0-9]{6}");
      assertThat(created.getString("stage")).isEqualTo("scheduled");
      assertThat(created.getString("address")).as("the customer's, by default").isEqualTo("Jl. Melati 3, Sleman");
      assertThat(created.getString("plan")).isEqualTo("Rumah 20 Mbps");
      assertThat(created.getJsonObject("technician").getString("username")).isEqualTo("andi.tek");
      assertThat(created.getJsonObject("customer").getString("customerNo")).isEqualTo(siti.getString("customerNo"));
      assertThat(created.getJsonArray("progress")).hasSize(1);
      portal.awaitOn(portalMark, "ui.customer." + customerId, b -> "installation".equals(b.getString("type"))
          && b.getLong("id") == id && "scheduled".equals(b.getString("stage")), 10_000);
      JsonObject frame = console.awaitOn(consoleMark, "ui.installations", b -> b.getJsonObject("data").getJsonArray("changes").stream()
          .map(JsonObject.class::cast).anyMatch(c -> c.getLong("id") == id), 10_000);
      assertThat(frame.getJsonObject("data").getJsonObject("counts").getLong("created")).isGreaterThanOrEqualTo(1);

      HttpResponse<Buffer> survey = step(andi, id, new JsonObject().put("stage", "survey").put("note", "Tiang 30 m dari rumah"));
      assertThat(survey.statusCode()).as(survey.bodyAsString()).isEqualTo(201);
      JsonObject surveyed = survey.bodyAsJsonObject();
      assertThat(surveyed.getString("stage")).isEqualTo("survey");
      assertThat(surveyed.getJsonObject("technician").getString("username")).as("the caller, a technician").isEqualTo("andi.tek");
      assertThat(surveyed.getJsonObject("installation").getString("stage")).isEqualTo("survey");
      // Skipping cabling is fine; going back to it is not.
      assertThat(step(andi, id, new JsonObject().put("stage", "device_installed")).statusCode()).isEqualTo(201);
      assertError(step(andi, id, new JsonObject().put("stage", "cabling")), 409, "stage_backwards", null);
      assertError(step(andi, id, new JsonObject().put("stage", "terpasang")), 400, "invalid_field", "stage");
      JsonObject activated = step(andi, id, new JsonObject().put("stage", "activated")).bodyAsJsonObject().getJsonObject("installation");
      assertThat(activated.getString("activatedAt")).isNotNull();
      assertThat(activated.getJsonArray("progress").stream().map(JsonObject.class::cast).map(p -> p.getString("stage")))
          .containsExactly("scheduled", "survey", "device_installed", "activated");
      for (String stage : List.of("survey", "device_installed", "activated")) {
        portal.awaitOn(portalMark, "ui.customer." + customerId, b -> b.getLong("id") == id && stage.equals(b.getString("stage")), 10_000);
      }

      JsonArray sent = awaitNotices(admin, siti, 4);
      assertThat(sent).as("one notice per stage reached").hasSize(4);
      assertThat(sent.stream().map(JsonObject.class::cast).map(m -> m.getString("text")))
          .anyMatch(t -> t.contains("Siti Rahma") && t.contains(created.getString("number")) && t.contains("*Aktif*"))
          .anyMatch(t -> t.contains("Survei lokasi") && t.contains("Catatan: Tiang 30 m dari rumah"));
      // A note at the installation's own stage is recorded, but is no new stage: no notice.
      assertThat(step(andi, id, new JsonObject().put("stage", "activated").put("note", "Pelanggan puas")).statusCode()).isEqualTo(201);
      assertThat(notices(admin, siti)).hasSize(4);
    }
  }

  @Test
  @DisplayName("what makes no sense is a 400 naming the field: unknown customer, technician, non-technician, bad times, unknown fields")
  void validation(Vertx vertx) {
    Browser cs = staff(vertx, "citra.cs");
    JsonObject budi = customer(hub.admin(vertx), "Budi Santoso");
    String tomorrow = OffsetDateTime.now().plusDays(1).toString();
    assertError(cs.post("/api/v1/installations", new JsonObject().put("customerNo", "AGL-999999").put("scheduledAt", tomorrow)),
        400, "invalid_field", "customerNo");
    assertError(cs.post("/api/v1/installations", new JsonObject().put("customerId", 999_999).put("scheduledAt", tomorrow)),
        400, "invalid_field", "customerId");
    assertError(cs.post("/api/v1/installations", new JsonObject().put("scheduledAt", tomorrow)), 400, "invalid_field", "customerNo");
    JsonObject base = new JsonObject().put("customerId", budi.getLong("id")).put("scheduledAt", tomorrow);
    assertError(cs.post("/api/v1/installations", base.copy().put("technician", "tidak.ada")), 400, "invalid_field", "technician");
    assertError(cs.post("/api/v1/installations", base.copy().put("technician", "dodi.noc")), 400, "invalid_field", "technician");
    assertError(cs.post("/api/v1/installations", base.copy().put("scheduledAt", "besok pagi")), 400, "invalid_field", "scheduledAt");
    assertError(cs.post("/api/v1/installations", base.copy().put("scheduledAt", "+999999999-12-31T23:59:59Z")), 400, "invalid_field",
        "scheduledAt");
    assertError(cs.post("/api/v1/installations", new JsonObject().put("customerId", budi.getLong("id"))), 400, "invalid_field",
        "scheduledAt");
    assertError(cs.post("/api/v1/installations", base.copy().put("stage", "cabling")), 400, "invalid_field", "stage");

    JsonObject created = create(cs, budi, null);
    long id = created.getLong("id");
    assertThat(created.getValue("technician")).isNull();
    assertError(step(cs, id, new JsonObject().put("stage", "survey").put("at", "kemarin")), 400, "invalid_field", "at");
    assertError(step(cs, id, new JsonObject().put("stage", "survey").put("at", OffsetDateTime.now().plusDays(2).toString())), 400,
        "invalid_field", "at");
    assertError(step(cs, id, new JsonObject().put("stage", "survey").put("note", "x".repeat(2_001))), 400, "invalid_field", "note");
    assertError(step(cs, id, new JsonObject()), 400, "invalid_field", "stage");
    assertError(step(cs, 987_654, new JsonObject().put("stage", "survey")), 404, "not_found", null);
    HttpResponse<Buffer> earlier = step(cs, id, new JsonObject().put("stage", "survey").put("at", OffsetDateTime.now().minusHours(3).toString()));
    assertThat(earlier.statusCode()).isEqualTo(201);

    HttpResponse<Buffer> patched = cs.send(HttpMethod.PATCH, "/api/v1/installations/" + id, new JsonObject().put("technician", "bima.tek")
        .put("address", "Jl. Kenanga 5, Sleman"));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getJsonObject("technician").getString("username")).isEqualTo("bima.tek");
    assertThat(patched.bodyAsJsonObject().getString("address")).isEqualTo("Jl. Kenanga 5, Sleman");
    assertError(cs.send(HttpMethod.PATCH, "/api/v1/installations/" + id, new JsonObject().put("technician", "citra.cs")), 400,
        "invalid_field", "technician");
    assertError(cs.send(HttpMethod.PATCH, "/api/v1/installations/" + id, new JsonObject().put("stage", "activated")), 400,
        "invalid_field", "stage");
    JsonObject unassigned = cs.send(HttpMethod.PATCH, "/api/v1/installations/" + id, new JsonObject().putNull("technician"))
        .bodyAsJsonObject();
    assertThat(unassigned.getValue("technician")).isNull();
    assertError(cs.get("/api/v1/installations?stage=survey,selesai"), 400, "invalid_field", "stage");
    JsonArray surveyed = cs.get("/api/v1/installations?stage=survey,cabling&customerNo=" + budi.getString("customerNo")).bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(surveyed.stream().map(JsonObject.class::cast).map(i -> i.getLong("id"))).containsExactly(id);
  }

  @Test
  @DisplayName("a technician sees and works only the installations assigned to them (others 404) and cannot create or edit them")
  void techniciansWorkTheirOwn(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    JsonObject eko = customer(admin, "Eko Wibowo");
    long id = create(admin, eko, "andi.tek").getLong("id");
    Browser andi = staff(vertx, "andi.tek");
    Browser bima = staff(vertx, "bima.tek");
    assertThat(andi.get("/api/v1/installations/" + id).statusCode()).isEqualTo(200);
    assertError(bima.get("/api/v1/installations/" + id), 404, "not_found", null);
    assertError(step(bima, id, new JsonObject().put("stage", "survey")), 404, "not_found", null);
    assertError(bima.sendBytes(HttpMethod.POST, "/api/v1/installations/" + id + "/progress/1/photo", "image/jpeg", JPEG), 404,
        "not_found", null);
    assertThat(ids(andi.get("/api/v1/installations?limit=200"))).contains(id);
    assertThat(ids(bima.get("/api/v1/installations?limit=200"))).doesNotContain(id);
    assertThat(ids(admin.get("/api/v1/installations?technician=andi.tek&limit=200"))).contains(id);
    assertError(andi.post("/api/v1/installations", new JsonObject().put("customerId", eko.getLong("id"))
        .put("scheduledAt", OffsetDateTime.now().plusDays(1).toString())), 403, "forbidden", null);
    assertError(andi.send(HttpMethod.PATCH, "/api/v1/installations/" + id, new JsonObject().put("plan", "Rumah 50 Mbps")), 403,
        "forbidden", null);
    // Staff of another role may record a step for the technician; unnamed, it is the assigned technician's.
    JsonObject byNoc = step(staff(vertx, "dodi.noc"), id, new JsonObject().put("stage", "survey")).bodyAsJsonObject();
    assertThat(byNoc.getJsonObject("technician").getString("username")).isEqualTo("andi.tek");
    assertThat(byNoc.getString("actor")).isEqualTo("staff:dodi.noc");
  }

  private static List<Long> ids(HttpResponse<Buffer> page) {
    assertThat(page.statusCode()).isEqualTo(200);
    return page.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).map(i -> i.getLong("id")).toList();
  }

  @Test
  @DisplayName("photos: typed by their bytes, served with nosniff and a sandbox; not an image 415, too large 413; only the customer's own in the portal")
  void photos(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    JsonObject fitri = customer(admin, "Fitri Handayani");
    JsonObject other = customer(admin, "Joko Saputra");
    JsonObject created = create(admin, fitri, "andi.tek");
    long id = created.getLong("id");
    long first = created.getJsonArray("progress").getJsonObject(0).getLong("id");
    Browser andi = staff(vertx, "andi.tek");
    long surveyId = step(andi, id, new JsonObject().put("stage", "survey")).bodyAsJsonObject().getLong("id");
    String photoPath = "/api/v1/installations/" + id + "/progress/" + surveyId + "/photo";

    HttpResponse<Buffer> uploaded = andi.sendBytes(HttpMethod.POST, photoPath, "image/jpeg", JPEG);
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(201);
    assertThat(uploaded.bodyAsJsonObject().getJsonObject("photo")).isEqualTo(new JsonObject().put("id", surveyId)
        .put("contentType", "image/jpeg").put("sizeBytes", JPEG.length()));
    HttpResponse<Buffer> served = admin.get(photoPath);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(JPEG);
    assertThat(served.getHeader("Content-Type")).isEqualTo("image/jpeg");
    assertThat(served.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(served.getHeader("Content-Security-Policy")).startsWith("sandbox");

    // A PNG sent as a JPEG is stored as what it is.
    String firstPath = "/api/v1/installations/" + id + "/progress/" + first + "/photo";
    assertThat(andi.sendBytes(HttpMethod.POST, firstPath, "image/jpeg", PNG).bodyAsJsonObject().getJsonObject("photo")
        .getString("contentType")).isEqualTo("image/png");
    assertThat(admin.get(firstPath).getHeader("Content-Type")).isEqualTo("image/png");

    assertError(andi.sendBytes(HttpMethod.POST, photoPath, "text/html", Buffer.buffer("<script>alert(1)</script>")), 415,
        "unsupported_media_type", null);
    assertError(andi.sendBytes(HttpMethod.POST, photoPath, "image/png", Buffer.buffer("<svg onload=alert(1)>")), 415,
        "unsupported_media_type", null);
    assertError(andi.sendBytes(HttpMethod.POST, photoPath, "image/jpeg", Buffer.buffer()), 400, "missing_body", null);
    Buffer huge = Buffer.buffer(new byte[5 * 1024 * 1024 + 1]);
    huge.setByte(0, (byte) 0xFF).setByte(1, (byte) 0xD8).setByte(2, (byte) 0xFF);
    assertError(andi.sendBytes(HttpMethod.POST, photoPath, "image/jpeg", huge), 413, "payload_too_large", null);
    assertError(andi.sendBytes(HttpMethod.POST, "/api/v1/installations/" + id + "/progress/987654/photo", "image/jpeg", JPEG), 404,
        "not_found", null);
    assertThat(admin.get(photoPath).body()).as("the failed uploads changed nothing").isEqualTo(JPEG);

    Browser mine = customerBrowser(vertx, fitri);
    JsonArray items = mine.get("/api/v1/portal/installations").bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(1);
    JsonObject seen = items.getJsonObject(0);
    assertThat(seen.getLong("id")).isEqualTo(id);
    assertThat(seen.getJsonObject("technician")).isEqualTo(new JsonObject().put("name", "Andi Teknisi"));
    assertThat(seen.getJsonArray("progress").getJsonObject(1).getJsonObject("photo").getString("contentType")).isEqualTo("image/jpeg");
    String portalPhoto = "/api/v1/portal/installations/" + id + "/progress/" + surveyId + "/photo";
    HttpResponse<Buffer> ownPhoto = mine.get(portalPhoto);
    assertThat(ownPhoto.statusCode()).isEqualTo(200);
    assertThat(ownPhoto.body()).isEqualTo(JPEG);
    assertThat(ownPhoto.getHeader("Content-Security-Policy")).startsWith("sandbox");

    Browser someoneElse = customerBrowser(vertx, other);
    assertThat(someoneElse.get("/api/v1/portal/installations").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertError(someoneElse.get(portalPhoto), 404, "not_found", null);
    assertError(someoneElse.get(photoPath), 403, "forbidden", null);
    assertError(admin.get(portalPhoto), 403, "forbidden", null);
  }

  @Test
  @DisplayName("the STATUS question on the bus: a customer's installations in progress, with the technician's name; none for another")
  void statusSummary(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    JsonObject ratna = customer(admin, "Ratna Susanti");
    JsonObject created = create(admin, ratna, "bima.tek");
    JsonObject answer = hub.vertx().eventBus().<JsonObject>request(Addresses.INSTALLATION_CUSTOMER_SUMMARY,
        new InstallationSummaryRequest(ratna.getLong("id")).toJson()).await().body();
    InstallationSummaryReply reply = InstallationSummaryReply.fromJson(answer);
    assertThat(reply.installations()).hasSize(1);
    InstallationSummaryReply.Item item = reply.installations().get(0);
    assertThat(item.number()).isEqualTo(created.getString("number"));
    assertThat(item.stage()).isEqualTo("scheduled");
    assertThat(item.technician()).isEqualTo("Bima Teknisi");
    assertThat(item.scheduledAt()).isEqualTo(OffsetDateTime.parse(created.getString("scheduledAt")));

    JsonObject nobody = customer(admin, "Maya Kurniawan");
    assertThat(hub.vertx().eventBus().<JsonObject>request(Addresses.INSTALLATION_CUSTOMER_SUMMARY,
        new InstallationSummaryRequest(nobody.getLong("id")).toJson()).await().body().getJsonArray("installations")).isEmpty();
    try {
      hub.vertx().eventBus().request(Addresses.INSTALLATION_CUSTOMER_SUMMARY, new JsonObject()).await();
      throw new AssertionError("a request without a customer id was answered");
    } catch (ReplyException refused) {
      assertThat(refused.failureCode()).isEqualTo(400);
    }
  }

  @Test
  @DisplayName("a customer who turned installation notices off gets none; the snapshot counts installations by stage")
  void noticesOffAndSnapshot(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    JsonObject yusuf = customer(admin, "Yusuf Nugroho");
    Browser portal = customerBrowser(vertx, yusuf);
    assertThat(portal.put("/api/v1/portal/preferences", new JsonObject().put("installationNotices", false)).statusCode()).isEqualTo(200);
    long id = create(admin, yusuf, "andi.tek").getLong("id");
    assertThat(step(staff(vertx, "andi.tek"), id, new JsonObject().put("stage", "cabling")).statusCode()).isEqualTo(201);
    assertThat(notices(admin, yusuf)).isEmpty();

    JsonObject snapshot = admin.get("/api/v1/live/snapshot?streams=ui.installations").bodyAsJsonObject().getJsonObject("streams")
        .getJsonObject("ui.installations").getJsonObject("data").getJsonObject("byStage");
    assertThat(snapshot.fieldNames()).containsExactlyInAnyOrder("scheduled", "survey", "cabling", "device_installed");
    assertThat(snapshot.getLong("cabling")).isGreaterThanOrEqualTo(1);
  }
}
