package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.ConsoleBrowser;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A ticket's round trip in two real browsers: a customer reports a fault in the portal on a phone, a customer-service
 * agent answers it in the console on a laptop, and the answer appears on the customer's open page without a reload.
 */
@ExtendWith(VertxExtension.class)
class TicketsBrowserTest {

  private static final String CS = "meja.cs";
  private static final String CS_PASSWORD = "rahasia-cs-1234";
  private static final String CUSTOMER_PASSWORD = "pelanggan-rahasia-1";

  /** What a customer might type: shown as text on both sides, never run. */
  private static final String INJECTION = "Lampu LOS merah <img src=x onerror=\"window.pwned=1\"> sudah restart modem.";

  private static TestHub hub;
  private static String customerNo;

  @RegisterExtension
  final ConsoleBrowser phone = new ConsoleBrowser();

  @RegisterExtension
  final ConsoleBrowser desk = new ConsoleBrowser();

  @BeforeAll
  static void start(Vertx vertx) {
    hub = TestHub.start(TestHub.environment("tickets-browser"));
    Browser admin = hub.admin(vertx);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", CS).put("name", "Meja CS").put("role", "cs")
        .put("password", CS_PASSWORD)).statusCode()).isEqualTo(201);
    JsonObject customer = admin.post("/api/v1/customers", new JsonObject().put("name", "Siti Rahma").put("phone", "081277003344")
        .put("plan", "Rumah 20 Mbps").put("password", CUSTOMER_PASSWORD)).bodyAsJsonObject();
    customerNo = customer.getString("customerNo");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  @DisplayName("a customer reports in the portal, staff answer in the console, the customer sees the answer without reloading")
  void reportAnswerSeenLive() {
    phone.start(hub.port(), 390, 844).signInAsCustomer(customerNo, CUSTOMER_PASSWORD);
    phone.open("/portal/index.html#/tickets/new");
    WebElement fault = phone.waitFor(d -> d.findElement(By.cssSelector("[data-testid=new-ticket-category-gangguan]")));
    phone.script("arguments[0].click();", fault);
    phone.visible("[data-testid=new-ticket-subject]").sendKeys("Internet mati sejak pagi");
    phone.visible("[data-testid=new-ticket-description]").sendKeys(INJECTION);
    // As a thumb would: scroll the button clear of the bottom tab bar, then tap it.
    WebElement submit = phone.visible("[data-testid=new-ticket-submit]");
    phone.script("arguments[0].scrollIntoView({block: 'center'});", submit);
    submit.click();
    phone.waitFor(d -> d.getCurrentUrl().matches(".*#/tickets/[0-9]+$"));
    String url = phone.driver().getCurrentUrl();
    String id = url.substring(url.lastIndexOf('/') + 1);
    phone.waitFor(d -> "live".equals(d.findElement(By.cssSelector("[data-testid=live-status]")).getAttribute("data-status")));
    phone.script("window.stillThisPage = true;");

    desk.start(hub.port(), 1366, 900).signInAsStaff(CS, CS_PASSWORD);
    desk.open("/staff/index.html#/tickets/" + id);
    desk.waitForText("[data-testid=ticket-subject]", "Internet mati sejak pagi");
    desk.visible("[data-testid=reply-text]").sendKeys("Teknisi kami menuju lokasi Anda hari ini.");
    desk.visible("[data-testid=reply-send]").click();
    desk.waitFor(d -> d.findElements(By.cssSelector("[data-testid=thread-entry]")).stream()
        .anyMatch(e -> e.getText().contains("Teknisi kami menuju lokasi")));

    phone.waitFor(d -> d.findElements(By.cssSelector("[data-testid=thread-entry][data-author-kind=staff]")).stream()
        .anyMatch(e -> e.getText().contains("Teknisi kami menuju lokasi Anda hari ini.")));
    assertThat(phone.script("return window.stillThisPage === true;")).as("no reload").isEqualTo(true);
    assertThat(phone.driver().findElements(By.cssSelector("[data-testid=thread-entry]")).stream()
        .anyMatch(e -> e.getText().contains("<img src=x"))).as("the customer's words as text").isTrue();
    assertThat(desk.driver().findElement(By.tagName("body")).getText()).contains("<img src=x");
    assertThat(phone.script("return window.pwned === undefined;")).isEqualTo(true);
    assertThat(desk.script("return window.pwned === undefined;")).isEqualTo(true);
    assertThat(phone.visible("[data-testid=ticket-status]").getAttribute("data-status")).isEqualTo("in_progress");
  }
}
