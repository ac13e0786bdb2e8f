package id.aglis.hub.testing;

import id.aglis.hub.Features;
import id.aglis.hub.Node;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A real hub node in the test JVM, on its own database and Redis database of the shared {@link TestServers}
 * (or on bundled servers of its own, when the environment names no URIs), configured exactly as
 * {@code Main} would be from the environment.
 */
public final class TestHub implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "admin-pass-for-tests";

  private final Node node;
  private final int port;

  private TestHub(Node node, int port) {
    this.node = node;
    this.port = port;
  }

  /** Environment for a node on fresh shared servers; callers add or override entries. */
  public static Map<String, String> environment(String name) {
    Map<String, String> env = new HashMap<>();
    env.put("HUB_PG_URI", TestServers.newDatabase(name));
    env.put("HUB_REDIS_URI", TestServers.newRedisDatabase());
    env.put("HUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("HUB_HTTP_INSTANCES", "1");
    return env;
  }

  /**
   * Environment for a node whose dispatcher sends through {@code fonnteBaseUrl} with the given devices
   * (number → token), held to no pacing so tests run fast, with a bootstrap token for API calls.
   */
  public static Map<String, String> dispatchEnvironment(String name, String fonnteBaseUrl, String bearerToken,
                                                        Map<String, String> devices) {
    Map<String, String> env = environment(name);
    io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
    devices.forEach((number, token) -> list.add(new io.vertx.core.json.JsonObject().put("device", number).put("token", token)
        .put("perMinute", 1000).put("perHour", 10000).put("minGapMs", 0).put("jitterMs", 0)));
    env.put("HUB_BOOTSTRAP_TOKEN", bearerToken);
    env.put("FONNTE_BASE_URL", fonnteBaseUrl);
    env.put("FONNTE_DEVICES", list.encode());
    env.put("HUB_WA_QUIET_HOURS", "off");
    env.put("HUB_WA_RECIPIENT_PER_HOUR", "1000");
    return env;
  }

  public static TestHub start(Map<String, String> environment) {
    return start(environment, Features.all());
  }

  /** A node whose calendar rules (recipient hours, quiet hours) read {@code clock}, e.g. a {@link MovableClock}. */
  public static TestHub start(Map<String, String> environment, Clock clock) {
    return start(environment, Features.all(), clock);
  }

  /** A node with exactly these features (the registry's, or the registry's plus a test's own). */
  public static TestHub start(Map<String, String> environment, java.util.List<Feature> features) {
    return start(environment, features, Clock.systemUTC());
  }

  private static TestHub start(Map<String, String> environment, java.util.List<Feature> features, Clock clock) {
    Map<String, String> env = new HashMap<>(environment);
    int port = freePort();
    env.put("HUB_HTTP_PORT", String.valueOf(port));
    env.putIfAbsent("HUB_HTTP_HOST", "127.0.0.1");
    Node node = Node.start(ConfigLoader.load(new String[0], env, features), line -> { }, features, clock).await();
    return new TestHub(node, port);
  }

  public Node node() {
    return node;
  }

  public Vertx vertx() {
    return node.vertx();
  }

  public int port() {
    return port;
  }

  public Browser browser(Vertx clientVertx) {
    return new Browser(clientVertx, port);
  }

  /** A browser connecting from another loopback address (127.0.0.2, …), as a different client would. */
  public Browser browserFrom(Vertx clientVertx, String localAddress) {
    return new Browser(clientVertx, port, localAddress);
  }

  /** A browser signed in as the first-start {@code admin}. */
  public Browser admin(Vertx clientVertx) {
    Browser admin = browser(clientVertx);
    int status = admin.staffLogin("admin", ADMIN_PASSWORD).statusCode();
    if (status != 200) {
      throw new AssertionError("admin sign-in answered " + status);
    }
    return admin;
  }

  /** A browser signed in to the portal as the customer whose {@code login} (customer or WhatsApp number) it is. */
  public Browser customer(Vertx clientVertx, String login, String password) {
    Browser browser = browser(clientVertx);
    int status = browser.customerLogin(login, password).statusCode();
    if (status != 200) {
      throw new AssertionError("customer sign-in as " + login + " answered " + status);
    }
    return browser;
  }

  /** A browser signed in as a new staff member of {@code role} (created by the admin, named after {@code prefix}). */
  public Browser staff(Vertx clientVertx, String prefix, String role) {
    Browser admin = admin(clientVertx);
    String username = prefix + "." + role + "." + System.nanoTime() % 100_000;
    String password = "rahasia-" + role + "-123";
    int created = admin.post("/api/v1/staff", new io.vertx.core.json.JsonObject().put("username", username).put("name", "Staf " + role)
        .put("role", role).put("password", password)).statusCode();
    if (created != 201) {
      throw new AssertionError("creating a " + role + " answered " + created);
    }
    Browser browser = browser(clientVertx);
    int status = browser.staffLogin(username, password).statusCode();
    if (status != 200) {
      throw new AssertionError(role + " sign-in answered " + status);
    }
    return browser;
  }

  @Override
  public void close() {
    node.stop().await();
  }

  /** A hub running in another process, reached by port. */
  public record External(int port) {
    public Browser browser(Vertx clientVertx) {
      return new Browser(clientVertx, port);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
