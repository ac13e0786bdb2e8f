package id.aglis.hub.billing;

import static id.aglis.hub.testing.ApiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.MovableClock;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Billing end to end on a real node (PostgreSQL, Redis, the dispatcher against a fake Fonnte): invoices and payments
 * posted by machine and staff, idempotent by number and reference; statuses with the hub's clock moved past a due date
 * in WIB; bad input refused with nothing written; the roles; a customer's own invoices, payments and PDFs, and 404 for
 * anyone else's; the PDFs' text; the live note and the WhatsApp receipt of a payment; and checking a paper's code.
 */
@ExtendWith(VertxExtension.class)
class BillingTest {

  private static final String TOKEN = "bearer-token-for-billing-tests-0123";
  private static final String DEVICE = "6281100000401";
  private static final String PASSWORD = "pelanggan-rahasia-1";
  private static final String STAFF_PASSWORD = "staf-rahasia-123";
  private static final AtomicInteger PHONES = new AtomicInteger(1);
  private static final AtomicInteger NUMBERS = new AtomicInteger(1);
  /** Monday 7 December 2026, 09:00 WIB. */
  private static final Instant START = OffsetDateTime.parse("2026-12-07T09:00:00+07:00").toInstant();
  private static final MovableClock CLOCK = new MovableClock(START);

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-billing");
    fonnte.start().await();
    hub = TestHub.start(TestHub.dispatchEnvironment("billing", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-billing")), CLOCK);
    Browser admin = hub.admin(hub.vertx());
    for (String[] s : new String[][] {{"sari.cs", "Sari CS", "cs"}, {"tono.tek", "Tono Teknisi", "technician"},
        {"wati.spv", "Wati Supervisor", "supervisor"}}) {
      assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", s[0]).put("name", s[1]).put("role", s[2])
          .put("password", STAFF_PASSWORD)).statusCode()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  private static Browser machine(Vertx vertx) {
    return hub.browser(vertx).withBearer(TOKEN);
  }

  private static Browser staff(Vertx vertx, String username) {
    Browser browser = hub.browser(vertx);
    assertThat(browser.staffLogin(username, STAFF_PASSWORD).statusCode()).isEqualTo(200);
    return browser;
  }

  private static JsonObject customer(Vertx vertx, String name, boolean withPhone) {
    JsonObject body = new JsonObject().put("name", name).put("plan", "Rumah 20 Mbps").put("password", PASSWORD)
        .put("address", "Jl. Melati No. 7, Sleman");
    if (withPhone) {
      body.put("phone", String.format("62812%08d", 77_000_000 + PHONES.getAndIncrement()));
    }
    HttpResponse<Buffer> created = hub.admin(vertx).post("/api/v1/customers", body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static Browser signedIn(Vertx vertx, JsonObject customer) {
    return hub.customer(vertx, customer.getString("customerNo"), PASSWORD);
  }

  private static String number() {
    return "INV-2026-12-" + String.format("%05d", NUMBERS.getAndIncrement());
  }

  private static JsonObject invoiceBody(String number, JsonObject customer) {
    return new JsonObject().put("number", number).put("customerNo", customer.getString("customerNo")).put("period", "2026-12")
        .put("issueDate", "2026-12-01").put("dueDate", "2026-12-10")
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Paket Rumah 20 Mbps").put("amount", 300_000))
            .add(new JsonObject().put("description", "Sewa perangkat ONT").put("amount", 50_000)));
  }

  private static JsonObject postInvoice(Vertx vertx, JsonObject body) {
    HttpResponse<Buffer> created = machine(vertx).post("/api/v1/invoices", body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static JsonObject paymentBody(String reference, String invoiceNumber, long amount) {
    return new JsonObject().put("reference", reference).put("invoiceNumber", invoiceNumber).put("amount", amount)
        .put("method", "va_bca").put("paidAt", "2026-12-05T14:30:00+07:00");
  }

  private static JsonObject awaitMessage(Vertx vertx, String phone, String template) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonArray items = machine(vertx).get("/api/v1/messages?limit=100&to=" + phone + "&template=" + template).bodyAsJsonObject()
          .getJsonArray("items");
      for (Object m : items) {
        if (template.equals(((JsonObject) m).getString("template"))) {
          return (JsonObject) m;
        }
      }
      Thread.sleep(100); // the dispatcher offers no event for "queued"; a short poll of its API
    }
    throw new AssertionError("no " + template + " message for " + phone);
  }

  private static String pdfText(HttpResponse<Buffer> response) throws Exception {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/pdf");
    try (PDDocument doc = Loader.loadPDF(response.body().getBytes())) {
      return new PDFTextStripper().getText(doc);
    }
  }

  private static List<JsonObject> items(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  @DisplayName("an invoice posted again by its number updates it while unpaid, and answers unchanged when nothing changed")
  void invoicesAreIdempotentByNumber(Vertx vertx) {
    JsonObject budi = customer(vertx, "Budi Santoso", true);
    String number = number();
    JsonObject created = postInvoice(vertx, invoiceBody(number, budi));
    assertThat(created.getString("status")).isEqualTo("unpaid");
    assertThat(created.getLong("total")).isEqualTo(350_000L);
    assertThat(created.getString("outcome")).isEqualTo("created");
    assertThat(created.getString("verificationCode")).matches("[0-9A-Z]{5}-[0-9A-Z]{5}");

    HttpResponse<Buffer> again = machine(vertx).post("/api/v1/invoices", invoiceBody(number, budi));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");
    assertThat(again.bodyAsJsonObject().getLong("id")).isEqualTo(created.getLong("id"));

    JsonObject changed = invoiceBody(number, budi);
    changed.getJsonArray("lines").getJsonObject(0).put("amount", 400_000);
    HttpResponse<Buffer> updated = staff(vertx, "wati.spv").post("/api/v1/invoices", changed);
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("outcome")).isEqualTo("updated");
    assertThat(updated.bodyAsJsonObject().getLong("total")).isEqualTo(450_000L);

    JsonObject read = staff(vertx, "sari.cs").get("/api/v1/invoices/" + created.getLong("id")).bodyAsJsonObject();
    assertThat(read.getLong("total")).isEqualTo(450_000L);
    assertThat(read.getJsonArray("payments")).isEmpty();
    assertThat(read.getJsonObject("customer").getString("name")).isEqualTo("Budi Santoso");
    assertThat(items(machine(vertx).get("/api/v1/invoices?customerNo=" + budi.getString("customerNo"))))
        .extracting(i -> i.getString("number")).containsExactly(number);
    assertThat(items(machine(vertx).get("/api/v1/invoices?q=budi%20santoso"))).extracting(i -> i.getString("number")).contains(number);
    // The console's period filter: exactly one month, a malformed one a 400 naming it.
    String period = read.getString("period");
    assertThat(items(machine(vertx).get("/api/v1/invoices?customerNo=" + budi.getString("customerNo") + "&period=" + period)))
        .extracting(i -> i.getString("number")).containsExactly(number);
    assertThat(items(machine(vertx).get("/api/v1/invoices?customerNo=" + budi.getString("customerNo") + "&period=1999-01"))).isEmpty();
    assertError(machine(vertx).get("/api/v1/invoices?period=2026-13"), 400, "invalid_field", "period");
  }

  @Test
  @DisplayName("an unpaid invoice posted again under another customer moves to them; the first customer's page hears it went")
  void invoiceMovedToAnotherCustomer(Vertx vertx) throws Exception {
    JsonObject wrong = customer(vertx, "Dewi Salah", true);
    JsonObject right = customer(vertx, "Dewi Benar", true);
    String number = number();
    postInvoice(vertx, invoiceBody(number, wrong));
    Browser portal = signedIn(vertx, wrong);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), portal)) {
      assertThat(socket.tryRegister("ui.customer." + wrong.getLong("id"))).isTrue();
      int mark = socket.mark();
      HttpResponse<Buffer> moved = machine(vertx).post("/api/v1/invoices", invoiceBody(number, right));
      assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
      assertThat(moved.bodyAsJsonObject().getJsonObject("customer").getString("customerNo")).isEqualTo(right.getString("customerNo"));
      JsonObject note = socket.awaitOn(mark, "ui.customer." + wrong.getLong("id"), b -> "invoice".equals(b.getString("type")), 10_000);
      assertThat(note.getString("number")).isEqualTo(number);
      assertThat(note.getString("event")).isEqualTo("moved");
    }
    assertThat(items(portal.get("/api/v1/portal/invoices"))).isEmpty();
    assertThat(items(signedIn(vertx, right).get("/api/v1/portal/invoices"))).extracting(i -> i.getString("number")).containsExactly(number);
  }

