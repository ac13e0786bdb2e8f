package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.ConsoleBrowser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The staff side of bills and help in a real browser: an invoice the billing system posted shows on the customer's
 * 360 with its payment, a receipt's code typed the way people copy it from paper is confirmed genuine on the billing
 * page, and an article written with its live preview and published appears on the portal's public help list.
 */
@ExtendWith(VertxExtension.class)
class BillingConsoleBrowserTest {

  private static final String CS = "kasir.cs";
  private static final String CS_PASSWORD = "rahasia-cs-5678";
  private static final String INVOICE = "INV-2026-11-BROWSER1";
  private static final String REFERENCE = "BCA-BROWSER-0001";
  private static final String UNPAID = "INV-2026-12-BROWSER2";
  private static final String SPV = "rina.spv";
  private static final String SPV_PASSWORD = "rahasia-spv-5678";

  private static TestHub hub;
  private static Browser admin;
  private static long customerId;
  private static String receiptCode;

  @RegisterExtension
  final ConsoleBrowser desk = new ConsoleBrowser();

  @BeforeAll
  static void start(Vertx vertx) {
    hub = TestHub.start(TestHub.environment("billing-console-browser"));
    admin = hub.admin(vertx);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", CS).put("name", "Kasir CS").put("role", "cs")
        .put("password", CS_PASSWORD)).statusCode()).isEqualTo(201);
    JsonObject customer = admin.post("/api/v1/customers", new JsonObject().put("name", "Siti Rahma").put("phone", "081277004455")
        .put("plan", "Rumah 20 Mbps")).bodyAsJsonObject();
    customerId = customer.getLong("id");
    var invoice = admin.post("/api/v1/invoices", new JsonObject().put("number", INVOICE).put("customerNo", customer.getString("customerNo"))
        .put("period", "2026-11").put("issueDate", "2026-11-01").put("dueDate", "2030-11-20")
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Paket Rumah 20 Mbps").put("amount", 300000))
            .add(new JsonObject().put("description", "Sewa perangkat ONT").put("amount", 50000))));
    assertThat(invoice.statusCode()).as(invoice.bodyAsString()).isEqualTo(201);
    var payment = admin.post("/api/v1/payments", new JsonObject().put("reference", REFERENCE).put("invoiceNumber", INVOICE)
        .put("amount", 150000).put("method", "va_bca").put("paidAt", "2026-11-18T14:30:00+07:00"));
    assertThat(payment.statusCode()).as(payment.bodyAsString()).isEqualTo(201);
    receiptCode = payment.bodyAsJsonObject().getString("verificationCode");
    assertThat(admin.post("/api/v1/invoices", new JsonObject().put("number", UNPAID).put("customerNo", customer.getString("customerNo"))
        .put("period", "2026-12").put("issueDate", "2026-12-01").put("dueDate", "2030-12-20")
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Paket Rumah 20 Mbps").put("amount", 300000))))
        .statusCode()).isEqualTo(201);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", SPV).put("name", "Rina Supervisor").put("role", "supervisor")
        .put("password", SPV_PASSWORD)).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  @DisplayName("staff see a posted invoice on the customer 360, verify a receipt's code, and publish a help article with its preview")
  void billsReceiptAndHelpArticle() {
    desk.start(hub.port(), 1280, 900).signInAsStaff(CS, CS_PASSWORD);

    // The customer 360: the invoice as posted, partly paid, with its PDF; the payment beside it. CS may not void.
    desk.open("/staff/index.html#/customers/" + customerId);
    WebElement invoice = desk.waitFor(d -> d.findElements(By.cssSelector("[data-testid=customer-invoice]")).stream()
        .filter(e -> e.getText().contains(INVOICE) && e.getText().contains("Rp 350.000")).findFirst().orElse(null));
    assertThat(invoice.getAttribute("data-status")).isEqualTo("partially_paid");
    assertThat(invoice.findElement(By.cssSelector("[data-testid=invoice-pdf]")).getAttribute("href")).matches(".*/api/v1/invoices/[0-9]+/pdf$");
    assertThat(invoice.findElements(By.cssSelector("[data-testid=invoice-void]"))).as("CS may not void").isEmpty();
    desk.waitForText("[data-testid=customer-payment]", REFERENCE);

    // The code typed as people copy it from paper: lower case, a space instead of the dash.
    String typed = receiptCode.toLowerCase().replace('-', ' ');
    desk.open("/staff/index.html#/billing/verify");
    desk.visible("[data-testid=verify-code]").sendKeys(typed);
    desk.visible("[data-testid=verify-submit]").click();
    WebElement verdict = desk.visible("[data-verdict=genuine]");
    assertThat(verdict.getText()).contains(receiptCode).contains(REFERENCE).contains(INVOICE).contains("Siti Rahma").contains("Rp 150.000");
    desk.visible("[data-testid=verify-code]").clear();
    desk.visible("[data-testid=verify-code]").sendKeys("ZZZZZ-ZZZZZ");
    desk.visible("[data-testid=verify-submit]").click();
    assertThat(desk.visible("[data-verdict=not_found]").getText()).contains("ZZZZZ-ZZZZZ");

    // A help article: the preview follows the Markdown (sanitised by the hub), saving keeps a draft, publishing shows it.
    desk.open("/staff/index.html#/kb/new");
    desk.visible("[data-testid=kb-title]").sendKeys("Cara cek kuitansi pembayaran");
    desk.visible("[data-testid=kb-body]").sendKeys("Kode ada di **bagian bawah** kuitansi.\n\n<script>window.pwned=1</script>");
    desk.waitFor(d -> !d.findElements(By.cssSelector("[data-testid=kb-preview] strong")).isEmpty());
    assertThat(desk.visible("[data-testid=kb-preview] strong").getText()).isEqualTo("bagian bawah");
    assertThat(desk.driver().findElements(By.cssSelector("[data-testid=kb-preview] script"))).isEmpty();
    desk.visible("[data-testid=kb-save]").click();
    desk.waitFor(d -> d.getCurrentUrl().matches(".*#/kb/[0-9]+$"));
    assertThat(desk.visible("[data-testid=kb-status]").getAttribute("data-published")).isEqualTo("false");
    assertThat(portalSlugs()).doesNotContain("cara-cek-kuitansi-pembayaran");
    desk.visible("[data-testid=kb-publish]").click();
    desk.waitFor(d -> "true".equals(d.findElement(By.cssSelector("[data-testid=kb-status]")).getAttribute("data-published")));
    assertThat(portalSlugs()).contains("cara-cek-kuitansi-pembayaran");
    assertThat(desk.script("return window.pwned === undefined;")).isEqualTo(true);
  }

  @Test
  @DisplayName("a supervisor voids an unpaid invoice from the billing page, with the reason the API asks for")
  void supervisorVoidsWithReason() {
    desk.start(hub.port(), 1280, 900).signInAsStaff(SPV, SPV_PASSWORD);
    desk.open("/staff/index.html#/billing/invoices?q=" + UNPAID);
    desk.waitFor(d -> d.findElements(By.cssSelector("[data-row]")).size() == 1);
    desk.visible("[data-row] .btn-danger-text").click();
    // Without a reason the dialog says so beside the field and sends nothing.
    desk.visible("[data-testid=void-confirm]").click();
    assertThat(desk.visible("#f-reason-error").getText()).isNotBlank();
    desk.visible("[data-testid=void-reason]").sendKeys("Pelanggan pindah paket sebelum periode dimulai");
    desk.visible("[data-testid=void-confirm]").click();
    desk.waitFor(d -> !d.findElements(By.cssSelector("[data-row] .bill-status[data-status=void]")).isEmpty());
    JsonObject stored = admin.get("/api/v1/invoices?q=" + UNPAID).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(stored.getString("status")).isEqualTo("void");
    assertThat(stored.getString("voidReason")).isEqualTo("Pelanggan pindah paket sebelum periode dimulai");
  }

  private static java.util.List<String> portalSlugs() {
    var answer = admin.get("/api/v1/portal/kb/articles");
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("slug")).toList();
  }
}
