package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.ConsoleBrowser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import org.openqa.selenium.support.ui.Select;

/**
 * The console's alerts page in a real browser, with the evaluator's fast rounds: an alert of a rule made elsewhere
 * appears on the open page without a reload, is acknowledged from the bulk bar (and the API says so), and the
 * overview's card and the document title count it while it fires; the rule form shows the API's error beside the
 * nested field it names, and its preview says who would be paged, the unreachable marked.
 */
@ExtendWith(VertxExtension.class)
class AlertsConsoleBrowserTest {

  private static final String NOC = "piket.noc";
  private static final String NOC_PASSWORD = "rahasia-noc-123";

  private static TestHub hub;

  @RegisterExtension
  final ConsoleBrowser browser = new ConsoleBrowser();

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> env = TestHub.environment("alerts-console-browser");
    env.put("HUB_ALERT_EVALUATE_MILLIS", "200");
    env.put("HUB_ALERT_SAMPLE_SECONDS", "1");
    hub = TestHub.start(env);
    // No phone on file: pages to this person are 'skipped', and the preview marks them unreachable.
    var created = hub.admin(vertx).post("/api/v1/staff", new JsonObject().put("username", NOC).put("name", "Piket NOC").put("role", "noc")
        .put("password", NOC_PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private void signInAsNoc() {
    browser.start(hub.port(), 1366, 900).signInAsStaff(NOC, NOC_PASSWORD);
  }

  /** A rule that holds while the console is open: its own socket counts. */
  private static JsonObject holdingRule(String name) {
    return new JsonObject().put("name", name).put("metric", "aglis_live_sockets").put("function", "last").put("comparator", ">=")
        .put("threshold", 1).put("severity", "critical").put("summary", "{{value}} soket terbuka")
        .put("targets", new JsonObject().put("roles", new JsonArray().add("noc")).put("channels", new JsonArray().add("dashboard")));
  }

  private static int firingNow(Browser api) {
    return api.get("/api/v1/alerts?state=firing&limit=100").bodyAsJsonObject().getJsonArray("items").size();
  }

  @Test
  @DisplayName("an alert appears live, is acknowledged from the bulk bar, and the title and the overview count it while it fires")
  void liveAlertAcknowledgedInBulk(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    signInAsNoc();
    browser.open("/staff/index.html#/alerts");
    browser.waitFor(d -> "live".equals(d.findElement(By.cssSelector("[data-live]")).getAttribute("data-status")));
    browser.visible(".alerts-tabs [aria-current=page]");
    browser.script("window.stillThisPage = true;");

    var created = admin.post("/api/v1/alerts/rules", holdingRule("Konsol terbuka"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    long ruleId = created.bodyAsJsonObject().getLong("id");

    // The alert's row arrives from ui.alerts: found by its rule's name, then followed by its id.
    browser.waitForText(".alerts-table tbody", "Konsol terbuka");
    String id = (String) browser.script("return [...document.querySelectorAll('.alerts-table tr[data-row]')]"
        + ".find((tr) => tr.textContent.includes('Konsol terbuka')).dataset.id;");
    String row = ".alerts-table tr[data-id='" + id + "']";
    browser.waitForText(row + " .cell-state", "Berbunyi");

    browser.driver().findElement(By.cssSelector(row + " [data-select]")).click();
    browser.waitForText(".bulk-bar", "1 dipilih");
    browser.visible(".bulk-bar [data-bulk=ack]").click();
    browser.waitForText(".bulk-summary", "1 peringatan diakui");
    browser.waitForText(row + " .cell-acked", NOC);

    JsonObject alert = admin.get("/api/v1/alerts/" + id).bodyAsJsonObject();
    assertThat(alert.getString("ackedBy")).isEqualTo(NOC);
    assertThat(alert.getString("ackedAt")).isNotNull();
    assertThat(alert.getJsonArray("timeline").stream().map(JsonObject.class::cast).map(e -> e.getString("kind"))).contains("acknowledged");

    // The title counts what fires (this alert, and any built-in rule's that fires in this environment).
    browser.waitFor(d -> d.getTitle().startsWith("(" + firingNow(admin) + ") Peringatan"));
    browser.script("location.hash = '#/overview';");
    browser.waitFor(d -> String.valueOf(firingNow(admin))
        .equals(d.findElement(By.cssSelector(".tile-alerts [data-alerts-firing]")).getAttribute("data-alerts-firing")));
    int before = browser.waitFor(d -> Integer.parseInt(d.findElement(By.cssSelector(".tile-alerts [data-alerts-firing]"))
        .getAttribute("data-alerts-firing")));
    assertThat(before).isPositive();

    // Switched off, its alert resolves: the card and the title follow, still without a reload.
    assertThat(admin.put("/api/v1/alerts/rules/" + ruleId, new JsonObject().put("enabled", false)).statusCode()).isEqualTo(200);
    browser.waitFor(d -> String.valueOf(before - 1)
        .equals(d.findElement(By.cssSelector(".tile-alerts [data-alerts-firing]")).getAttribute("data-alerts-firing")));
    browser.waitFor(d -> before - 1 == 0 ? d.getTitle().startsWith("Ikhtisar") : d.getTitle().startsWith("(" + (before - 1) + ") Ikhtisar"));
    assertThat(browser.script("return window.stillThisPage === true;")).as("no reload").isEqualTo(true);
  }

  @Test
  @DisplayName("the preview and saving both show the API's error beside 'targets.staff' for an unknown staff member; "
      + "fixed, the preview fires and marks the unreachable")
  void ruleFormErrorsAndPreview() {
    signInAsNoc();
    browser.open("/staff/index.html#/alerts/rules/new");
    WebElement name = browser.visible("form.rule-form [name=name]");
    name.sendKeys("Pratinjau browser");
    new Select(browser.driver().findElement(By.cssSelector("form.rule-form [name=metric]"))).selectByValue("aglis_live_sockets");
    new Select(browser.driver().findElement(By.cssSelector("form.rule-form [name=comparator]"))).selectByValue(">=");
    browser.driver().findElement(By.cssSelector("form.rule-form [name=threshold]")).sendKeys("1");
    WebElement staff = browser.driver().findElement(By.cssSelector("form.rule-form [name='targets.staff']"));
    staff.sendKeys("bukan.siapa");

    // The hub refuses the name, naming the nested field: the error shows beside it, in the preview as when saving.
    browser.driver().findElement(By.cssSelector("[data-preview]")).click();
    WebElement previewError = browser.visible("#f-targets\\.staff-error");
    assertThat(previewError.getText()).contains("Nama pengguna staf yang aktif");
    browser.driver().findElement(By.cssSelector("form.rule-form [type=submit]")).click();
    WebElement error = browser.visible("#f-targets\\.staff-error");
    assertThat(error.getText()).contains("Nama pengguna staf yang aktif");
    assertThat(staff.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/alerts/rules/new");

    staff.clear();
    browser.driver().findElement(By.cssSelector("[data-preview]")).click();
    browser.waitForText(".rule-preview .preview-outcome", "Berbunyi");
    browser.waitForText(".rule-preview .recipients", NOC);
    assertThat(browser.driver().findElements(By.cssSelector(".rule-preview .unknown-staff"))).isEmpty();
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/alerts/rules/new");
    assertThat(browser.driver().findElement(By.cssSelector(".rule-preview .recipients .is-unreachable")).getText())
        .contains(NOC).contains("tidak terjangkau");
  }
}
