package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.ConsoleBrowser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A bill's round trip on a phone: a customer signs in to the portal at 390×844, opens Tagihan and sees the bill the
 * billing system posted; the bank then reports a payment covering it, and the open page shows the bill paid without a
 * reload (the {@code ui.customer.<id>} note, not a poll); the payment's receipt is then downloaded by tapping its link,
 * as a person would, and read: a real PDF carrying the amount as {@code Rp 350.000}.
 */
@ExtendWith(VertxExtension.class)
class PortalBillingBrowserTest {

  private static final String TOKEN = "bearer-token-for-portal-billing-browser-0123";
  private static final String PASSWORD = "pelanggan-rahasia-1";
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

  private static TestHub hub;
  private static JsonObject customer;

  @RegisterExtension
  final ConsoleBrowser phone = new ConsoleBrowser();

  @TempDir
  Path downloads;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> env = TestHub.environment("portal-billing-browser");
    env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    hub = TestHub.start(env);
    // No WhatsApp number: the receipt notice is not the subject here, and no gateway is configured.
    HttpResponse<Buffer> created = hub.admin(vertx).post("/api/v1/customers", new JsonObject().put("name", "Rina Wulandari")
        .put("plan", "Rumah 20 Mbps").put("address", "Jl. Kenanga No. 3, Bantul").put("password", PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    customer = created.bodyAsJsonObject();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  @DisplayName("on a phone, a bill shows unpaid, turns paid live when the bank's payment is posted, and its receipt downloads as a PDF")
  void billPaidLiveAndReceiptDownloads(Vertx vertx) throws Exception {
    Browser billing = hub.browser(vertx).withBearer(TOKEN);
    LocalDate today = LocalDate.now(WIB);
    String number = "INV-E2E-" + System.currentTimeMillis() % 1_000_000;
    HttpResponse<Buffer> posted = billing.post("/api/v1/invoices", new JsonObject().put("number", number)
        .put("customerNo", customer.getString("customerNo")).put("period", today.toString().substring(0, 7))
        .put("issueDate", today.toString()).put("dueDate", today.plusDays(10).toString())
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Paket Rumah 20 Mbps").put("amount", 300_000))
            .add(new JsonObject().put("description", "Sewa perangkat ONT").put("amount", 50_000))));
    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(201);
    long invoiceId = posted.bodyAsJsonObject().getLong("id");
    String row = "[data-testid=bill-row][data-invoice-id='" + invoiceId + "']";

    phone.start(hub.port(), 390, 844).signInAsCustomer(customer.getString("customerNo"), PASSWORD);
    // Downloads go to a folder of this test's, without a prompt (headless chromium would otherwise refuse them).
    ((ChromeDriver) phone.driver()).executeCdpCommand("Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString(), "eventsEnabled", true));
    phone.open("/portal/index.html#/bills");
    phone.waitFor(d -> "unpaid".equals(d.findElement(By.cssSelector("[data-testid=bill-current]")).getAttribute("data-status")));
    assertThat(phone.visible("[data-testid=bill-current-amount]").getText()).isEqualTo("Rp 350.000");
    assertThat(phone.visible(row).getAttribute("data-status")).isEqualTo("unpaid");
    assertThat(phone.driver().findElements(By.cssSelector("[data-testid=payment-receipt]"))).isEmpty();
    phone.waitFor(d -> "live".equals(d.findElement(By.cssSelector("[data-testid=live-status]")).getAttribute("data-status")));
    phone.script("window.stillThisPage = true;");

    String reference = "BCA-" + number;
    HttpResponse<Buffer> paid = billing.post("/api/v1/payments", new JsonObject().put("reference", reference)
        .put("invoiceNumber", number).put("amount", 350_000).put("method", "va_bca")
        .put("paidAt", OffsetDateTime.now(WIB).minusMinutes(5).withNano(0).toString()));
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
    assertThat(paid.bodyAsJsonObject().getJsonObject("invoice").getString("status")).isEqualTo("paid");

    // bill-fresh marks the row a live payment note named: a poll (only while not live, every 30 s) never sets it.
    phone.waitFor(d -> {
      WebElement bill = d.findElement(By.cssSelector(row));
      return "paid".equals(bill.getAttribute("data-status")) && bill.getAttribute("class").contains("bill-fresh");
    });
    assertThat(phone.script("return window.stillThisPage === true;")).as("no reload").isEqualTo(true);
    phone.waitFor(d -> "paid".equals(d.findElement(By.cssSelector("[data-testid=bill-current]")).getAttribute("data-status")));
    assertThat(phone.visible("[data-testid=bill-current-status]").getText()).isNotBlank();

    WebElement receipt = phone.visible(row + " [data-testid=payment-receipt]");
    assertThat(receipt.getAttribute("href")).endsWith("/api/v1/portal/payments/" + paid.bodyAsJsonObject().getLong("id") + "/pdf");
    phone.script("arguments[0].scrollIntoView({block: 'center'});", receipt);
    receipt.click();
    Path file = downloads.resolve("kuitansi-" + reference + ".pdf");
    // Chromium writes a .crdownload first and renames it when complete: the final name means all bytes are there.
    phone.waitFor(d -> Files.exists(file) && file.toFile().length() > 0);
    try (Stream<Path> all = Files.list(downloads)) {
      assertThat(all.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList())
          .containsExactly(file.getFileName().toString());
    }
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("KUITANSI PEMBAYARAN", reference, number, "Rina Wulandari", "Rp 350.000");
    }
    assertThat(phone.script("return window.stillThisPage === true;")).as("the download left the page where it was").isEqualTo(true);
    assertThat(phone.driver().getCurrentUrl()).endsWith("#/bills");
  }
}
