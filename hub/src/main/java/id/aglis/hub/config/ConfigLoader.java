package id.aglis.hub.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration: {@code hub-defaults.json} from the classpath, then the file given with
 * {@code --conf file.json} (same shape, any subset), then environment variables on top. Every value is
 * checked here, and a bad one stops start-up with a message naming the key the operator set.
 */
public final class ConfigLoader {

  /** Environment variable → dotted path in the JSON document. */
  static final Map<String, String> ENVIRONMENT = new LinkedHashMap<>();

  static {
    ENVIRONMENT.put("HUB_HTTP_HOST", "http.host");
    ENVIRONMENT.put("HUB_HTTP_PORT", "http.port");
    ENVIRONMENT.put("HUB_HTTP_INSTANCES", "http.instances");
    ENVIRONMENT.put("HUB_COOKIE_SECURE", "http.cookieSecure");
    ENVIRONMENT.put("HUB_SESSION_TIMEOUT_MINUTES", "http.sessionTimeoutMinutes");
    ENVIRONMENT.put("HUB_TRUSTED_PROXIES", "http.trustedProxies");
    ENVIRONMENT.put("HUB_HTTP_IDLE_TIMEOUT_SECONDS", "http.idleTimeoutSeconds");
    ENVIRONMENT.put("HUB_HTTP_REQUEST_TIMEOUT_SECONDS", "http.requestTimeoutSeconds");
    ENVIRONMENT.put("HUB_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "http.maxConnectionsPerAddress");
    ENVIRONMENT.put("HUB_DATA_DIR", "dataDir");
    ENVIRONMENT.put("HUB_PG_URI", "postgres.uri");
    ENVIRONMENT.put("HUB_PG_POOL_SIZE", "postgres.poolSize");
    ENVIRONMENT.put("HUB_REDIS_URI", "redis.uri");
    ENVIRONMENT.put("HUB_REDIS_POOL_SIZE", "redis.poolSize");
    ENVIRONMENT.put("HUB_CLUSTER", "cluster.enabled");
    ENVIRONMENT.put("HUB_CLUSTER_MEMBERS", "cluster.members");
    ENVIRONMENT.put("HUB_CLUSTER_PORT", "cluster.port");
    ENVIRONMENT.put("HUB_CLUSTER_PUBLIC_HOST", "cluster.publicHost");
    ENVIRONMENT.put("HUB_EVENTBUS_PORT", "cluster.eventBusPort");
    ENVIRONMENT.put("HUB_ADMIN_PASSWORD", "auth.adminPassword");
    ENVIRONMENT.put("HUB_BOOTSTRAP_TOKEN", "auth.bootstrapToken");
    ENVIRONMENT.put("HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT", "auth.loginMaxFailuresPerAccount");
    ENVIRONMENT.put("HUB_LOGIN_MAX_FAILURES_PER_IP", "auth.loginMaxFailuresPerIp");
    ENVIRONMENT.put("HUB_LOGIN_WINDOW_MINUTES", "auth.loginWindowMinutes");
    ENVIRONMENT.put("HUB_DEMO", "demo");
    ENVIRONMENT.put("HUB_WEBHOOK_SECRET", "webhook.secret");
    ENVIRONMENT.put("HUB_WEBHOOK_ORPHAN_MINUTES", "webhook.orphanMinutes");
    ENVIRONMENT.put("HUB_ATTACHMENT_HOSTS", "webhook.attachmentHosts");
    ENVIRONMENT.put("FONNTE_BASE_URL", "whatsapp.baseUrl");
    ENVIRONMENT.put("FONNTE_DEVICES", "whatsapp.devices");
    ENVIRONMENT.put("HUB_WA_GLOBAL_PER_MINUTE", "whatsapp.globalPerMinute");
    ENVIRONMENT.put("HUB_WA_QUIET_HOURS", "whatsapp.quietHours");
    ENVIRONMENT.put("HUB_WA_MAX_ATTEMPTS", "whatsapp.maxAttempts");
    ENVIRONMENT.put("HUB_WA_UNKNOWN_WINDOW_SECONDS", "whatsapp.unknownWindowSeconds");
    ENVIRONMENT.put("HUB_WA_RESEND_UNKNOWN", "whatsapp.resendUnknown");
    ENVIRONMENT.put("HUB_WA_RECIPIENT_PER_HOUR", "whatsapp.recipientPerHour");
    ENVIRONMENT.put("HUB_WA_DEDUPE_MINUTES", "whatsapp.dedupeMinutes");
    ENVIRONMENT.put("HUB_WA_CONCURRENCY", "whatsapp.concurrency");
    ENVIRONMENT.put("HUB_WA_LIMITS_OFF", "whatsapp.limitsOff");
    ENVIRONMENT.put("HUB_WA_LEASE_SECONDS", "whatsapp.leaseSeconds");
  }

  private final JsonObject doc;
  /** Dotted path → the name the operator used for it (an environment variable or the file key). */
  private final Map<String, String> origin = new HashMap<>();

  private ConfigLoader(JsonObject doc) {
    this.doc = doc;
  }

  public static HubConfig load(String[] args, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader(defaults());
    String file = confFile(args);
    if (file != null) {
      loader.mergeFile(Path.of(file));
    }
    loader.mergeEnvironment(env);
    return loader.parse();
  }

  private static String confFile(String[] args) {
    List<String> list = Arrays.asList(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      if (arg.equals("--conf")) {
        if (i + 1 >= list.size()) {
          throw new ConfigException("--conf needs a file name: --conf hub.json");
        }
        return list.get(i + 1);
      }
      if (arg.startsWith("--conf=")) {
        return arg.substring("--conf=".length());
      }
      throw new ConfigException("Unknown argument '" + arg + "'. The only option is --conf <file.json>; everything else is set with HUB_* environment variables.");
    }
    return null;
  }

  private static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/hub-defaults.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("hub-defaults.json is missing from the jar", e);
    }
  }

  private void mergeFile(Path file) {
    JsonObject overrides;
    try {
      overrides = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("Cannot read the --conf file " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException("The --conf file " + file + " is not valid JSON: " + e.getMessage());
    }
    merge(doc, overrides, "");
  }

  private void merge(JsonObject target, JsonObject overrides, String prefix) {
    for (String key : overrides.fieldNames()) {
      String path = prefix + key;
      if (!target.containsKey(key)) {
        throw new ConfigException("Unknown configuration key '" + path + "' in the --conf file.");
      }
      Object value = overrides.getValue(key);
      if (target.getValue(key) instanceof JsonObject existing) {
        if (!(value instanceof JsonObject nested)) {
          throw new ConfigException("Invalid configuration: '" + path + "' in the --conf file must be an object.");
        }
        merge(existing, nested, path + ".");
      } else {
        target.put(key, value);
        origin.put(path, path);
      }
    }
  }

  private void mergeEnvironment(Map<String, String> env) {
    ENVIRONMENT.forEach((variable, path) -> {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        String[] parts = path.split("\\.");
        JsonObject parent = doc;
        for (int i = 0; i < parts.length - 1; i++) {
          parent = parent.getJsonObject(parts[i]);
        }
        parent.put(parts[parts.length - 1], value.strip());
        origin.put(path, variable);
      }
    });
  }

  private HubConfig parse() {
    HubConfig.Store postgres = new HubConfig.Store(uri("postgres.uri", "postgresql", "postgres"), integer("postgres.poolSize", 1, 500));
    HubConfig.Store redis = new HubConfig.Store(uri("redis.uri", "redis", "rediss"), integer("redis.poolSize", 1, 1000));
    Boolean demo = optionalBoolean("demo");
    return new HubConfig(
        new HubConfig.Http(string("http.host"), integer("http.port", 0, 65535), integer("http.instances", 0, 64),
            cookieSecurity(), integer("http.sessionTimeoutMinutes", 5, 7 * 24 * 60), trustedProxies(),
            integer("http.idleTimeoutSeconds", 1, 3600), integer("http.requestTimeoutSeconds", 1, 3600),
            integer("http.maxConnectionsPerAddress", 1, 100_000)),
        Path.of(string("dataDir")),
        postgres,
        redis,
        new HubConfig.Cluster(bool("cluster.enabled"), members(), integer("cluster.port", 1, 65535),
            integer("cluster.eventBusPort", 0, 65535), optionalString("cluster.publicHost")),
        new HubConfig.Auth(adminPassword(), bootstrapToken(), integer("auth.loginMaxFailuresPerAccount", 1, 1000),
            integer("auth.loginMaxFailuresPerIp", 1, 100_000), integer("auth.loginWindowMinutes", 1, 24 * 60)),
        new WhatsAppConfig(this).parse(),
        new HubConfig.Webhook(webhookSecret(), integer("webhook.orphanMinutes", 1, 7 * 24 * 60), attachmentHosts()),
        // Demo data comes with the bundled servers unless switched off; never by surprise on external ones.
        demo != null ? demo : postgres.embedded());
  }

  Object value(String path) {
    String[] parts = path.split("\\.");
    JsonObject parent = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.getJsonObject(parts[i]);
    }
    return parent.getValue(parts[parts.length - 1]);
  }

  String name(String path) {
    return origin.getOrDefault(path, path);
  }

  ConfigException wrong(String path, String expectation, Object got) {
    boolean secret = path.startsWith("auth.adminPassword") || path.startsWith("auth.bootstrapToken") || path.endsWith(".uri")
        || path.startsWith("whatsapp.devices") || path.startsWith("webhook.secret");
    return new ConfigException("Invalid configuration: " + name(path) + " " + expectation
        + (secret ? "" : " (got '" + got + "')") + ".");
  }

  String optionalString(String path) {
    Object v = value(path);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw wrong(path, "must be a string", v);
    }
    return s.isBlank() ? null : s.strip();
  }

  String string(String path) {
    String s = optionalString(path);
    if (s == null) {
      throw wrong(path, "must not be empty", "");
    }
    return s;
  }

  int integer(String path, int min, int max) {
    Object v = value(path);
    long n;
    if (v instanceof Number number && number.doubleValue() == number.longValue()) {
      n = number.longValue();
    } else if (v instanceof String s && s.strip().matches("-?\\d{1,10}")) {
      n = Long.parseLong(s.strip());
    } else {
      throw wrong(path, "must be a whole number from " + min + " to " + max, v);
    }
    if (n < min || n > max) {
      throw wrong(path, "must be a whole number from " + min + " to " + max, v);
    }
    return (int) n;
  }

  Boolean optionalBoolean(String path) {
    Object v = value(path);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "1", "on": return true;
        case "false", "no", "0", "off": return false;
        default: break;
      }
    }
    throw wrong(path, "must be true or false", v);
  }

  boolean bool(String path) {
    Boolean b = optionalBoolean(path);
    if (b == null) {
      throw wrong(path, "must be true or false", "");
    }
    return b;
  }

  private String uri(String path, String... schemes) {
    String text = optionalString(path);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (uri.getScheme() != null && Arrays.asList(schemes).contains(uri.getScheme()) && uri.getHost() != null) {
        return text;
      }
    } catch (URISyntaxException ignored) {
      // reported below
    }
    throw wrong(path, "must be a URI like " + schemes[0] + "://user:password@host:port" + (schemes[0].startsWith("postgres") ? "/database" : ""), text);
  }

  private HubConfig.CookieSecurity cookieSecurity() {
    Object v = value("http.cookieSecure");
    if (v instanceof String s && s.strip().equalsIgnoreCase("auto")) {
      return HubConfig.CookieSecurity.AUTO;
    }
    Boolean b;
    try {
      b = optionalBoolean("http.cookieSecure");
    } catch (ConfigException e) {
      throw wrong("http.cookieSecure", "must be auto, true or false", v);
    }
    if (b == null) {
      return HubConfig.CookieSecurity.AUTO;
    }
    return b ? HubConfig.CookieSecurity.ALWAYS : HubConfig.CookieSecurity.NEVER;
  }

  /** Addresses of reverse proxies whose X-Forwarded-For is believed, e.g. "127.0.0.1,10.0.0.5". */
  private List<String> trustedProxies() {
    String text = optionalString("http.trustedProxies");
    if (text == null) {
      return List.of();
    }
    List<String> proxies = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String proxy : proxies) {
      if (!proxy.matches("^[0-9A-Fa-f:.]+$")) {
        throw wrong("http.trustedProxies", "must be a comma-separated list of IP addresses", text);
      }
    }
    return proxies;
  }

  private List<String> members() {
    String text = optionalString("cluster.members");
    if (text == null) {
      return List.of("127.0.0.1");
    }
    List<String> members = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String member : members) {
      if (!member.matches("^[A-Za-z0-9.\\-\\[\\]:]+$")) {
        throw wrong("cluster.members", "must be a comma-separated list of host or host:port", text);
      }
    }
    return members;
  }

  private String adminPassword() {
    String password = optionalString("auth.adminPassword");
    if (password != null && (password.length() < 8 || password.length() > 128)) {
      throw wrong("auth.adminPassword", "must be 8 to 128 characters long", "");
    }
    return password;
  }

  /** Host names attachments may be fetched from, e.g. "api.fonnte.com,files.fonnte.com"; unset: any public host. */
  private java.util.Set<String> attachmentHosts() {
    String text = optionalString("webhook.attachmentHosts");
    if (text == null) {
      return java.util.Set.of();
    }
    java.util.Set<String> hosts = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    for (String host : hosts) {
      if (!host.matches("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\\.?$")) {
        throw wrong("webhook.attachmentHosts", "must be a comma-separated list of host names like files.fonnte.com", text);
      }
    }
    return hosts;
  }

  /** Part of the webhook URLs Fonnte calls: URL-safe, and long enough not to be guessed. */
  private String webhookSecret() {
    String secret = optionalString("webhook.secret");
    if (secret != null && (secret.length() < 16 || secret.length() > 128 || !secret.matches("^[A-Za-z0-9_-]+$"))) {
      throw wrong("webhook.secret", "must be 16 to 128 characters of letters, digits, '_' and '-'", "");
    }
    return secret;
  }

  private String bootstrapToken() {
    String token = optionalString("auth.bootstrapToken");
    if (token != null && (token.length() < 24 || token.length() > 256 || !token.matches("^[A-Za-z0-9._~+/=-]+$"))) {
      throw wrong("auth.bootstrapToken", "must be 24 to 256 characters of letters, digits and ._~+/=-", "");
    }
    return token;
  }
}
