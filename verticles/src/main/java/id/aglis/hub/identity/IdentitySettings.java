package id.aglis.hub.identity;

import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code auth} section: the first admin's password, the bootstrap API token, and the sign-in throttle.
 * Secrets here are never logged nor echoed in an error.
 */
public record IdentitySettings(String adminPassword, String bootstrapToken, LoginThrottle.Limits loginLimits) {

  public static final ConfigSection<IdentitySettings> SECTION = new ConfigSection<>("auth",
      new JsonObject().put("adminPassword", null).put("bootstrapToken", null).put("loginMaxFailuresPerAccount", 5)
          .put("loginMaxFailuresPerIp", 30).put("loginWindowMinutes", 15),
      environment(), Set.of("adminPassword", "bootstrapToken"), IdentitySettings::parse);

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HUB_ADMIN_PASSWORD", "adminPassword");
    env.put("HUB_BOOTSTRAP_TOKEN", "bootstrapToken");
    env.put("HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT", "loginMaxFailuresPerAccount");
    env.put("HUB_LOGIN_MAX_FAILURES_PER_IP", "loginMaxFailuresPerIp");
    env.put("HUB_LOGIN_WINDOW_MINUTES", "loginWindowMinutes");
    return env;
  }

  static IdentitySettings parse(ConfigReader config) {
    return new IdentitySettings(adminPassword(config), bootstrapToken(config), new LoginThrottle.Limits(
        config.integer("loginMaxFailuresPerAccount", 1, 1000), config.integer("loginMaxFailuresPerIp", 1, 100_000),
        Duration.ofMinutes(config.integer("loginWindowMinutes", 1, 24 * 60))));
  }

  private static String adminPassword(ConfigReader config) {
    String password = config.optionalString("adminPassword");
    if (password != null && (password.length() < 8 || password.length() > 128)) {
      throw config.wrong("adminPassword", "must be 8 to 128 characters long", "");
    }
    return password;
  }

  private static String bootstrapToken(ConfigReader config) {
    String token = config.optionalString("bootstrapToken");
    if (token != null && (token.length() < 24 || token.length() > 256 || !token.matches("^[A-Za-z0-9._~+/=-]+$"))) {
      throw config.wrong("bootstrapToken", "must be 24 to 256 characters of letters, digits and ._~+/=-", "");
    }
    return token;
  }

  @Override
  public String toString() {
    return "IdentitySettings[adminPassword=" + (adminPassword == null ? "unset" : "***") + ", bootstrapToken="
        + (bootstrapToken == null ? "unset" : "***") + ", loginLimits=" + loginLimits + "]";
  }
}
