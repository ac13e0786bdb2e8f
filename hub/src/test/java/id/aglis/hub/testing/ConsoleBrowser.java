package id.aglis.hub.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for end-to-end tests: Debian's {@code chromium} driven through its {@code chromium-driver},
 * headless, never downloaded. Where they are missing the tests are skipped with a clear message, unless
 * {@code AGLIS_BROWSER_TESTS=required} (set by {@code .ci/run}), where they fail. Register it as a JUnit extension
 * to get a screenshot of the page in {@code target/browser-screenshots/} when a test fails, and the browser closed
 * after each test.
 */
public final class ConsoleBrowser implements AfterTestExecutionCallback, AfterEachCallback, AutoCloseable {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private WebDriver driver;
  private String base;

  /** Starts a browser window of the given size (a laptop: 1366×900; a phone: 390×844). */
  public ConsoleBrowser start(int port, int width, int height) {
    requireBrowser();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=" + width + "," + height, "--lang=id-ID");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    base = "http://127.0.0.1:" + port;
    return this;
  }

  private static void requireBrowser() {
    boolean present = CHROMIUM.canExecute() && DRIVER.canExecute();
    String message = "Browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); "
        + ".ci/run installs them.";
    if (!present && "required".equals(System.getenv("AGLIS_BROWSER_TESTS"))) {
      throw new AssertionError(message);
    }
    Assumptions.assumeTrue(present, message);
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  /** Signs in through the staff sign-in page, as a person would, and waits for the console. */
  public void signInAsStaff(String username, String password) {
    open("/staff/login.html");
    WebElement user = waitFor(ExpectedConditions.elementToBeClickable(By.id("username")));
    user.sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("#login-form [type=submit]"))).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-view] .page")));
  }

  /** Signs in through the portal's sign-in page, as a customer would, and waits for the portal. */
  public void signInAsCustomer(String login, String password) {
    open("/portal/login.html");
    WebElement user = waitFor(ExpectedConditions.elementToBeClickable(By.id("login")));
    user.sendKeys(login);
    driver.findElement(By.id("password")).sendKeys(password);
    waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("#login-form [type=submit]"))).click();
    waitFor(d -> d.getCurrentUrl().contains("/portal/index.html"));
  }

  /**
   * Waits until {@code condition} holds. Live pages re-render what changes: an element found a moment ago may be
   * replaced before it is read, and that is a reason to look again, not a failure.
   */
  public <T> T waitFor(Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
  }

  public WebElement visible(String css) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  public void waitForText(String css, String text) {
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (driver != null && context.getExecutionException().isPresent()) {
      try {
        Path folder = Path.of("target", "browser-screenshots");
        Files.createDirectories(folder);
        File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = folder.resolve(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        System.err.println("Screenshot of the failed page: " + target.toAbsolutePath());
      } catch (IOException | RuntimeException e) {
        System.err.println("No screenshot: " + e.getMessage());
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }
}
