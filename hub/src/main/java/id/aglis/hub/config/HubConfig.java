package id.aglis.hub.config;

import id.aglis.hub.platform.config.ConfigSection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The hub's configuration, parsed once at start-up from defaults, an optional {@code --conf} file and the
 * environment (see {@link ConfigLoader}): the node's own sections as small records, and each feature's
 * section parsed into that feature's settings ({@link #section}). Every value is already validated.
 */
public record HubConfig(Http http, Path dataDir, Store postgres, Store redis, Cluster cluster, boolean demo,
                        Map<String, Object> sections) {

  public HubConfig {
    sections = Map.copyOf(sections);
  }

  /** A feature's parsed settings. */
  public <T> T section(ConfigSection<T> section) {
    @SuppressWarnings("unchecked")
    T settings = (T) sections.get(section.name());
    if (settings == null) {
      throw new IllegalStateException("No configuration section '" + section.name() + "': is its feature registered?");
    }
    return settings;
  }

  /**
   * {@code instances} is the number of HTTP verticle instances (0 in the file means one per core).
   * {@code cookieSecure}: whether cookies carry the Secure flag; AUTO sets it on requests that arrived over
   * HTTPS (directly or per {@code X-Forwarded-Proto}), so plain-http localhost still works.
   * {@code idleTimeoutSeconds}: a connection with no traffic that long is closed. {@code requestTimeoutSeconds}:
   * a request must arrive whole within that long. {@code maxConnectionsPerAddress}: open connections one
   * client address may hold on a node (trusted proxies exempt).
   */
  public record Http(String host, int port, int instances, CookieSecurity cookieSecure, int sessionTimeoutMinutes,
                     List<String> trustedProxies, int idleTimeoutSeconds, int requestTimeoutSeconds,
                     int maxConnectionsPerAddress) {
  }

  public enum CookieSecurity { AUTO, ALWAYS, NEVER }

  /** An external server's URI, or null for the bundled one under {@code dataDir}. */
  public record Store(String uri, int poolSize) {
    public boolean embedded() {
      return uri == null;
    }
  }

  /** {@code eventBusPort} 0 picks a free port (fine on one machine; fix it to open firewalls between machines). */
  public record Cluster(boolean enabled, List<String> members, int port, int eventBusPort, String publicHost) {
  }

  /** Whether this node starts a bundled server (and so holds the data folder). */
  public boolean usesEmbeddedServer() {
    return postgres.embedded() || redis.embedded();
  }
}
