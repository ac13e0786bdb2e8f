package id.aglis.hub.ticket;

import static id.aglis.hub.testing.ApiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.MovableClock;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tickets end to end on a real node (PostgreSQL, Redis, the dispatcher against a fake Fonnte): a customer reports in
 * the portal and hears staff answers live and on WhatsApp; internal notes stay internal; another customer's tickets
 * are 404 whatever the id; the roles; bad input; photos; GANGGUAN and STATUS on WhatsApp; and the SLA clock with the
 * hub's clock moved through business hours, a pause for the customer, and the escalation at 75 % and 100 %.
 */
@ExtendWith(VertxExtension.class)
class TicketTest {

  private static final String TOKEN = "bearer-token-for-ticket-tests-0123";
  private static final String SECRET = "webhook-secret-for-ticket-tests-012";
  private static final String DEVICE = "6281100000301";
  private static final String PASSWORD = "pelanggan-rahasia-1";
  private static final String STAFF_PASSWORD = "staf-rahasia-123";
  private static final String SPV_PHONE = "6281299990301";
  private static final AtomicInteger PHONES = new AtomicInteger(1);
  private static final Buffer PNG = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13})
      .appendString("IHDR-foto-modem");

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  /** Monday 7 December 2026, 09:00 WIB: inside business hours, no holiday near. */
  private static final MovableClock CLOCK = new MovableClock(OffsetDateTime.parse("2026-12-07T09:00:00+07:00").toInstant());
  private static TestHub hub;

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-tickets");
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("tickets", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-tickets"));
    env.put("HUB_WEBHOOK_SECRET", SECRET);
    env.put("HUB_TICKET_ESCALATE_SECONDS", "1");
    hub = TestHub.start(env, CLOCK);
    Browser admin = hub.admin(hub.vertx());
    for (String[] s : new String[][] {{"citra.cs", "Citra CS", "cs", null}, {"dodi.noc", "Dodi NOC", "noc", null},
        {"andi.tek", "Andi Teknisi", "technician", null}, {"rina.spv", "Rina Supervisor", "supervisor", SPV_PHONE}}) {
      JsonObject body = new JsonObject().put("username", s[0]).put("name", s[1]).put("role", s[2]).put("password", STAFF_PASSWORD);
      if (s[3] != null) {
        body.put("phone", s[3]);
      }
      assertThat(admin.post("/api/v1/staff", body).statusCode()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private static Browser staff(Vertx vertx, String username) {
    Browser browser = hub.browser(vertx);
    assertThat(browser.staffLogin(username, STAFF_PASSWORD).statusCode()).isEqualTo(200);
    return browser;
  }

  private static JsonObject customer(Vertx vertx, String name) {
    String phone = String.format("62812%08d", 66_000_000 + PHONES.getAndIncrement());
    HttpResponse<Buffer> created = hub.admin(vertx).post("/api/v1/customers", new JsonObject().put("name", name).put("phone", phone)
        .put("plan", "Rumah 20 Mbps").put("password", PASSWORD));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static Browser signedIn(Vertx vertx, JsonObject customer) {
    return hub.customer(vertx, customer.getString("customerNo"), PASSWORD);
  }

  private static JsonObject report(Browser customer, String category, String subject) {
    HttpResponse<Buffer> created = customer.post("/api/v1/portal/tickets", new JsonObject().put("category", category)
        .put("subject", subject).put("description", subject + " — mohon dibantu."));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  /** Messages the dispatcher holds for {@code phone}, newest first. */
  private static List<JsonObject> messagesTo(Vertx vertx, String phone) {
    return hub.browser(vertx).withBearer(TOKEN).get("/api/v1/messages?limit=100&to=" + phone).bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> timeline(JsonObject ticket) {
    return ticket.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")).toList();
  }

  private static JsonObject awaitTicketChange(BridgeSocket socket, int mark, long id, String event) throws InterruptedException {
    return socket.awaitOn(mark, "ui.tickets", frame -> frame.getJsonObject("data").getJsonArray("changes").stream()
        .map(JsonObject.class::cast).anyMatch(c -> c.getLong("id") == id && event.equals(c.getString("event"))), 20_000);
  }

  @Test
  @DisplayName("a customer reports in the portal; staff note and answer; the customer hears the answer live and on WhatsApp, never the note")
  void portalToStaffAndBack(Vertx vertx) throws Exception {
    JsonObject siti = customer(vertx, "Siti Rahma");
    Browser portal = signedIn(vertx, siti);
    Browser cs = staff(vertx, "citra.cs");
    try (BridgeSocket customerSocket = BridgeSocket.open(vertx, hub.port(), portal);
         BridgeSocket desk = BridgeSocket.open(vertx, hub.port(), cs)) {
      assertThat(customerSocket.tryRegister("ui.customer." + siti.getLong("id"))).isTrue();
      assertThat(desk.tryRegister("ui.tickets")).isTrue();
      int deskMark = desk.mark();
      JsonObject created = report(portal, "gangguan", "Internet mati sejak pagi");
      long id = created.getLong("id");
      assertThat(created.getString("number")).matches("TK-2026-[0-9]{6}");
      JsonObject opened = awaitTicketChange(desk, deskMark, id, "created");
      assertThat(opened.getJsonObject("totals").getLong("opened")).isPositive();

      JsonObject queued = cs.get("/api/v1/tickets?q=" + created.getString("number")).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
      assertThat(queued.getString("priority")).as("faults start high").isEqualTo("high");
      assertThat(queued.getJsonObject("sla").getString("calendar")).isEqualTo("24x7");
      assertThat(queued.getJsonObject("sla").getJsonObject("response").getInteger("targetMinutes")).isEqualTo(60);
      assertThat(queued.getString("source")).isEqualTo("portal");

      assertThat(cs.post("/api/v1/tickets/" + id + "/replies", new JsonObject().put("text", "Cek ODP-07 dulu").put("internal", true))
          .statusCode()).isEqualTo(201);
      int mark = customerSocket.mark();
      HttpResponse<Buffer> answer = cs.post("/api/v1/tickets/" + id + "/replies", new JsonObject().put("text", "Teknisi kami menuju lokasi."));
      assertThat(answer.statusCode()).isEqualTo(201);
      JsonObject note = customerSocket.awaitOn(mark, "ui.customer." + siti.getLong("id"),
          n -> n.getLong("id") == id && "replied".equals(n.getString("event")), 10_000);
      assertThat(note.getString("status")).isEqualTo("in_progress");

      JsonObject mine = portal.get("/api/v1/portal/tickets/" + id).bodyAsJsonObject();
      assertThat(mine.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getString("text")))
          .containsExactly("Teknisi kami menuju lokasi.");
      assertThat(mine.containsKey("timeline")).isFalse();
      assertThat(mine.getJsonObject("assignee")).isNull();
      JsonObject staffView = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
      assertThat(staffView.getJsonArray("messages")).hasSize(2);
      assertThat(staffView.getString("firstResponseAt")).isNotNull();
      assertThat(timeline(staffView)).containsSubsequence("created", "noted", "replied");

      JsonObject notice = awaitMessage(vertx, siti.getString("phone"), "ticket.reply");
      assertThat(notice.getString("text")).contains(created.getString("number")).contains("Teknisi kami menuju lokasi.")
          .doesNotContain("ODP-07");

      assertThat(portal.post("/api/v1/portal/tickets/" + id + "/replies", new JsonObject().put("text", "Baik, terima kasih."))
          .statusCode()).isEqualTo(201);
      JsonObject closed = portal.post("/api/v1/portal/tickets/" + id + "/close", null).bodyAsJsonObject();
      assertThat(closed.getString("status")).isEqualTo("closed");
      assertError(portal.post("/api/v1/portal/tickets/" + id + "/replies", new JsonObject().put("text", "Lagi")), 409, "ticket_closed", null);
      assertError(cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("status", "open")), 409, "ticket_closed", null);
    }
  }

  /** The message the dispatcher holds for {@code phone} from {@code template}; notices are queued after the answer. */
  private static JsonObject awaitMessage(Vertx vertx, String phone, String template) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (JsonObject m : messagesTo(vertx, phone)) {
        if (template.equals(m.getString("template"))) {
          return m;
        }
      }
      Thread.sleep(100); // the dispatcher offers no event for "queued"; a short poll of its API
    }
    throw new AssertionError("no " + template + " message for " + phone);
  }

  @Test
  @DisplayName("a customer who turned ticket notices off hears nothing on WhatsApp; the portal still shows the answer")
  void noticesOff(Vertx vertx) throws Exception {
    JsonObject hana = customer(vertx, "Hana");
    Browser portal = signedIn(vertx, hana);
    assertThat(portal.get("/api/v1/portal/preferences").bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("ticketNotices", true).put("installationNotices", true).put("promotions", true));
    assertThat(portal.put("/api/v1/portal/preferences", new JsonObject().put("ticketNotices", false)).bodyAsJsonObject()
        .getBoolean("ticketNotices")).isFalse();
    assertError(portal.put("/api/v1/portal/preferences", new JsonObject().put("ticketNotices", "tidak")), 400, "invalid_field", "ticketNotices");
    long id = report(portal, "lambat", "Lambat sekali").getLong("id");
    Browser cs = staff(vertx, "citra.cs");
    assertThat(cs.post("/api/v1/tickets/" + id + "/replies", new JsonObject().put("text", "Sudah kami perbaiki.")).statusCode()).isEqualTo(201);
    assertThat(cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("status", "resolved")).statusCode()).isEqualTo(200);
    // A notice for somebody else, queued after these, marks the point by which any of hers would have been queued too.
    JsonObject other = customer(vertx, "Indra");
    long otherId = report(signedIn(vertx, other), "lambat", "Lambat juga").getLong("id");
    cs.post("/api/v1/tickets/" + otherId + "/replies", new JsonObject().put("text", "Kami cek."));
    awaitMessage(vertx, other.getString("phone"), "ticket.reply");
    assertThat(messagesTo(vertx, hana.getString("phone"))).isEmpty();
    assertThat(portal.get("/api/v1/portal/tickets/" + id).bodyAsJsonObject().getString("status")).isEqualTo("resolved");
  }

  @Test
  @DisplayName("another customer's ticket, thread, photo or close is 404 whatever the id; customers and staff keep to their own API")
  void customersOnlySeeTheirOwn(Vertx vertx) {
    JsonObject ani = customer(vertx, "Ani");
    JsonObject budi = customer(vertx, "Budi");
    Browser aniPortal = signedIn(vertx, ani);
    Browser budiPortal = signedIn(vertx, budi);
    long id = report(aniPortal, "lambat", "Lambat malam hari").getLong("id");
    JsonObject photo = aniPortal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + id + "/attachments?filename=modem.png", "image/png", PNG)
        .bodyAsJsonObject();
    long attachmentId = photo.getJsonObject("attachment").getLong("id");

    assertError(budiPortal.get("/api/v1/portal/tickets/" + id), 404, "not_found", null);
    assertError(budiPortal.post("/api/v1/portal/tickets/" + id + "/replies", new JsonObject().put("text", "halo")), 404, "not_found", null);
    assertError(budiPortal.post("/api/v1/portal/tickets/" + id + "/close", null), 404, "not_found", null);
    assertError(budiPortal.get("/api/v1/portal/tickets/" + id + "/attachments/" + attachmentId), 404, "not_found", null);
    assertError(budiPortal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + id + "/attachments", "image/png", PNG), 404, "not_found", null);
    assertThat(budiPortal.get("/api/v1/portal/tickets").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(aniPortal.get("/api/v1/portal/tickets/" + id + "/attachments/999999").statusCode()).isEqualTo(404);
    assertThat(aniPortal.get("/api/v1/portal/tickets/999999").statusCode()).isEqualTo(404);

    assertThat(aniPortal.get("/api/v1/tickets").statusCode()).as("staff API").isEqualTo(403);
    assertThat(aniPortal.get("/api/v1/tickets/" + id).statusCode()).isEqualTo(403);
    assertThat(staff(vertx, "citra.cs").get("/api/v1/portal/tickets").statusCode()).as("portal API").isEqualTo(403);
    assertThat(hub.browser(vertx).get("/api/v1/portal/tickets").statusCode()).isEqualTo(401);
    assertThat(hub.browser(vertx).get("/api/v1/tickets").statusCode()).isEqualTo(401);
    assertThat(aniPortal.withoutCsrfHeader().post("/api/v1/portal/tickets", new JsonObject().put("category", "lainnya")
        .put("subject", "x").put("description", "y")).statusCode()).as("CSRF").isEqualTo(403);

    HttpResponse<Buffer> image = aniPortal.get("/api/v1/portal/tickets/" + id + "/attachments/" + attachmentId);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(image.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(image.getHeader("Content-Security-Policy")).contains("sandbox");
    assertThat(image.body()).isEqualTo(PNG);
  }

  @Test
  @DisplayName("bad input is a 400/413/415 naming what is wrong, and nothing is written")
  void badInput(Vertx vertx) {
    Browser portal = signedIn(vertx, customer(vertx, "Cahya"));
    Browser cs = staff(vertx, "citra.cs");
    assertError(portal.post("/api/v1/portal/tickets", new JsonObject().put("subject", "x").put("description", "y")), 400, "invalid_field", "category");
    assertError(portal.post("/api/v1/portal/tickets", new JsonObject().put("category", "listrik").put("subject", "x").put("description", "y")),
        400, "invalid_field", "category");
    assertError(portal.post("/api/v1/portal/tickets", new JsonObject().put("category", "lainnya").put("subject", "x".repeat(121))
        .put("description", "y")), 400, "invalid_field", "subject");
    assertError(portal.post("/api/v1/portal/tickets", new JsonObject().put("category", "lainnya").put("subject", "x")
        .put("description", 42)), 400, "invalid_field", "description");
    assertError(portal.post("/api/v1/portal/tickets", new JsonObject().put("category", "lainnya").put("subject", "x")
        .put("description", "y").put("priority", "urgent")), 400, "invalid_field", "priority");
    assertError(portal.post("/api/v1/portal/tickets", new JsonObject().put("category", "lainnya").put("subject", "x\u0000")
        .put("description", "y")), 400, "invalid_field", "subject");
    assertThat(portal.get("/api/v1/portal/tickets").bodyAsJsonObject().getJsonArray("items")).as("nothing half-written").isEmpty();

    long id = report(portal, "tagihan", "Tagihan dobel").getLong("id");
    assertError(portal.post("/api/v1/portal/tickets/" + id + "/replies", new JsonObject().put("text", "x".repeat(4001))), 400, "invalid_field", "text");
    assertError(portal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + id + "/attachments", "image/png",
        Buffer.buffer("<script>alert(1)</script>")), 415, "unsupported_media_type", null);
    assertError(portal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + id + "/attachments", "image/jpeg",
        Buffer.buffer(new byte[6 * 1024 * 1024])), 413, "payload_too_large", null);
    assertThat(portal.get("/api/v1/portal/tickets/" + id).bodyAsJsonObject().getJsonArray("messages")).isEmpty();

    assertError(cs.post("/api/v1/tickets", new JsonObject().put("customerNo", "AGL-TIDAK-ADA").put("category", "lainnya")
        .put("subject", "x").put("description", "y")), 400, "invalid_field", "customerNo");
    assertError(cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("status", "selesai")), 400, "invalid_field", "status");
    assertError(cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("assignee", "tidak.ada")), 400, "invalid_field", "assignee");
    assertError(cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject()), 400, "nothing_to_change", null);
    assertError(cs.get("/api/v1/tickets?sla=merah"), 400, "invalid_field", "sla");
    assertError(cs.get("/api/v1/tickets?status=open,tutup"), 400, "invalid_field", "status");
    assertError(cs.post("/api/v1/tickets/bulk/close", new JsonObject().put("ids", new JsonArray().add("satu"))), 400, "invalid_field", "ids");
    assertError(cs.post("/api/v1/tickets/holidays", new JsonObject().put("date", "2026-13-01").put("name", "x")), 403, "forbidden", null);
    Browser admin = hub.admin(vertx);
    assertError(admin.post("/api/v1/tickets/holidays", new JsonObject().put("date", "2026-13-01").put("name", "x")), 400, "invalid_field", "date");
  }

  @Test
  @DisplayName("roles: technicians see and move only their own tickets; bulk assign and close are for the desk leads")
  void roles(Vertx vertx) {
    JsonObject dewi = customer(vertx, "Dewi");
    Browser cs = staff(vertx, "citra.cs");
    Browser tech = staff(vertx, "andi.tek");
    Browser noc = staff(vertx, "dodi.noc");
    JsonObject mine = cs.post("/api/v1/tickets", new JsonObject().put("customerNo", dewi.getString("customerNo")).put("category", "gangguan")
        .put("subject", "Kabel putus").put("description", "Kena pohon").put("assignee", "andi.tek")).bodyAsJsonObject();
    JsonObject other = cs.post("/api/v1/tickets", new JsonObject().put("customerId", dewi.getLong("id")).put("category", "lainnya")
        .put("subject", "Ganti paket").put("description", "Naik ke 50 Mbps").put("priority", "low")).bodyAsJsonObject();

    List<Long> seen = tech.get("/api/v1/tickets").bodyAsJsonObject().getJsonArray("items").stream()
        .map(t -> ((JsonObject) t).getLong("id")).toList();
    assertThat(seen).contains(mine.getLong("id")).doesNotContain(other.getLong("id"));
    assertThat(tech.get("/api/v1/tickets/" + other.getLong("id")).statusCode()).isEqualTo(404);
    assertThat(tech.send(HttpMethod.PATCH, "/api/v1/tickets/" + mine.getLong("id"), new JsonObject().put("priority", "urgent")).statusCode())
        .isEqualTo(403);
    HttpResponse<Buffer> resolved = tech.send(HttpMethod.PATCH, "/api/v1/tickets/" + mine.getLong("id"), new JsonObject().put("status", "resolved"));
    assertThat(resolved.statusCode()).isEqualTo(200);
    assertThat(resolved.bodyAsJsonObject().getJsonObject("sla").getJsonObject("resolution").getString("metAt")).isNotNull();
    assertThat(tech.get("/api/v1/tickets/summary").statusCode()).isEqualTo(403);
    // A technician-scoped token is nobody's account: whichever staff id shares its number, it is assigned nothing.
    String techToken = hub.admin(vertx).post("/api/v1/tokens", new JsonObject().put("name", "lapangan").put("role", "technician"))
        .bodyAsJsonObject().getString("token");
    Browser machine = hub.browser(vertx).withBearer(techToken);
    assertThat(machine.get("/api/v1/tickets").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(machine.get("/api/v1/tickets/" + mine.getLong("id")).statusCode()).isEqualTo(404);
    JsonObject andi = cs.get("/api/v1/staff/directory").bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(p -> "andi.tek".equals(p.getString("username"))).findFirst().orElseThrow();
    assertThat(andi.fieldNames()).as("names and roles, never phones").containsExactlyInAnyOrder("id", "username", "name", "role");
    assertThat(signedIn(vertx, dewi).get("/api/v1/staff/directory").statusCode()).isEqualTo(403);

    assertThat(noc.post("/api/v1/tickets/bulk/close", new JsonObject().put("ids", new JsonArray().add(other.getLong("id")))).statusCode())
        .isEqualTo(403);
    JsonObject assigned = cs.post("/api/v1/tickets/bulk/assign", new JsonObject().put("ids", new JsonArray().add(other.getLong("id"))
        .add(mine.getLong("id")).add(999_999)).put("assignee", "citra.cs")).bodyAsJsonObject();
    assertThat(assigned.getJsonArray("updated").getList()).containsExactlyInAnyOrder(other.getLong("id").intValue(), mine.getLong("id").intValue());
    assertThat(assigned.getJsonArray("skipped").getList()).containsExactly(999_999);
    JsonObject closed = cs.post("/api/v1/tickets/bulk/close", new JsonObject().put("ids", new JsonArray().add(other.getLong("id")))).bodyAsJsonObject();
    assertThat(closed.getJsonArray("updated").getLong(0)).isEqualTo(other.getLong("id"));
    JsonObject again = cs.post("/api/v1/tickets/bulk/close", new JsonObject().put("ids", new JsonArray().add(other.getLong("id")))).bodyAsJsonObject();
    assertThat(again.getJsonArray("skipped").getLong(0)).isEqualTo(other.getLong("id"));
    assertThat(cs.get("/api/v1/tickets?assignee=me&status=closed").bodyAsJsonObject().getJsonArray("items").stream()
        .map(t -> ((JsonObject) t).getLong("id")).toList()).contains(other.getLong("id"));

    // Canned replies: everyone reads, leads keep; saved views are one's own.
    assertThat(cs.get("/api/v1/tickets/canned-replies").bodyAsJsonObject().getJsonArray("items")).isNotEmpty();
    assertThat(cs.post("/api/v1/tickets/canned-replies", new JsonObject().put("title", "x").put("text", "y")).statusCode()).isEqualTo(403);
    JsonObject view = cs.post("/api/v1/tickets/views", new JsonObject().put("name", "Gangguan saya")
        .put("filters", new JsonObject().put("category", "gangguan").put("assignee", "me"))).bodyAsJsonObject();
    assertThat(cs.get("/api/v1/tickets/views").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(noc.get("/api/v1/tickets/views").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(noc.delete("/api/v1/tickets/views/" + view.getLong("id")).statusCode()).isEqualTo(404);
    assertThat(cs.delete("/api/v1/tickets/views/" + view.getLong("id")).statusCode()).isEqualTo(204);
    assertThat(hub.browser(vertx).withBearer(TOKEN).get("/api/v1/tickets/views").statusCode()).as("a token is nobody's person").isEqualTo(403);

    Browser admin = hub.admin(vertx);
    JsonObject canned = admin.post("/api/v1/tickets/canned-replies", new JsonObject().put("title", "Cek ulang").put("text", "Mohon dicek ulang."))
        .bodyAsJsonObject();
    assertError(admin.post("/api/v1/tickets/canned-replies", new JsonObject().put("title", "Cek ulang").put("text", "lagi")), 409, "duplicate", "title");
    assertThat(admin.put("/api/v1/tickets/canned-replies/" + canned.getLong("id"), new JsonObject().put("title", "Cek lagi")
        .put("text", "Mohon dicek lagi.")).bodyAsJsonObject().getString("title")).isEqualTo("Cek lagi");
    assertThat(admin.delete("/api/v1/tickets/canned-replies/" + canned.getLong("id")).statusCode()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/tickets/canned-replies/" + canned.getLong("id")).statusCode()).isEqualTo(404);

    JsonObject sla = tech.get("/api/v1/tickets/sla").bodyAsJsonObject();
    assertThat(sla.getJsonObject("targets").getJsonObject("urgent").getInteger("responseMinutes")).isEqualTo(30);
    assertThat(sla.getJsonArray("businessHours").getString(5)).isEqualTo("sat 08:00-12:00");
    assertThat(cs.get("/api/v1/tickets/holidays").bodyAsJsonObject().getJsonArray("items").stream()
        .map(h -> ((JsonObject) h).getString("date")).toList()).contains("2026-12-25", "2027-08-17");
    assertThat(admin.post("/api/v1/tickets/holidays", new JsonObject().put("date", "2026-12-31").put("name", "Cuti bersama")).statusCode())
        .isEqualTo(201);
    assertThat(cs.delete("/api/v1/tickets/holidays/2026-12-31").statusCode()).isEqualTo(403);
    assertThat(admin.delete("/api/v1/tickets/holidays/2026-12-31").statusCode()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/tickets/holidays/2026-12-31").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("GANGGUAN <text> on WhatsApp opens one ticket (also when the message comes twice) and answers its number; STATUS lists it")
  void whatsAppKeywords(Vertx vertx) throws Exception {
    JsonObject eko = customer(vertx, "Eko");
    String phone = eko.getString("phone");
    JsonObject payload = new JsonObject().put("device", DEVICE).put("sender", phone).put("message", "gangguan internet mati, lampu LOS merah")
        .put("inboxid", "inbox-" + phone).put("timestamp", CLOCK.instant().getEpochSecond());
    assertThat(hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/incoming", payload).statusCode()).isEqualTo(200);
    assertThat(hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/incoming", payload).statusCode()).isEqualTo(200);

    JsonObject answer = awaitText(vertx, phone, "Laporan gangguan Anda sudah kami terima");
    Browser cs = staff(vertx, "citra.cs");
    JsonArray tickets = cs.get("/api/v1/tickets?customerId=" + eko.getLong("id")).bodyAsJsonObject().getJsonArray("items");
    assertThat(tickets).hasSize(1);
    JsonObject ticket = tickets.getJsonObject(0);
    assertThat(ticket.getString("source")).isEqualTo("whatsapp");
    assertThat(ticket.getString("category")).isEqualTo("gangguan");
    assertThat(ticket.getString("subject")).isEqualTo("internet mati, lampu LOS merah");
    assertThat(answer.getString("text")).contains(ticket.getString("number"));

    assertThat(hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/incoming", new JsonObject().put("device", DEVICE).put("sender", phone)
        .put("message", "STATUS").put("inboxid", "status-" + phone).put("timestamp", CLOCK.instant().getEpochSecond())).statusCode()).isEqualTo(200);
    JsonObject status = awaitText(vertx, phone, "sedang berjalan");
    assertThat(status.getString("text")).contains(ticket.getString("number")).contains("baru diterima");
    assertThat(messagesTo(vertx, phone).stream().filter(m -> m.getString("text") != null
        && m.getString("text").startsWith("Laporan gangguan Anda")).count()).as("one answer for the message that came twice").isEqualTo(1);
    JsonArray inbox = cs.get("/api/v1/wa/inbox?from=0" + phone.substring(2)).bodyAsJsonObject().getJsonArray("items");
    assertThat(inbox.stream().map(e -> ((JsonObject) e).getString("from")).distinct().toList()).containsExactly(phone);
    assertThat(inbox).hasSize(2);
    assertError(cs.get("/api/v1/wa/inbox?from=bukan-nomor"), 400, "invalid_field", "from");
  }

  private static JsonObject awaitText(Vertx vertx, String phone, String containing) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (JsonObject m : messagesTo(vertx, phone)) {
        if (m.getString("text") != null && m.getString("text").contains(containing)) {
          return m;
        }
      }
      Thread.sleep(100); // the answer is queued by the webhook's node after the callback's answer; a short poll
    }
    throw new AssertionError("no message to " + phone + " containing '" + containing + "'");
  }

  @Test
  @DisplayName("SLA on business hours: paused while waiting for the customer, resumed by their reply; escalation once at 75 % and once at 100 %")
  void slaClockAndEscalation(Vertx vertx) throws Exception {
    JsonObject fajar = customer(vertx, "Fajar");
    Browser portal = signedIn(vertx, fajar);
    Browser cs = staff(vertx, "citra.cs");
    CLOCK.set(OffsetDateTime.parse("2026-12-07T09:00:00+07:00").toInstant());
    long id = report(portal, "tagihan", "Tagihan salah").getLong("id");
    JsonObject fresh = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
    assertThat(fresh.getJsonObject("sla").getString("calendar")).isEqualTo("business");
    assertThat(fresh.getJsonObject("sla").getJsonObject("response").getString("dueAt")).as("240 business minutes: 13:00 WIB")
        .isEqualTo("2026-12-07T06:00:00.000000Z");

    try (BridgeSocket desk = BridgeSocket.open(vertx, hub.port(), cs)) {
      assertThat(desk.tryRegister("ui.tickets")).isTrue();
      int mark = desk.mark();
      CLOCK.advance(Duration.ofMinutes(181)); // 12:01, past 75 % of the 240-minute response target
      JsonObject warned = awaitTicketChange(desk, mark, id, "sla.warning");
      JsonObject change = warned.getJsonObject("data").getJsonArray("changes").stream().map(JsonObject.class::cast)
          .filter(c -> c.getLong("id") == id).findFirst().orElseThrow();
      assertThat(change.getJsonObject("ticket").getJsonObject("sla").getString("state")).isEqualTo("warning");
      assertThat(change.getJsonObject("ticket").getString("priority")).as("raised one step").isEqualTo("high");
      // This ticket's page: the shared clock may have brought other tests' tickets to their thresholds too.
      JsonObject supervisorPage = awaitText(vertx, SPV_PHONE, "Tagihan salah");
      assertThat(supervisorPage.getString("template")).isEqualTo("ticket.escalation");
      assertThat(supervisorPage.getString("text")).contains("hampir habis").contains("Tagihan salah");

      // Waiting for the customer: the clock stops, however long they take.
      assertThat(cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("status", "waiting_customer")).statusCode()).isEqualTo(200);
      CLOCK.advance(Duration.ofDays(2));
      JsonObject paused = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
      assertThat(paused.getJsonObject("sla").getBoolean("paused")).isTrue();
      assertThat(paused.getJsonObject("sla").getJsonObject("response").getInteger("percent")).isEqualTo(75);

      // Their reply resumes it (Wednesday 12:01): 59 business minutes of the response target remain.
      mark = desk.mark();
      assertThat(portal.post("/api/v1/portal/tickets/" + id + "/replies", new JsonObject().put("text", "Ini buktinya")).statusCode()).isEqualTo(201);
      JsonObject resumed = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
      assertThat(resumed.getString("status")).isEqualTo("in_progress");
      assertThat(resumed.getJsonObject("sla").getJsonObject("response").getString("dueAt")).isEqualTo("2026-12-09T06:00:00.000000Z");
      CLOCK.advance(Duration.ofMinutes(60));
      awaitTicketChange(desk, mark, id, "sla.breached");
    }
    JsonObject breached = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
    assertThat(breached.getJsonObject("sla").getString("state")).isEqualTo("breached");
    assertThat(breached.getJsonObject("assignee").getString("username")).as("given to the only supervisor").isEqualTo("rina.spv");
    assertThat(cs.get("/api/v1/tickets?sla=breached").bodyAsJsonObject().getJsonArray("items").stream()
        .map(t -> ((JsonObject) t).getLong("id")).toList()).contains(id);
    // Further passes find nothing new to act on.
    CLOCK.advance(Duration.ofMinutes(5));
    JsonObject later = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
    assertThat(timeline(later).stream().filter("sla.warning"::equals).count()).isEqualTo(1);
    assertThat(timeline(later).stream().filter("sla.breached"::equals).count()).isEqualTo(1);
    assertThat(messagesTo(vertx, SPV_PHONE).stream().filter(m -> "ticket.escalation".equals(m.getString("template"))
        && m.getString("text").contains("Tagihan salah")).count()).isEqualTo(2);

    // Lowered to low (480 minutes to respond): no longer breached, and its thresholds are owed again under the new targets.
    JsonObject lowered = cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("priority", "low")).bodyAsJsonObject();
    assertThat(lowered.getJsonObject("sla").getString("state")).isEqualTo("ok");
    try (BridgeSocket desk = BridgeSocket.open(vertx, hub.port(), cs)) {
      assertThat(desk.tryRegister("ui.tickets")).isTrue();
      int mark = desk.mark();
      CLOCK.advance(Duration.ofMinutes(120)); // 181 + 60 + 5 + 120 = 366 of 480 business minutes: past 75 %
      awaitTicketChange(desk, mark, id, "sla.warning");
    }
  }

  @Test
  @DisplayName("a customer's photo is a reply: it resumes a ticket waiting for them and reopens a resolved one")
  void photoIsAReply(Vertx vertx) {
    JsonObject gita = customer(vertx, "Gita");
    Browser portal = signedIn(vertx, gita);
    Browser cs = staff(vertx, "citra.cs");
    long id = report(portal, "tagihan", "Bukti transfer").getLong("id");
    cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("status", "waiting_customer"));
    assertThat(portal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + id + "/attachments?filename=bukti.png", "image/png", PNG)
        .statusCode()).isEqualTo(201);
    JsonObject resumed = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
    assertThat(resumed.getString("status")).isEqualTo("in_progress");
    assertThat(resumed.getJsonObject("sla").getBoolean("paused")).isFalse();
    cs.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("status", "resolved"));
    assertThat(portal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + id + "/attachments", "image/png", PNG).statusCode()).isEqualTo(201);
    JsonObject reopened = cs.get("/api/v1/tickets/" + id).bodyAsJsonObject();
    assertThat(reopened.getString("status")).isEqualTo("open");
    assertThat(timeline(reopened)).endsWith("reopened");
  }
}
