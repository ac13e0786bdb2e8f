package id.aglis.hub.live;

import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code live} section. {@code allowedOrigins}: pages on other origins that may open bridge sockets
 * (the hub's own origin always may; set this when a proxy serves the console under another name).
 * {@code sessionCheck}: how soon a socket whose session expired, or whose account was disabled or changed,
 * is closed (a sign-out closes its sockets at once).
 */
public record LiveSettings(Set<String> allowedOrigins, Duration sessionCheck) {

  public static final ConfigSection<LiveSettings> SECTION = new ConfigSection<>("live",
      new JsonObject().put("allowedOrigins", null).put("sessionCheckSeconds", 30), environment(), Set.of(), LiveSettings::parse);

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HUB_ALLOWED_ORIGINS", "allowedOrigins");
    env.put("HUB_LIVE_SESSION_CHECK_SECONDS", "sessionCheckSeconds");
    return env;
  }

  static LiveSettings parse(ConfigReader config) {
    return new LiveSettings(Set.copyOf(config.list("allowedOrigins", "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$",
        "must be a comma-separated list of origins like https://console.isp.example")),
        Duration.ofSeconds(config.integer("sessionCheckSeconds", 1, 3600)));
  }
}
