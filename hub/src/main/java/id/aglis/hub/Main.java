package id.aglis.hub;

import id.aglis.hub.platform.StartupFailure;
import id.aglis.hub.platform.config.ConfigException;
import id.aglis.hub.config.ConfigLoader;
import id.aglis.hub.config.HubConfig;
import id.aglis.hub.demo.DemoSeeder;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar hub/target/aglis-hub.jar [--conf hub.json]}: load the configuration, start a node,
 * print where to find it, and stop it gracefully on SIGTERM or Ctrl-C.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private Main() {
  }

  public static void main(String[] args) {
    long started = System.nanoTime();
    PrintStream out = System.out;
    HubConfig config;
    try {
      config = ConfigLoader.load(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Node node;
    try {
      node = Node.start(config, out::println).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof StartupFailure) {
        // Something the operator can fix, said in one line: no stack trace to scroll past.
        System.err.println("AGLIS Hub did not start: " + cause.getMessage());
      } else {
        LOG.error("AGLIS Hub failed to start: {}", cause.getMessage(), cause);
        System.err.println("AGLIS Hub failed to start: " + cause.getMessage());
      }
      System.exit(1);
      return;
    }
    stopOnSignals(node);
    banner(out, node, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * SIGTERM and Ctrl-C stop the node in order before the JVM exits. A plain shutdown hook is not enough:
   * the bundled PostgreSQL registers its own, which would stop the database while requests still drain.
   * The hook stays as a fallback for any other way the JVM ends.
   */
  @SuppressWarnings("sunapi")
  private static void stopOnSignals(Node node) {
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stopOnce = () -> {
      if (stopping.compareAndSet(false, true)) {
        stop(node);
      }
    };
    for (String signal : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> new Thread(() -> {
        stopOnce.run();
        System.exit(0);
      }, "aglis-stop").start());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stopOnce, "aglis-shutdown"));
  }

  private static void stop(Node node) {
    LOG.info("Stopping AGLIS Hub node {}", node.nodeId());
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("AGLIS Hub stopped");
    } catch (Exception e) {
      LOG.warn("AGLIS Hub did not stop cleanly: {}", e.toString());
    }
  }

  private static void banner(PrintStream out, Node node, long millis) {
    HubConfig config = node.config();
    String base = "http://localhost:" + config.http().port();
    StringBuilder b = new StringBuilder()
        .append("\nAGLIS Hub ").append(Node.version()).append(" is up in ").append(String.format("%.1f", millis / 1000.0)).append(" s")
        .append(config.cluster().enabled() ? " (cluster node " + node.nodeId() + ")" : " (standalone)").append('\n')
        .append("  Landing page     ").append(base).append("/\n")
        .append("  Staff sign-in    ").append(base).append("/staff/login.html\n")
        .append("  Customer portal  ").append(base).append("/portal/login.html\n")
        .append("  Health, metrics  ").append(base).append("/health  /ready  /metrics\n")
        .append("  Data             ").append(config.dataDir().toAbsolutePath().normalize());
    if (node.embeddedPostgresAddress() != null) {
      b.append("  (bundled PostgreSQL on ").append(node.embeddedPostgresAddress()).append(')');
    }
    if (node.embeddedRedisAddress() != null) {
      b.append("  (bundled Redis on ").append(node.embeddedRedisAddress()).append(')');
    }
    b.append("\n  Sign in as staff 'admin' with HUB_ADMIN_PASSWORD, or the one-time password printed on first start.\n");
    if (config.demo()) {
      b.append("  Demo data on: staff sari.admin, rina.spv, dewi.cs, budi.noc, agus.teknisi (password ")
          .append(DemoSeeder.STAFF_PASSWORD).append("); customers AGL-000101 … AGL-000136 (password ")
          .append(DemoSeeder.CUSTOMER_PASSWORD).append(")\n");
    }
    out.println(b);
  }
}
