package id.aglis.hub.dispatch;

import id.aglis.hub.common.Phones;
import id.aglis.hub.platform.config.ConfigException;
import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code whatsapp} section: {@code FONNTE_BASE_URL}, {@code FONNTE_DEVICES} (a JSON array of
 * {@code {"device","token","perMinute","perHour","perDay","minGapMs","jitterMs","webhookSecret"}}, all but
 * device and token optional), {@code HUB_WA_GLOBAL_PER_MINUTE}, {@code HUB_WA_QUIET_HOURS} and the
 * dispatcher's other knobs, parsed into {@link DispatchSettings}. Device tokens are secrets: errors name the
 * entry, never echo it.
 */
final class DispatchConfig {

  static final ConfigSection<DispatchSettings> SECTION = new ConfigSection<>("whatsapp",
      new JsonObject().put("baseUrl", DispatchSettings.DEFAULT_BASE_URL).put("devices", null).put("globalPerMinute", 100)
          .put("quietHours", "21:00-07:00").put("maxAttempts", 6).put("unknownWindowSeconds", 900).put("resendUnknown", true)
          .put("recipientPerHour", 6).put("dedupeMinutes", 10).put("concurrency", 1).put("limitsOff", false).put("leaseSeconds", 30),
      environment(), Set.of("devices"), DispatchConfig::parse);

  private DispatchConfig() {
  }

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FONNTE_BASE_URL", "baseUrl");
    env.put("FONNTE_DEVICES", "devices");
    env.put("HUB_WA_GLOBAL_PER_MINUTE", "globalPerMinute");
    env.put("HUB_WA_QUIET_HOURS", "quietHours");
    env.put("HUB_WA_MAX_ATTEMPTS", "maxAttempts");
    env.put("HUB_WA_UNKNOWN_WINDOW_SECONDS", "unknownWindowSeconds");
    env.put("HUB_WA_RESEND_UNKNOWN", "resendUnknown");
    env.put("HUB_WA_RECIPIENT_PER_HOUR", "recipientPerHour");
    env.put("HUB_WA_DEDUPE_MINUTES", "dedupeMinutes");
    env.put("HUB_WA_CONCURRENCY", "concurrency");
    env.put("HUB_WA_LIMITS_OFF", "limitsOff");
    env.put("HUB_WA_LEASE_SECONDS", "leaseSeconds");
    return env;
  }

  static DispatchSettings parse(ConfigReader config) {
    String baseUrl = baseUrl(config);
    LocalTime[] quiet = quietHours(config);
    return new DispatchSettings(baseUrl, devices(config), config.integer("globalPerMinute", 1, 100_000),
        quiet == null ? null : quiet[0], quiet == null ? null : quiet[1], config.integer("maxAttempts", 1, 100),
        Duration.ofSeconds(config.integer("unknownWindowSeconds", 1, 7 * 24 * 3600)),
        config.bool("resendUnknown"), config.integer("recipientPerHour", 0, 10_000),
        Duration.ofMinutes(config.integer("dedupeMinutes", 0, 24 * 60)), config.integer("concurrency", 1, 256),
        config.bool("limitsOff"), Duration.ofSeconds(config.integer("leaseSeconds", 2, 600)));
  }

  private static String baseUrl(ConfigReader config) {
    String text = config.string("baseUrl");
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
      }
    } catch (java.net.URISyntaxException ignored) {
      // reported below
    }
    throw config.wrong("baseUrl", "must be an http(s) URL like https://api.fonnte.com", text);
  }

  /** {@code HH:mm-HH:mm} in Asia/Jakarta, or {@code off}. */
  private static LocalTime[] quietHours(ConfigReader config) {
    String text = config.optionalString("quietHours");
    if (text == null || text.equalsIgnoreCase("off")) {
      return null;
    }
    String[] parts = text.split("-");
    try {
      if (parts.length == 2) {
        LocalTime start = LocalTime.parse(parts[0].strip());
        LocalTime end = LocalTime.parse(parts[1].strip());
        if (!start.equals(end)) {
          return new LocalTime[] {start, end};
        }
      }
    } catch (DateTimeParseException ignored) {
      // reported below
    }
    throw config.wrong("quietHours", "must be 'HH:mm-HH:mm' (Asia/Jakarta) or 'off'", text);
  }

  private static List<DeviceConfig> devices(ConfigReader config) {
    Object raw = config.value("devices");
    if (raw == null) {
      return List.of();
    }
    JsonArray array;
    try {
      array = raw instanceof JsonArray a ? a : new JsonArray(raw.toString());
    } catch (DecodeException e) {
      throw config.wrong("devices", "must be a JSON array like [{\"device\":\"6281100000001\",\"token\":\"…\"}]", "");
    }
    List<DeviceConfig> devices = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String where = config.name("devices") + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject entry)) {
        throw new ConfigException("Invalid configuration: " + where + " must be an object with \"device\" and \"token\".");
      }
      DeviceConfig device = device(entry, where);
      if (!seen.add(device.device())) {
        throw new ConfigException("Invalid configuration: " + where + " repeats the device " + device.device() + ".");
      }
      devices.add(device);
    }
    return devices;
  }

  private static DeviceConfig device(JsonObject entry, String where) {
    for (String key : entry.fieldNames()) {
      if (!Set.of("device", "token", "perMinute", "perHour", "perDay", "minGapMs", "jitterMs", "webhookSecret").contains(key)) {
        throw new ConfigException("Invalid configuration: " + where + " has an unknown key '" + key + "'.");
      }
    }
    String number = entry.getValue("device") instanceof String s ? Phones.normalise(s).orElse(null) : null;
    if (number == null) {
      throw new ConfigException("Invalid configuration: " + where + ".device must be the device's WhatsApp number, e.g. \"6281100000001\".");
    }
    if (!(entry.getValue("token") instanceof String token) || token.isBlank()) {
      throw new ConfigException("Invalid configuration: " + where + ".token must be the device's Fonnte token.");
    }
    return new DeviceConfig(number, token.strip(),
        count(entry, "perMinute", DeviceConfig.DEFAULT_PER_MINUTE, where), count(entry, "perHour", DeviceConfig.DEFAULT_PER_HOUR, where),
        count(entry, "perDay", DeviceConfig.DEFAULT_PER_DAY, where), millis(entry, "minGapMs", DeviceConfig.DEFAULT_MIN_GAP_MS, where),
        millis(entry, "jitterMs", DeviceConfig.DEFAULT_JITTER_MS, where), false, webhookSecret(entry, where));
  }

  /** A device's own webhook secret, if it has one (the URL-safe shape of HUB_WEBHOOK_SECRET). */
  private static String webhookSecret(JsonObject entry, String where) {
    Object value = entry.getValue("webhookSecret");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || !s.matches("^[A-Za-z0-9_-]{16,128}$")) {
      throw new ConfigException("Invalid configuration: " + where + ".webhookSecret must be 16 to 128 characters of letters, digits, '_' and '-'.");
    }
    return s;
  }

  private static int count(JsonObject entry, String key, int fallback, String where) {
    Object v = entry.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1 && n.intValue() <= 1_000_000) {
      return n.intValue();
    }
    throw new ConfigException("Invalid configuration: " + where + "." + key + " must be a whole number from 1 to 1000000.");
  }

  private static long millis(JsonObject entry, String key, long fallback, String where) {
    Object v = entry.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0 && n.longValue() <= 3_600_000) {
      return n.longValue();
    }
    throw new ConfigException("Invalid configuration: " + where + "." + key + " must be milliseconds from 0 to 3600000.");
  }
}
