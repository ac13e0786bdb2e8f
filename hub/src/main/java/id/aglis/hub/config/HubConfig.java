package id.aglis.hub.config;

import id.aglis.hub.dispatch.DispatchSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The hub's configuration, parsed once at start-up from defaults, an optional {@code --conf} file and the
 * environment (see {@link ConfigLoader}). Small records per concern; every value already validated.
 */
public record HubConfig(Http http, Path dataDir, Store postgres, Store redis, Cluster cluster, Auth auth, DispatchSettings whatsapp,
                        Webhook webhook, boolean demo) {

  /**
   * {@code secret} null: a random one is made on first start and shared through the database. Never logged.
   * {@code attachmentHosts} empty: attachments are fetched from any public host; otherwise only from these.
   */
  public record Webhook(String secret, int orphanMinutes, java.util.Set<String> attachmentHosts) {
    @Override
    public String toString() {
      return "Webhook[secret=" + (secret == null ? "generated" : "***") + ", orphanMinutes=" + orphanMinutes
          + ", attachmentHosts=" + attachmentHosts + "]";
    }
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

  /** Secrets here are never logged. */
  public record Auth(String adminPassword, String bootstrapToken, int loginMaxFailuresPerAccount,
                     int loginMaxFailuresPerIp, int loginWindowMinutes) {
    @Override
    public String toString() {
      return "Auth[adminPassword=" + (adminPassword == null ? "unset" : "***") + ", bootstrapToken="
          + (bootstrapToken == null ? "unset" : "***") + ", loginMaxFailuresPerAccount=" + loginMaxFailuresPerAccount
          + ", loginMaxFailuresPerIp=" + loginMaxFailuresPerIp + ", loginWindowMinutes=" + loginWindowMinutes + "]";
    }
  }

  public boolean usesEmbeddedServer() {
    return postgres.embedded() || redis.embedded();
  }
}
