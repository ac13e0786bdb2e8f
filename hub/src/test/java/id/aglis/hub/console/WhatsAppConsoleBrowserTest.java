package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.ConsoleBrowser;
import id.aglis.hub.testing.StatusWatcher;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * The console's WhatsApp area in a real browser: dead letters requeued in bulk from the keyboard, a batch from a
 * pasted CSV with its preview and the answer's link to the batch, a template's live preview, and the inbox taking
 * a new message live and answering it.
 */
@ExtendWith(VertxExtension.class)
class WhatsAppConsoleBrowserTest {

  private static final String DEVICE = "6281100000001";
  private static final String TOKEN = "bearer-token-for-wa-console-browser-01";
  private static final String SECRET = "webhook-secret-for-wa-console-browser";

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;
  private static StatusWatcher watcher;

  @RegisterExtension
  final ConsoleBrowser browser = new ConsoleBrowser();

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-a");
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("wa-console-browser", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-a"));
    env.put("HUB_WEBHOOK_SECRET", SECRET);
    hub = TestHub.start(env);
    watcher = new StatusWatcher(hub.vertx());
  }

  @AfterAll
  static void stop() {
    watcher.close();
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private static Browser api(Vertx vertx) {
    return hub.browser(vertx).withBearer(TOKEN);
  }

  private void signIn() {
    browser.start(hub.port(), 1366, 900).signInAsStaff("admin", TestHub.ADMIN_PASSWORD);
  }

  @Test
  @DisplayName("failed messages are selected with j and x, requeued from the bulk bar, and their rows follow them live")
  void bulkRequeueFromTheKeyboard(Vertx vertx) throws Exception {
    List<String> targets = List.of("6281299000001", "6281299000002");
    targets.forEach(to -> fonnte.replyForTarget(to, Reply.reject("target invalid")));
    for (String to : targets) {
      String id = api(vertx).post("/api/v1/messages", new JsonObject().put("to", to).put("text", "Tagihan Desember")).bodyAsJsonObject()
          .getString("id");
      assertThat(watcher.await(id, Set.of("failed", "sent"), 10_000)).isEqualTo("failed");
    }
    targets.forEach(to -> fonnte.replyForTarget(to, Reply.accept()));

    signIn();
    browser.open("/staff/index.html#/whatsapp/messages?status=failed,dead");
    browser.waitForText(".messages-table tbody", "+62 812-9900-0001");
    Actions keys = new Actions(browser.driver());
    keys.sendKeys("j").sendKeys("x").sendKeys("j").sendKeys("x").perform();
    browser.waitForText(".bulk-bar", "2 dipilih");
    browser.driver().findElement(By.cssSelector(".bulk-actions .btn-primary")).click();
    browser.visible("dialog.wa-confirm");
    browser.driver().findElement(By.cssSelector("dialog.wa-confirm button[value=yes]")).click();
    browser.waitForText("[aria-live] .alert", "2 pesan diantrekan ulang");
    // Sent again through the fake, and the rows say so without a reload.
    browser.waitFor(d -> d.findElements(By.cssSelector(".messages-table .badge.status-sent, .messages-table .badge.status-delivered"))
        .size() == 2);
  }

  @Test
  @DisplayName("a pasted CSV is previewed row by row (a bad number and a missing value marked), sent, and linked to its batch")
  void batchFromCsv(Vertx vertx) {
    assertThat(api(vertx).post("/api/v1/templates", new JsonObject().put("name", "tagihan-browser")
        .put("body", "Halo {{nama}}, tagihan Rp {{jumlah}}.")).statusCode()).isEqualTo(201);
    signIn();
    browser.open("/staff/index.html#/whatsapp/send?mode=batch&template=tagihan-browser");
    browser.visible("#wa-batch-csv").sendKeys("nomor;nama;jumlah\n081299100001;Budi;350.000\n12345;Salah;1\n081299100003;Siti;\n");
    browser.waitForText(".batch-preview", "Halo Budi, tagihan Rp 350.000.");
    browser.waitForText(".batch-preview", "Nomor tidak valid");
    browser.waitForText(".batch-preview", "Belum diisi: jumlah");
    browser.waitForText(".batch-form [type=submit]", "Kirim 1 pesan");
    browser.driver().findElement(By.cssSelector(".batch-form [type=submit]")).click();
    browser.driver().findElement(By.cssSelector("dialog.wa-confirm button[value=yes]")).click();
    browser.waitForText(".batch-form .alert", "1 pesan diantrekan");
    browser.driver().findElement(By.cssSelector(".batch-form .alert a")).click();
    browser.waitFor(d -> d.getCurrentUrl().contains("#/whatsapp/batches?batch="));
    browser.waitForText(".batch-card.is-focus", "tagihan-browser");
  }

  @Test
  @DisplayName("the template editor previews the text with sample values as it is typed")
  void templatePreview() {
    signIn();
    browser.open("/staff/index.html#/whatsapp/templates?name=new");
    browser.visible("#wa-tpl-name").sendKeys("gangguan-browser");
    browser.visible("#wa-tpl-body").sendKeys("Halo {{nama}}, gangguan di {{area}} sudah pulih.");
    browser.waitForText(".template-preview .wa-bubble", "Halo Siti Rahmawati, gangguan di Sleman sudah pulih.");
    browser.driver().findElement(By.cssSelector(".template-editor [type=submit]")).click();
    browser.waitForText("[aria-live] .alert", "Template gangguan-browser dibuat");
    browser.waitForText(".pick-list", "gangguan-browser");
  }

  @Test
  @DisplayName("an incoming message appears in the inbox without a reload, and the reply box sends to its sender")
  void inboxIsLiveAndAnswers(Vertx vertx) throws Exception {
    signIn();
    browser.open("/staff/index.html#/whatsapp/inbox");
    browser.waitFor(d -> "live".equals(d.findElement(By.cssSelector("[data-live]")).getAttribute("data-status")));
    String sender = "6281299200001";
    assertThat(hub.browser(vertx).post("/hooks/fonnte/" + SECRET + "/incoming", new JsonObject().put("device", DEVICE)
        .put("sender", sender).put("name", "Rina").put("message", "Internet mati sejak pagi").put("timestamp", 1736700000))
        .statusCode()).isEqualTo(200);
    browser.waitForText(".inbox-list", "Internet mati sejak pagi");
    browser.driver().findElement(By.cssSelector(".inbox-list a[href*='" + sender + "']")).click();
    browser.visible("#wa-reply").sendKeys("Baik Kak Rina, teknisi kami segera cek.");
    browser.driver().findElement(By.cssSelector(".reply-box [type=submit]")).click();
    browser.waitForText(".thread-items", "teknisi kami segera cek");
    // (An unknown sender also gets the hub's own one-a-day answer: the reply is found by its text.)
    JsonObject sent = api(vertx).get("/api/v1/messages?to=" + sender).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(m -> "Baik Kak Rina, teknisi kami segera cek.".equals(m.getString("text"))).findFirst()
        .orElseThrow();
    assertThat(sent.getString("priority")).isEqualTo("high");
  }
}
