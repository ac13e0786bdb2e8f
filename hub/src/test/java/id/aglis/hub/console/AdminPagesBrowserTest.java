package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's administration pages in a real browser: finding and changing a customer from the keyboard with the
 * API's field errors shown beside the field, bulk actions, a token's secret shown once, and a supervisor offered only
 * what the API lets them do.
 */
@ExtendWith(VertxExtension.class)
class AdminPagesBrowserTest {

  private static TestHub hub;

  @RegisterExtension
  final ConsoleBrowser browser = new ConsoleBrowser();

  @BeforeAll
  static void start() {
    hub = TestHub.start(TestHub.environment("admin-pages"));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject created(Browser api, String path, JsonObject body) {
    var response = api.post(path, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private void fill(String name, String value) {
    WebElement input = browser.driver().findElement(By.cssSelector("form.admin-form [name=" + name + "]"));
    input.clear();
    input.sendKeys(value);
  }

  @Test
  @DisplayName("'find customer' focuses the search; j and Enter open the customer; a taken phone is marked on the field; the fix is saved")
  void findAndEditCustomer(Vertx vertx) {
    Browser api = hub.admin(vertx);
    created(api, "/api/v1/customers", new JsonObject().put("customerNo", "BRW-001").put("name", "Wulan Sari").put("phone", "0813 9000 0001"));
    created(api, "/api/v1/customers", new JsonObject().put("customerNo", "BRW-002").put("name", "Joko Susilo").put("phone", "0813 9000 0002")
        .put("plan", "Rumah 20 Mbps"));

    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.open("/staff/index.html#/customers?focus=search");
    browser.waitFor(d -> "q".equals(d.switchTo().activeElement().getAttribute("name")));
    browser.driver().switchTo().activeElement().sendKeys("0813 9000 0002");
    browser.waitFor(d -> d.getCurrentUrl().contains("q=0813"));
    browser.waitFor(d -> d.findElements(By.cssSelector("[data-row]")).size() == 1);
    browser.waitForText("[data-row]", "Joko Susilo");

    new Actions(browser.driver()).sendKeys(Keys.ESCAPE).sendKeys("j").sendKeys(Keys.ENTER).perform();
    browser.waitForText(".page-title", "Joko Susilo");
    browser.waitForText(".admin-card", "0813-9000-0002");
    browser.waitForText(".admin-card", "Rumah 20 Mbps");

    browser.driver().findElement(By.cssSelector(".page-actions a[href$='/edit']")).click();
    browser.visible("form.admin-form");
    fill("phone", "0813-9000-0001");
    fill("latitude", "-7.7501, 110.3754");
    browser.driver().findElement(By.cssSelector("form.admin-form [type=submit]")).click();
    browser.waitForText("#f-phone-error", "sudah terdaftar");
    assertThat(browser.driver().findElement(By.cssSelector("[name=phone]")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.driver().findElement(By.cssSelector("[name=longitude]")).getAttribute("value")).isEqualTo("110.3754");

    fill("phone", "0813-9000-0003");
    browser.driver().findElement(By.cssSelector("form.admin-form [type=submit]")).click();
    browser.waitForText(".flash", "tersimpan");
    JsonObject saved = api.get("/api/v1/customers?q=BRW-002").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(saved.getString("phone")).isEqualTo("6281390000003");
    assertThat(saved.getDouble("latitude")).isEqualTo(-7.7501);
    assertThat(saved.getDouble("longitude")).isEqualTo(110.3754);
    // Only what changed was sent, so the audit trail names exactly that.
    JsonObject change = api.get("/api/v1/audit?action=customer.updated&targetId=" + saved.getLong("id")).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getJsonObject("detail");
    assertThat(change.fieldNames()).containsExactlyInAnyOrder("phone", "latitude", "longitude");
  }

  @Test
  @DisplayName("customers selected with x are suspended one by one, with a summary that counts the skipped")
  void bulkSuspend(Vertx vertx) {
    Browser api = hub.admin(vertx);
    created(api, "/api/v1/customers", new JsonObject().put("customerNo", "BLK-001").put("name", "Bulk Satu"));
    created(api, "/api/v1/customers", new JsonObject().put("customerNo", "BLK-002").put("name", "Bulk Dua").put("status", "suspended"));
    created(api, "/api/v1/customers", new JsonObject().put("customerNo", "BLK-003").put("name", "Bulk Tiga"));

    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.open("/staff/index.html#/customers?q=BLK-");
    browser.waitFor(d -> d.findElements(By.cssSelector("[data-row]")).size() == 3);
    new Actions(browser.driver()).sendKeys("j").sendKeys("x").sendKeys("j").sendKeys("x").sendKeys("j").sendKeys("x").perform();
    browser.waitForText(".bulk-bar", "3 dipilih");
    browser.driver().findElement(By.cssSelector(".bulk-bar .btn-danger")).click();
    browser.visible("dialog.admin-dialog [type=submit]").click();
    browser.waitForText(".bulk-summary", "2 berhasil");
    browser.waitForText(".bulk-summary", "1 dilewati");
    assertThat(api.get("/api/v1/customers?q=BLK-&status=suspended").bodyAsJsonObject().getJsonArray("items").size()).isEqualTo(3);
  }

  @Test
  @DisplayName("suspending a customer from their page asks why, and the customer's portal gets that reason")
  void suspendWithReason(Vertx vertx) {
    Browser api = hub.admin(vertx);
    JsonObject c = created(api, "/api/v1/customers", new JsonObject().put("customerNo", "SUS-001").put("name", "Susi Tunggak")
        .put("plan", new JsonObject().put("name", "Rumah 20 Mbps").put("speedMbps", 20).put("price", 250_000)));
    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.open("/staff/index.html#/customers/" + c.getLong("id"));
    browser.waitForText("[data-testid=customer-360]", "Rp 250.000");
    browser.visible(".btn-danger-outline").click();
    browser.visible("[data-testid=suspend-confirm]").click();
    browser.waitForText("dialog.admin-dialog", "pelanggan membacanya");
    browser.visible("[data-testid=suspend-reason]").sendKeys("Tagihan November belum dibayar.");
    browser.visible("[data-testid=suspend-confirm]").click();
    browser.waitForText("[data-testid=customer-360]", "Tagihan November belum dibayar.");
    JsonObject stored = api.get("/api/v1/customers/" + c.getLong("id")).bodyAsJsonObject();
    assertThat(stored.getString("status")).isEqualTo("suspended");
    assertThat(stored.getString("statusReason")).isEqualTo("Tagihan November belum dibayar.");
  }

  @Test
  @DisplayName("a long list comes a page at a time: 'Muat lebih banyak' appends the next page until there is none")
  void pagingLoadsMore(Vertx vertx) {
    Browser api = hub.admin(vertx);
    for (int i = 1; i <= 55; i++) {
      created(api, "/api/v1/customers", new JsonObject().put("customerNo", String.format("PGN-%03d", i)).put("name", "Halaman " + i));
    }
    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.open("/staff/index.html#/customers?q=PGN-");
    browser.waitFor(d -> d.findElements(By.cssSelector("[data-row]")).size() == 50);
    browser.waitForText(".list-foot", "masih ada lagi");
    browser.driver().findElement(By.cssSelector(".list-foot .btn")).click();
    browser.waitFor(d -> d.findElements(By.cssSelector("[data-row]")).size() == 55);
    browser.waitForText(".list-foot", "Semua (55)");
    assertThat(browser.driver().findElement(By.cssSelector(".list-foot .btn")).isDisplayed()).isFalse();
    assertThat(browser.driver().findElements(By.cssSelector("[data-row]")).get(54).getText()).contains("PGN-001");
  }

  @Test
  @DisplayName("a new token's secret is shown once and works; revoking it asks first and stops it at once")
  void tokenShownOnceThenRevoked(Vertx vertx) {
    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
    browser.open("/staff/index.html#/tokens/new");
    browser.visible("form.admin-form");
    fill("name", "monitoring-uji");
    new Select(browser.driver().findElement(By.cssSelector("form.admin-form [name=role]"))).selectByValue("noc");
    browser.driver().findElement(By.cssSelector("form.admin-form [type=submit]")).click();

    String secret = browser.visible("input.secret").getAttribute("value");
    browser.waitForText(".secret-card .alert-warn", "hanya ditampilkan sekali");
    Browser machine = hub.browser(vertx).withBearer(secret);
    assertThat(machine.get("/api/v1/auth/me").bodyAsJsonObject().getString("name")).isEqualTo("monitoring-uji");

    browser.driver().findElement(By.cssSelector(".secret-card a.btn")).click();
    browser.waitForText(".page-title", "monitoring-uji");
    assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    browser.driver().findElement(By.cssSelector(".page-actions .btn-danger-outline")).click();
    browser.visible("dialog.admin-dialog [type=submit]").click();
    browser.waitForText(".admin-card", "Dicabut");
    assertThat(machine.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("a supervisor cannot select or change admin accounts, is offered only front-line roles, and has no token page")
  void supervisorView(Vertx vertx) {
    Browser api = hub.admin(vertx);
    created(api, "/api/v1/staff", new JsonObject().put("username", "spv.browser").put("name", "Rina Browser").put("role", "supervisor")
        .put("password", "spv-password-1"));
    JsonObject cs = created(api, "/api/v1/staff", new JsonObject().put("username", "cs.browser").put("name", "Dewi Browser").put("role", "cs")
        .put("password", "cs-password-1"));

    browser.start(hub.port(), 390, 844).signInAsStaff("spv.browser", "spv-password-1");
    browser.open("/staff/index.html#/staff");
    browser.waitForText(".data-table", "Dewi Browser");
    assertThat(browser.driver().findElements(By.cssSelector("[data-row] [data-select]"))).hasSize(1);
    // On a phone the rows are cards that name each value.
    assertThat(browser.driver().findElement(By.cssSelector(".data-table thead")).isDisplayed()).isFalse();
    assertThat(browser.driver().findElement(By.cssSelector("[data-row] .cell-label")).isDisplayed()).isTrue();

    browser.open("/staff/index.html#/staff/1");
    browser.waitForText(".alert-info", "Hanya administrator");
    assertThat(browser.driver().findElements(By.cssSelector(".page-actions a[href$='/edit']"))).isEmpty();

    browser.open("/staff/index.html#/staff/" + cs.getLong("id") + "/edit");
    browser.visible("form.admin-form");
    assertThat(new Select(browser.driver().findElement(By.cssSelector("[name=role]"))).getOptions())
        .extracting(o -> o.getAttribute("value")).containsExactly("cs", "noc", "technician");

    browser.open("/staff/index.html#/tokens");
    browser.waitForText(".state-error", "tidak dapat membuka");
  }
}