  @Test
  @DisplayName("a payment reaches the customer's page live and their WhatsApp; the same reference is the same payment, other content a 409")
  void paymentsAreLiveNotifiedAndIdempotent(Vertx vertx) throws Exception {
    JsonObject siti = customer(vertx, "Siti Aminah", true);
    String number = number();
    JsonObject invoice = postInvoice(vertx, invoiceBody(number, siti));
    Browser portal = signedIn(vertx, siti);
    String reference = "BCA-" + number;
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), portal)) {
      assertThat(socket.tryRegister("ui.customer." + siti.getLong("id"))).isTrue();
      int mark = socket.mark();
      HttpResponse<Buffer> paid = machine(vertx).post("/api/v1/payments", paymentBody(reference, number, 150_000));
      assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
      JsonObject payment = paid.bodyAsJsonObject();
      assertThat(payment.getJsonObject("invoice").getString("status")).isEqualTo("partially_paid");
      JsonObject note = socket.awaitOn(mark, "ui.customer." + siti.getLong("id"), b -> "payment".equals(b.getString("type")), 10_000);
      assertThat(note.getLong("id")).isEqualTo(payment.getLong("id"));
      assertThat(note.getString("number")).isEqualTo(number);
      assertThat(note.getString("status")).isEqualTo("partially_paid");

      JsonObject notice = awaitMessage(vertx, siti.getString("phone"), "billing.payment");
      assertThat(notice.getString("text")).contains("Pembayaran Rp 150.000 untuk tagihan *" + number + "*")
          .contains("Desember 2026").contains("Sisa tagihan: Rp 200.000.").contains(payment.getString("verificationCode"));

      HttpResponse<Buffer> replay = machine(vertx).post("/api/v1/payments", paymentBody(reference, number, 150_000));
      assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(200);
      assertThat(replay.bodyAsJsonObject().getLong("id")).isEqualTo(payment.getLong("id"));
      assertThat(replay.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");
      assertError(machine(vertx).post("/api/v1/payments", paymentBody(reference, number, 160_000)), 409, "duplicate_reference", "reference");

      // The rest: paid; nothing more may be paid, and the invoice can no longer be changed.
      HttpResponse<Buffer> rest = staff(vertx, "wati.spv").post("/api/v1/payments", paymentBody(reference + "-2", number, 200_000));
      assertThat(rest.statusCode()).as(rest.bodyAsString()).isEqualTo(201);
      assertThat(rest.bodyAsJsonObject().getJsonObject("invoice").getString("status")).isEqualTo("paid");
      assertError(machine(vertx).post("/api/v1/payments", paymentBody(reference + "-3", number, 1)), 409, "overpayment", "amount");
      HttpResponse<Buffer> replayed = machine(vertx).post("/api/v1/invoices", invoiceBody(number, siti));
      assertThat(replayed.statusCode()).as("the billing system retrying the same invoice").isEqualTo(200);
      assertThat(replayed.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");
      assertError(machine(vertx).post("/api/v1/invoices", invoiceBody(number, siti).put("dueDate", "2026-12-20")), 409, "invoice_paid", null);
    }
    JsonObject read = machine(vertx).get("/api/v1/invoices/" + invoice.getLong("id")).bodyAsJsonObject();
    assertThat(read.getLong("paid")).isEqualTo(350_000L);
    assertThat(read.getJsonArray("payments")).hasSize(2);
    assertThat(items(staff(vertx, "sari.cs").get("/api/v1/payments?invoiceNumber=" + number))).hasSize(2);
  }

  @Test
  @DisplayName("an over-payment and every kind of bad input is a 4xx naming the field, with nothing written")
  void badInputWritesNothing(Vertx vertx) {
    JsonObject rina = customer(vertx, "Rina Wulandari", true);
    String number = number();
    postInvoice(vertx, invoiceBody(number, rina));
    Browser m = machine(vertx);
    assertError(m.post("/api/v1/payments", paymentBody("OVER-" + number, number, 350_001)), 409, "overpayment", "amount");
    assertError(m.post("/api/v1/payments", paymentBody("X-" + number, "INV-NOPE-1", 1000)), 400, "invalid_field", "invoiceNumber");
    assertError(m.post("/api/v1/payments", paymentBody("X-" + number, number, 1000).put("amount", "1000")), 400, "invalid_field", "amount");
    assertError(m.post("/api/v1/payments", paymentBody("X-" + number, number, -5)), 400, "invalid_field", "amount");
    assertError(m.post("/api/v1/payments", paymentBody("X-" + number, number, 1000).put("amount", 10.5)), 400, "invalid_field", "amount");
    assertError(m.post("/api/v1/payments", paymentBody("X-" + number, number, 1000).put("paidAt", "3000-01-01T00:00:00Z")), 400,
        "invalid_field", "paidAt");
    assertError(m.post("/api/v1/payments", paymentBody("X-" + number, number, 1000).put("paidAt", "kemarin")), 400, "invalid_field", "paidAt");
    assertError(m.post("/api/v1/payments", paymentBody("X-" + number, number, 1000).put("extra", 1)), 400, "invalid_field", "extra");
    assertError(m.post("/api/v1/invoices", invoiceBody(number(), rina).put("customerNo", "AGL-999999")), 400, "invalid_field", "customerNo");
    assertError(m.post("/api/v1/invoices", invoiceBody(number(), rina).put("number", 12345)), 400, "invalid_field", "number");
    assertError(m.post("/api/v1/invoices", invoiceBody(number(), rina).put("issueDate", "2026-13-01")), 400, "invalid_field", "issueDate");
    assertError(m.post("/api/v1/invoices", invoiceBody(number(), rina).put("dueDate", "2026-11-30")), 400, "invalid_field", "dueDate");
    assertError(m.post("/api/v1/invoices", invoiceBody(number(), rina).put("dueDate", "2999-01-01")), 400, "invalid_field", "dueDate");
    assertError(m.post("/api/v1/invoices", invoiceBody(number(), rina).put("period", "2026-13")), 400, "invalid_field", "period");
    assertError(m.post("/api/v1/invoices", invoiceBody(number(), rina).put("lines", new JsonArray())), 400, "invalid_field", "lines");
    JsonObject negative = invoiceBody(number(), rina);
    negative.getJsonArray("lines").getJsonObject(1).put("amount", -50_000);
    assertError(m.post("/api/v1/invoices", negative), 400, "invalid_field", "lines[1].amount");
    JsonObject text = invoiceBody(number(), rina);
    text.getJsonArray("lines").getJsonObject(0).put("amount", "300000");
    assertError(m.post("/api/v1/invoices", text), 400, "invalid_field", "lines[0].amount");

    assertThat(items(m.get("/api/v1/invoices?customerNo=" + rina.getString("customerNo")))).singleElement()
        .satisfies(i -> {
          assertThat(i.getLong("paid")).isZero();
          assertThat(i.getString("status")).isEqualTo("unpaid");
        });
    assertThat(items(m.get("/api/v1/payments?customerNo=" + rina.getString("customerNo")))).isEmpty();
  }

  @Test
  @DisplayName("an unpaid invoice is overdue from the day after its due date in WIB; a voided one takes no payments nor changes")
  void overdueAndVoid(Vertx vertx) {
    JsonObject joko = customer(vertx, "Joko Widodo", true);
    String number = number();
    JsonObject invoice = postInvoice(vertx, invoiceBody(number, joko));
    String path = "/api/v1/invoices/" + invoice.getLong("id");
    try {
      // 23:30 WIB on the due date is 16:30 UTC: still due, not overdue.
      CLOCK.set(OffsetDateTime.parse("2026-12-10T23:30:00+07:00").toInstant());
      assertThat(machine(vertx).get(path).bodyAsJsonObject().getString("status")).isEqualTo("unpaid");
      // 00:30 WIB the next day is still 10 December in UTC: overdue all the same.
      CLOCK.set(OffsetDateTime.parse("2026-12-11T00:30:00+07:00").toInstant());
      assertThat(machine(vertx).get(path).bodyAsJsonObject().getString("status")).isEqualTo("overdue");
      assertThat(items(machine(vertx).get("/api/v1/invoices?status=overdue&customerNo=" + joko.getString("customerNo"))))
          .extracting(i -> i.getString("number")).containsExactly(number);
      assertThat(items(machine(vertx).get("/api/v1/invoices?status=unpaid&customerNo=" + joko.getString("customerNo")))).isEmpty();
      assertThat(items(signedIn(vertx, joko).get("/api/v1/portal/invoices")).get(0).getString("status")).isEqualTo("overdue");
      // Partly paid after the due date: still overdue until covered.
      assertThat(machine(vertx).post("/api/v1/payments", paymentBody("LATE-" + number, number, 100_000)).statusCode()).isEqualTo(201);
      assertThat(machine(vertx).get(path).bodyAsJsonObject().getString("status")).isEqualTo("overdue");
      assertError(machine(vertx).post(path + "/void", new JsonObject().put("reason", "salah")), 409, "invoice_has_payments", null);
    } finally {
      CLOCK.set(START);
    }
    assertThat(machine(vertx).get(path).bodyAsJsonObject().getString("status")).isEqualTo("partially_paid");

    String other = number();
    JsonObject second = postInvoice(vertx, invoiceBody(other, joko));
    String secondPath = "/api/v1/invoices/" + second.getLong("id");
    assertError(staff(vertx, "sari.cs").post(secondPath + "/void", new JsonObject().put("reason", "salah")), 403, "forbidden", null);
    assertError(machine(vertx).post(secondPath + "/void", new JsonObject()), 400, "invalid_field", "reason");
    HttpResponse<Buffer> voided = staff(vertx, "wati.spv").post(secondPath + "/void", new JsonObject().put("reason", "Salah periode"));
    assertThat(voided.statusCode()).as(voided.bodyAsString()).isEqualTo(200);
    assertThat(voided.bodyAsJsonObject().getString("status")).isEqualTo("void");
    assertThat(voided.bodyAsJsonObject().getString("voidReason")).isEqualTo("Salah periode");
    assertError(machine(vertx).post(secondPath + "/void", new JsonObject().put("reason", "lagi")), 409, "invoice_void", null);
    assertError(machine(vertx).post("/api/v1/payments", paymentBody("V-" + other, other, 1000)), 409, "invoice_void", "invoiceNumber");
    assertThat(machine(vertx).post("/api/v1/invoices", invoiceBody(other, joko)).statusCode()).as("a replay").isEqualTo(200);
    assertError(machine(vertx).post("/api/v1/invoices", invoiceBody(other, joko).put("period", "2026-11")), 409, "invoice_void", null);
    assertThat(items(machine(vertx).get("/api/v1/invoices?status=void&customerNo=" + joko.getString("customerNo"))))
        .extracting(i -> i.getString("number")).containsExactly(other);
  }

  @Test
  @DisplayName("admins, supervisors and their tokens post; customer service reads; technicians and customers get 403, strangers 401")
  void roles(Vertx vertx) {
    JsonObject ani = customer(vertx, "Ani Lestari", true);
    String created = hub.admin(vertx).post("/api/v1/tokens", new JsonObject().put("name", "billing-system").put("role", "supervisor"))
        .bodyAsJsonObject().getString("token");
    Browser billingSystem = hub.browser(vertx).withBearer(created);
    String number = number();
    assertThat(billingSystem.post("/api/v1/invoices", invoiceBody(number, ani)).statusCode()).isEqualTo(201);
    assertThat(billingSystem.post("/api/v1/payments", paymentBody("R-" + number, number, 1000)).statusCode()).isEqualTo(201);
    Browser cs = staff(vertx, "sari.cs");
    assertThat(cs.get("/api/v1/invoices").statusCode()).isEqualTo(200);
    assertThat(cs.get("/api/v1/payments").statusCode()).isEqualTo(200);
    assertError(cs.post("/api/v1/invoices", invoiceBody(number(), ani)), 403, "forbidden", null);
    assertError(cs.post("/api/v1/payments", paymentBody("R2-" + number, number, 1000)), 403, "forbidden", null);
    Browser tech = staff(vertx, "tono.tek");
    assertError(tech.get("/api/v1/invoices"), 403, "forbidden", null);
    assertError(tech.get("/api/v1/billing/verify/ABCDE-FGHJK"), 403, "forbidden", null);
    Browser portal = signedIn(vertx, ani);
    assertError(portal.get("/api/v1/invoices"), 403, "forbidden", null);
    assertError(portal.post("/api/v1/payments", paymentBody("R3-" + number, number, 1000)), 403, "forbidden", null);
    assertError(cs.get("/api/v1/portal/invoices"), 403, "forbidden", null);
    assertError(hub.browser(vertx).get("/api/v1/invoices"), 401, "unauthenticated", null);
    assertError(hub.browser(vertx).get("/api/v1/portal/payments"), 401, "unauthenticated", null);
  }

  @Test
  @DisplayName("a customer lists and downloads only their own invoices and receipts; another customer's ids answer 404")
  void portalIsolation(Vertx vertx) {
    JsonObject a = customer(vertx, "Andi Pratama", true);
    JsonObject b = customer(vertx, "Bella Safitri", true);
    String number = number();
    JsonObject invoice = postInvoice(vertx, invoiceBody(number, a));
    JsonObject payment = machine(vertx).post("/api/v1/payments", paymentBody("ISO-" + number, number, 50_000)).bodyAsJsonObject();
    Browser portalA = signedIn(vertx, a);
    Browser portalB = signedIn(vertx, b);

    List<JsonObject> mine = items(portalA.get("/api/v1/portal/invoices"));
    assertThat(mine).singleElement().satisfies(i -> {
      assertThat(i.getLong("id")).isEqualTo(invoice.getLong("id"));
      assertThat(i.getString("number")).isEqualTo(number);
      assertThat(i.getString("period")).isEqualTo("2026-12");
      assertThat(i.getLong("total")).isEqualTo(350_000L);
      assertThat(i.getString("status")).isEqualTo("partially_paid");
      assertThat(i.getString("dueDate")).isEqualTo("2026-12-10");
      assertThat(i.containsKey("customer")).isFalse();
    });
    assertThat(items(portalA.get("/api/v1/portal/payments"))).extracting(p -> p.getLong("id")).containsExactly(payment.getLong("id"));
    assertThat(portalA.get("/api/v1/portal/invoices/" + invoice.getLong("id") + "/pdf").statusCode()).isEqualTo(200);
    assertThat(portalA.get("/api/v1/portal/payments/" + payment.getLong("id") + "/pdf").statusCode()).isEqualTo(200);

    assertThat(items(portalB.get("/api/v1/portal/invoices"))).isEmpty();
    assertThat(items(portalB.get("/api/v1/portal/payments"))).isEmpty();
    assertError(portalB.get("/api/v1/portal/invoices/" + invoice.getLong("id") + "/pdf"), 404, "not_found", null);
    assertError(portalB.get("/api/v1/portal/payments/" + payment.getLong("id") + "/pdf"), 404, "not_found", null);
    assertError(portalB.get("/api/v1/portal/invoices/999999999/pdf"), 404, "not_found", null);
    assertError(portalB.get("/api/v1/portal/payments/abc/pdf"), 404, "not_found", null);
    assertError(portalB.get("/api/v1/portal/invoices?status=lunas"), 400, "invalid_field", "status");
  }

  @Test
  @DisplayName("the invoice and receipt PDFs read in Bahasa with Rupiah amounts, the customer and a code staff can verify")
  void pdfsAndVerification(Vertx vertx) throws Exception {
    JsonObject dewi = customer(vertx, "Dewi Kartika", true);
    String number = number();
    JsonObject invoice = postInvoice(vertx, invoiceBody(number, dewi));
    JsonObject payment = machine(vertx).post("/api/v1/payments", paymentBody("PDF-" + number, number, 150_000)).bodyAsJsonObject();
    Browser portal = signedIn(vertx, dewi);

    String invoiceText = pdfText(portal.get("/api/v1/portal/invoices/" + invoice.getLong("id") + "/pdf"));
    assertThat(invoiceText).contains("AGLIS", "TAGIHAN", number, "Dewi Kartika", dewi.getString("customerNo"), "Jl. Melati No. 7",
        "Desember 2026", "1 Desember 2026", "10 Desember 2026", "Paket Rumah 20 Mbps", "Rp 300.000", "Rp 50.000", "Rp 350.000",
        "Rp 150.000", "Rp 200.000", "Dibayar sebagian", "5 Desember 2026 14:30 WIB", invoice.getString("verificationCode"));
    assertThat(invoiceText).doesNotContain("350,000", "350000", "Rp350");

    String receiptText = pdfText(portal.get("/api/v1/portal/payments/" + payment.getLong("id") + "/pdf"));
    assertThat(receiptText).contains("AGLIS", "KUITANSI PEMBAYARAN", "PDF-" + number, number, "Dewi Kartika", "Rp 150.000",
        "Rp 200.000", "5 Desember 2026 14:30 WIB", "va_bca", payment.getString("verificationCode"));
    assertThat(pdfText(staff(vertx, "sari.cs").get("/api/v1/invoices/" + invoice.getLong("id") + "/pdf"))).contains(number);

    Browser cs = staff(vertx, "sari.cs");
    JsonObject checked = cs.get("/api/v1/billing/verify/" + payment.getString("verificationCode").toLowerCase().replace("-", ""))
        .bodyAsJsonObject();
    assertThat(checked.getString("kind")).isEqualTo("payment");
    assertThat(checked.getLong("amount")).isEqualTo(150_000L);
    assertThat(checked.getJsonObject("customer").getString("name")).isEqualTo("Dewi Kartika");
    assertThat(checked.getJsonObject("invoice").getString("number")).isEqualTo(number);
    JsonObject invoiceChecked = cs.get("/api/v1/billing/verify/" + invoice.getString("verificationCode")).bodyAsJsonObject();
    assertThat(invoiceChecked.getString("kind")).isEqualTo("invoice");
    assertThat(invoiceChecked.getLong("amount")).isEqualTo(350_000L);
    assertError(cs.get("/api/v1/billing/verify/ZZZZZ-ZZZZZ"), 404, "not_found", null);
    assertError(cs.get("/api/v1/billing/verify/nonsense"), 404, "not_found", null);
  }

  @Test
  @DisplayName("payments racing for one invoice never pay it past its total, and one reference racing twice is recorded once")
  void racingPayments(Vertx vertx) throws Exception {
    JsonObject tari = customer(vertx, "Tari Handayani", true);
    String number = number();
    JsonObject invoice = postInvoice(vertx, invoiceBody(number, tari));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> over = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String reference = "RACE-" + number + "-" + i;
        over.add(pool.submit(() -> machine(vertx).post("/api/v1/payments", paymentBody(reference, number, 200_000)).statusCode()));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var f : over) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
      List<java.util.concurrent.Future<HttpResponse<Buffer>>> same = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        same.add(pool.submit(() -> machine(vertx).post("/api/v1/payments", paymentBody("SAME-" + number, number, 150_000))));
      }
      java.util.Set<Long> ids = new java.util.HashSet<>();
      for (var f : same) {
        assertThat(f.get().statusCode()).as(f.get().bodyAsString()).isIn(200, 201);
        ids.add(f.get().bodyAsJsonObject().getLong("id"));
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    JsonObject read = machine(vertx).get("/api/v1/invoices/" + invoice.getLong("id")).bodyAsJsonObject();
    assertThat(read.getLong("paid")).isEqualTo(350_000L);
    assertThat(read.getJsonArray("payments")).hasSize(2);
    assertThat(read.getString("status")).isEqualTo("paid");
  }

  @Test
  @DisplayName("a customer without a WhatsApp number still has the payment recorded and sees it live")
  void paymentWithoutPhone(Vertx vertx) throws Exception {
    JsonObject eko = customer(vertx, "Eko Prasetyo", false);
    String number = number();
    postInvoice(vertx, invoiceBody(number, eko));
    Browser portal = signedIn(vertx, eko);
    try (BridgeSocket socket = BridgeSocket.open(vertx, hub.port(), portal)) {
      assertThat(socket.tryRegister("ui.customer." + eko.getLong("id"))).isTrue();
      int mark = socket.mark();
      HttpResponse<Buffer> paid = machine(vertx).post("/api/v1/payments", paymentBody("NOPHONE-" + number, number, 350_000));
      assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
      JsonObject note = socket.awaitOn(mark, "ui.customer." + eko.getLong("id"), b -> "payment".equals(b.getString("type")), 10_000);
      assertThat(note.getString("status")).isEqualTo("paid");
    }
  }
}
