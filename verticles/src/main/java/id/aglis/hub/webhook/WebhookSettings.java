package id.aglis.hub.webhook;

import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code webhook} section. {@code secret} null: a random one is made on first start and shared through
 * the database; never logged. {@code attachmentHosts} empty: attachments are fetched from any public host;
 * otherwise only from these.
 */
public record WebhookSettings(String secret, Duration orphanTtl, Set<String> attachmentHosts) {

  public static final ConfigSection<WebhookSettings> SECTION = new ConfigSection<>("webhook",
      new JsonObject().put("secret", null).put("orphanMinutes", 60).put("attachmentHosts", null),
      environment(), Set.of("secret"), WebhookSettings::parse);

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HUB_WEBHOOK_SECRET", "secret");
    env.put("HUB_WEBHOOK_ORPHAN_MINUTES", "orphanMinutes");
    env.put("HUB_ATTACHMENT_HOSTS", "attachmentHosts");
    return env;
  }

  static WebhookSettings parse(ConfigReader config) {
    return new WebhookSettings(secret(config), Duration.ofMinutes(config.integer("orphanMinutes", 1, 7 * 24 * 60)),
        attachmentHosts(config));
  }

  /** Part of the webhook URLs Fonnte calls: URL-safe, and long enough not to be guessed. */
  private static String secret(ConfigReader config) {
    String secret = config.optionalString("secret");
    if (secret != null && (secret.length() < 16 || secret.length() > 128 || !secret.matches("^[A-Za-z0-9_-]+$"))) {
      throw config.wrong("secret", "must be 16 to 128 characters of letters, digits, '_' and '-'", "");
    }
    return secret;
  }

  /** Host names attachments may be fetched from, e.g. "api.fonnte.com,files.fonnte.com"; unset: any public host. */
  private static Set<String> attachmentHosts(ConfigReader config) {
    return Set.copyOf(config.list("attachmentHosts", "^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\\.?$",
        "must be a comma-separated list of host names like files.fonnte.com"));
  }

  @Override
  public String toString() {
    return "WebhookSettings[secret=" + (secret == null ? "generated" : "***") + ", orphanTtl=" + orphanTtl
        + ", attachmentHosts=" + attachmentHosts + "]";
  }
}
