package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.Features;
import id.aglis.hub.dispatch.DispatchFeature;
import id.aglis.hub.dispatch.sandbox.SandboxReceipts;
import id.aglis.hub.testing.Browser;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The staff console in a real browser (Debian's chromium): sign in, the live overview, a message sent elsewhere
 * showing up without a reload, the language switch, shortcuts and the command palette.
 */
@ExtendWith(VertxExtension.class)
class ConsoleBrowserTest {

  private static TestHub hub;

  @RegisterExtension
  final ConsoleBrowser browser = new ConsoleBrowser();

  @BeforeAll
  static void start() {
    // The sandbox as in the demo, except that every message goes on to be read (the demo leaves some unread).
    hub = TestHub.start(TestHub.environment("console-browser"), Features.all().stream()
        .map(feature -> feature instanceof DispatchFeature ? new DispatchFeature(accepted -> SandboxReceipts.Fate.READ) : feature)
        .toList());
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  @DisplayName("a staff member signs in and sees the overview go live; a message sent elsewhere appears without a reload")
  void overviewIsLive(Vertx vertx) {
    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.waitFor(d -> "live".equals(d.findElement(By.cssSelector("[data-live]")).getAttribute("data-status")));
    browser.waitForText("[data-live-label]", "Langsung");
    browser.visible(".tile-queue .stat-list");

    Browser api = hub.admin(vertx);
    JsonObject sent = api.post("/api/v1/messages", new JsonObject().put("to", "081277000123").put("text", "Dari luar konsol")).bodyAsJsonObject();
    assertThat(sent.getString("id")).isNotBlank();
    browser.waitForText(".tile-feed .feed", "6281277000123");
  }

  @Test
  @DisplayName("the language switch, 'g' shortcuts, '?' and the Ctrl+K palette work from the keyboard")
  void keyboardAndLanguage() {
    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.waitForText(".console-nav [data-page=overview]", "Ikhtisar");
    browser.driver().findElement(By.cssSelector(".lang-switch button[data-lang=en]")).click();
    browser.waitForText(".console-nav [data-page=overview]", "Overview");

    Actions keys = new Actions(browser.driver());
    keys.sendKeys("?").perform();
    browser.visible("[data-keys-help]");
    keys.sendKeys(Keys.ESCAPE).perform();

    keys.sendKeys("g").sendKeys("p").perform();
    browser.waitFor(d -> d.getCurrentUrl().endsWith("#/performance"));
    keys.sendKeys("g").sendKeys("o").perform();
    browser.waitFor(d -> d.getCurrentUrl().endsWith("#/overview"));

    keys.keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
    browser.visible("[data-palette] [data-palette-input]").sendKeys("Indonesia");
    browser.visible("[data-palette-list] li.is-active");
    browser.driver().findElement(By.cssSelector("[data-palette-input]")).sendKeys(Keys.ENTER);
    browser.waitForText(".console-nav [data-page=overview]", "Ikhtisar");
  }

  @Test
  @DisplayName("on a phone the navigation is a drawer behind the menu button")
  void phoneLayout() {
    browser.start(hub.port(), 390, 844).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    assertThat(browser.driver().findElement(By.cssSelector(".console-nav a[data-page=whatsapp]")).isDisplayed()).isFalse();
    browser.driver().findElement(By.cssSelector("[data-nav-toggle]")).click();
    browser.visible(".console-nav a[data-page=whatsapp]");
  }

  @Test
  @DisplayName("a message sent from the console's form is followed to 'read' through the sandbox, without a reload")
  void sendFromTheConsoleAndWatchItRead() {
    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.open("/staff/index.html#/whatsapp/send");
    browser.visible("#wa-send-to").sendKeys("0812-7700-0456");
    browser.visible("#wa-send-text").sendKeys("Halo dari konsol: gangguan di Sleman sudah pulih.");
    browser.driver().findElement(By.cssSelector("form.send-form [type=submit]")).click();
    browser.visible("form.send-form ~ * a[href^='#/whatsapp/messages/'], .alert-success a[href^='#/whatsapp/messages/']").click();
    browser.visible(".message-head .badge.status");
    String url = browser.driver().getCurrentUrl();
    browser.script("window.stillThisPage = true;");
    // queued → sending → sent → delivered → read, each shown as the frames arrive (the sandbox takes up to 24 s).
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(45))
        .until(d -> !d.findElements(By.cssSelector(".message-head .badge.status-read")).isEmpty());
    assertThat(browser.driver().getCurrentUrl()).as("no navigation").isEqualTo(url);
    assertThat(browser.script("return window.stillThisPage === true;")).as("no reload").isEqualTo(true);
    assertThat(browser.driver().findElements(By.cssSelector(".timeline .status-delivered"))).isNotEmpty();
  }
}
