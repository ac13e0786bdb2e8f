package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.ConsoleBrowser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The speed test in a real browser on a phone-sized window: the four phases run against the hub, the result is saved
 * and compared with the plan, shown in the history and on Beranda's card, and announced for screen readers.
 */
@ExtendWith(VertxExtension.class)
class SpeedTestBrowserTest {

  private static final String PASSWORD = "pelanggan-rahasia-1";

  private static TestHub hub;
  private static String customerNo;

  @RegisterExtension
  final ConsoleBrowser phone = new ConsoleBrowser();

  @BeforeAll
  static void start(Vertx vertx) {
    hub = TestHub.start(TestHub.environment("speedtest-browser"));
    customerNo = hub.admin(vertx).post("/api/v1/customers", new JsonObject().put("name", "Rudi Cepat").put("plan", "Rumah 30 Mbps")
        .put("password", PASSWORD)).bodyAsJsonObject().getString("customerNo");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  @DisplayName("a customer runs the speed test on a phone: phases, a saved result against the plan, the history and Beranda's card")
  void runOnAPhone() {
    phone.start(hub.port(), 390, 844).signInAsCustomer(customerNo, PASSWORD);
    phone.open("/portal/index.html#/speedtest");
    phone.waitForText(".st-history", "Belum ada tes");
    phone.visible("[data-testid=speedtest-start]").click();
    // Each transfer stops after ten seconds at most: wait phase by phase rather than for the whole test at once.
    phone.waitFor(d -> "done".equals(d.findElement(By.cssSelector(".st-tile[data-phase=latency]")).getAttribute("data-state")));
    phone.waitFor(d -> "done".equals(d.findElement(By.cssSelector(".st-tile[data-phase=download]")).getAttribute("data-state")));
    phone.waitForText("[data-testid=speedtest-result]", "dari paket 30 Mbps");
    assertThat(phone.visible("[data-testid=speedtest-live]").getAttribute("textContent")).contains("Tes selesai");
    assertThat(phone.driver().findElements(By.cssSelector("[data-testid=speedtest-row]"))).hasSize(1);
    assertThat(phone.script("return document.activeElement.classList.contains('st-result-title');")).isEqualTo(true);

    phone.open("/portal/index.html#/");
    phone.waitForText("[data-testid=home-speedtest]", "dari paket 30 Mbps");
    // As a thumb would: scroll the link clear of the bottom tab bar, then tap it.
    var link = phone.visible("[data-testid=home-speedtest-link]");
    phone.script("arguments[0].scrollIntoView({block: 'center'});", link);
    link.click();
    phone.waitFor(d -> d.getCurrentUrl().endsWith("#/speedtest"));
  }
}
