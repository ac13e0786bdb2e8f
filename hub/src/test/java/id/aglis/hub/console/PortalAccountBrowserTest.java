package id.aglis.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.ConsoleBrowser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The portal's account help in a real phone-sized browser: a customer who forgot their password asks for a code on the
 * sign-in page, types the code WhatsApp brought (read here off a fake Fonnte) and a new password, and lands signed in
 * on Beranda; then changes their e-mail on Akun and sees it saved, still there after a reload, and moves to a new
 * WhatsApp number with the code sent to it.
 */
@ExtendWith(VertxExtension.class)
class PortalAccountBrowserTest {

  private static final String TOKEN = "bearer-token-for-portal-account-browser-0123";
  private static final String DEVICE = "6281100000402";
  private static final String OLD_PASSWORD = "pelanggan-lama-1";
  private static final String NEW_PASSWORD = "sandi-baru-yang-panjang";
  private static final String PHONE = "6281277005566";
  private static final String NEW_PHONE = "6281277006677";
  private static final Pattern CODE = Pattern.compile("\\*([0-9]{6})\\*");

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;
  private static String customerNo;
  /** Every WhatsApp text the fake received, by recipient, in arrival order. */
  private static final Map<String, BlockingQueue<String>> SENT = new ConcurrentHashMap<>();

  @RegisterExtension
  final ConsoleBrowser phone = new ConsoleBrowser();

  @BeforeAll
  static void start(Vertx vertx) {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-portal-account");
    fonnte.onReceived(r -> SENT.computeIfAbsent(r.target(), t -> new LinkedBlockingQueue<>()).add(r.message()));
    fonnte.start().await();
    hub = TestHub.start(TestHub.dispatchEnvironment("portal-account-browser", fonnte.baseUrl(), TOKEN,
        Map.of(DEVICE, "token-portal-account")));
    Browser admin = hub.admin(vertx);
    HttpResponse<Buffer> created = admin.post("/api/v1/customers", new JsonObject().put("name", "Dian Pratiwi").put("phone", PHONE)
        .put("plan", new JsonObject().put("name", "Rumah 30 Mbps").put("speed", 30).put("price", 350_000))
        .put("password", OLD_PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    customerNo = created.bodyAsJsonObject().getString("customerNo");
  }

  @AfterAll
  static void stop() {
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  /** The six-digit code in the next WhatsApp message to {@code to}. */
  private static String codeSentTo(String to) throws InterruptedException {
    String text = SENT.computeIfAbsent(to, t -> new LinkedBlockingQueue<>()).poll(20, TimeUnit.SECONDS);
    assertThat(text).as("a WhatsApp message to " + to).isNotNull();
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  /** As a thumb would: the element scrolled clear of the bottom tab bar, then tapped. */
  private void tap(WebElement element) {
    phone.script("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  @Test
  @DisplayName("on a phone, 'lupa kata sandi' with the WhatsApp code sets a new password and signs in; the e-mail edited on Akun stays saved; a new number is confirmed by its code")
  void forgotPasswordThenEditEmail() throws Exception {
    phone.start(hub.port(), 390, 844);
    phone.open("/portal/login.html");
    phone.visible("[data-testid=forgot-link]").click();
    // The step's heading takes the focus, so a screen reader says where the customer is.
    phone.waitFor(d -> "request-title".equals(d.switchTo().activeElement().getAttribute("id")));
    WebElement login = phone.visible("[data-testid=reset-login]");
    login.sendKeys(customerNo);
    phone.visible("[data-testid=reset-send]").click();

    phone.waitFor(d -> d.getCurrentUrl().endsWith("#kode"));
    phone.waitForText("[data-testid=reset-sent-to]", customerNo);
    assertThat(phone.visible("[data-testid=reset-code]").getAttribute("autocomplete")).isEqualTo("one-time-code");
    assertThat(phone.visible("[data-testid=reset-resend]").isEnabled()).as("resend waits for its countdown").isFalse();
    String code = codeSentTo(PHONE);

    // A wrong code first: the field says so, and the customer can try again.
    String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    phone.visible("[data-testid=reset-code]").sendKeys(wrong);
    phone.visible("[data-testid=reset-password]").sendKeys(NEW_PASSWORD);
    tap(phone.visible("[data-testid=reset-submit]"));
    phone.waitFor(d -> "true".equals(d.findElement(By.cssSelector("[data-testid=reset-code]")).getAttribute("aria-invalid")));
    assertThat(phone.visible("#reset-code-error").getText()).containsIgnoringCase("kode baru");

    WebElement codeInput = phone.visible("[data-testid=reset-code]");
    codeInput.clear();
    codeInput.sendKeys(code);
    tap(phone.visible("[data-testid=reset-submit]"));
    phone.waitFor(d -> d.getCurrentUrl().contains("/portal/index.html"));
    phone.waitForText("[data-testid=account-customer-no]", customerNo);

    // The new password is the one that works now.
    Vertx client = hub.vertx();
    assertThat(hub.browser(client).customerLogin(customerNo, NEW_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(hub.browser(client).customerLogin(customerNo, OLD_PASSWORD).statusCode()).isEqualTo(401);

    phone.open("/portal/index.html#/account");
    phone.waitForText("[data-testid=acct-plan]", "30 Mbps");
    assertThat(phone.visible("[data-testid=acct-plan]").getText()).contains("Rp 350.000");
    tap(phone.visible("[data-testid=contact-edit]"));
    WebElement email = phone.visible("[data-testid=contact-email]");
    email.clear();
    email.sendKeys("dian.pratiwi@contoh.id");
    tap(phone.visible("[data-testid=contact-save]"));
    phone.waitForText("[data-testid=acct-email]", "dian.pratiwi@contoh.id");
    phone.waitForText("[data-testid=acct-contact] .save-status", "Tersimpan");

    phone.driver().navigate().refresh();
    phone.waitForText("[data-testid=acct-email]", "dian.pratiwi@contoh.id");

    // A new WhatsApp number counts once the current password is given and the code sent to the number comes back.
    tap(phone.visible("[data-testid=phone-change]"));
    phone.visible("[data-testid=phone-new]").sendKeys("0812 7700 6677");
    phone.visible("[data-testid=phone-password]").sendKeys(NEW_PASSWORD);
    tap(phone.visible("[data-testid=phone-send]"));
    WebElement numberCode = phone.visible("[data-testid=phone-code]");
    numberCode.sendKeys(codeSentTo(NEW_PHONE));
    tap(phone.visible("[data-testid=phone-confirm]"));
    phone.waitForText("[data-testid=acct-phone-number]", "081277006677");
    assertThat(hub.browser(client).customerLogin("081277006677", NEW_PASSWORD).statusCode()).isEqualTo(200);
  }
}
