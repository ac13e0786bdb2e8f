package id.aglis.hub;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar exactly as the README does, with no configuration but a port and a data folder:
 * first start on an empty folder, a graceful stop, a second start that finds everything still there.
 */
@ExtendWith(VertxExtension.class)
class JarRestartIT {

  private static final String TOKEN = "jar-it-bootstrap-token-0123456789";

  @Test
  @DisplayName("the jar starts on an empty data dir, stops cleanly on SIGTERM, and keeps its data across a restart")
  void restartKeepsData(Vertx vertx, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path data) throws Exception {
    int port = TestHub.freePort();

    Process first = start(data, port);
    long customerId;
    try {
      waitForReady(vertx, port, first);
      Browser machine = browser(vertx, port).withBearer(TOKEN);
      JsonObject created = machine.post("/api/v1/customers", new JsonObject().put("name", "Persisted Customer")
          .put("phone", "0812-5555-0001").put("password", "persist-pass")).bodyAsJsonObject();
      customerId = created.getLong("id");
      assertThat(demoCustomers(machine)).isEqualTo(36);
      assertRefusedInOneLine(startWatched(data, TestHub.freePort()), "in use by another running AGLIS Hub");
      Path elsewhere = data.resolve("elsewhere");
      assertRefusedInOneLine(startWatched(elsewhere, port), "HUB_HTTP_PORT");
      assertThat(elsewhere.resolve("pg")).as("a start on a taken port touches nothing").doesNotExist();
    } finally {
      stop(first, data);
    }

    Process second = start(data, port);
    try {
      waitForReady(vertx, port, second);
      Browser machine = browser(vertx, port).withBearer(TOKEN);
      assertThat(machine.get("/api/v1/customers/" + customerId).bodyAsJsonObject().getString("name")).isEqualTo("Persisted Customer");
      assertThat(demoCustomers(machine)).as("demo data is seeded once").isEqualTo(36);
      Browser customer = browser(vertx, port);
      assertThat(customer.customerLogin("081255550001", "persist-pass").statusCode()).isEqualTo(200);
      Browser admin = browser(vertx, port);
      assertThat(admin.staffLogin("admin", TestHub.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    } finally {
      stop(second, data);
    }
  }

  /**
   * A hub that cannot start for a reason the operator can fix (the data folder or the port is taken) exits
   * with status 1 and says why in one line: no stack trace.
   */
  private static void assertRefusedInOneLine(Process refused, String reason) throws Exception {
    assertThat(refused.waitFor(60, TimeUnit.SECONDS)).as("the refused hub exits").isTrue();
    assertThat(refused.exitValue()).isEqualTo(1);
    List<String> said = new String(refused.getErrorStream().readAllBytes()).lines().filter(line -> !line.isBlank()).toList();
    assertThat(said).hasSize(1);
    assertThat(said.get(0)).startsWith("AGLIS Hub did not start: ").contains(reason);
    assertThat(new String(refused.getInputStream().readAllBytes())).doesNotContain("\tat ").doesNotContain("Exception");
  }

  /** Customers with the demo's numbers, AGL-000101 to AGL-000136. */
  private static long demoCustomers(Browser machine) {
    return machine.get("/api/v1/customers?limit=200").bodyAsJsonObject().getJsonArray("items").stream()
        .map(c -> ((JsonObject) c).getString("customerNo"))
        .filter(no -> no.matches("AGL-0001([0-2][0-9]|3[0-6])") && !no.equals("AGL-000100"))
        .count();
  }

  private static Process start(Path data, int port) throws Exception {
    ProcessBuilder builder = hub(data, port)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("hub.log").toFile()));
    return builder.start();
  }

  /** A hub whose output the test reads itself (its standard error apart). */
  private static Process startWatched(Path data, int port) throws Exception {
    return hub(data, port).start();
  }

  private static ProcessBuilder hub(Path data, int port) {
    File jar = new File("target/aglis-hub.jar");
    assertThat(jar).exists();
    ProcessBuilder builder = new ProcessBuilder(List.of(javaBin(), "-jar", jar.getAbsolutePath()));
    builder.environment().put("HUB_DATA_DIR", data.toString());
    builder.environment().put("HUB_HTTP_PORT", String.valueOf(port));
    builder.environment().put("HUB_ADMIN_PASSWORD", TestHub.ADMIN_PASSWORD);
    builder.environment().put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    return builder;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Browser browser(Vertx vertx, int port) {
    return new TestHub.External(port).browser(vertx);
  }

  private static void waitForReady(Vertx vertx, int port, Process process) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      assertThat(process.isAlive()).as("the hub exited during start-up").isTrue();
      try {
        if (browser(vertx, port).get("/ready").statusCode() == 200) {
          return;
        }
      } catch (Exception notYetListening) {
        // keep polling until the deadline
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the hub was not ready within 180 s");
  }

  /** SIGTERM, then the hub must exit by itself and leave no PostgreSQL or Redis behind. */
  private static void stop(Process process, Path data) throws Exception {
    process.destroy();
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("the hub stopped within 30 s of SIGTERM").isTrue();
    List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(data.toString())).orElse(false))
        .toList();
    assertThat(leftovers).as("processes still running on the data folder").isEmpty();
    assertThat(Files.readString(data.resolve("hub.log"))).doesNotContain(TestHub.ADMIN_PASSWORD).doesNotContain(TOKEN);
  }
}
