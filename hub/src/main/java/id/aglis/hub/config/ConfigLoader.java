package id.aglis.hub.config;

import id.aglis.hub.Features;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.config.ConfigException;
import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
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
import java.util.Objects;
import java.util.Set;

/**
 * Loads the configuration: {@code hub-defaults.json} (the node's own sections) and every feature's section
 * defaults, then the file given with {@code --conf file.json} (same shape, any subset), then environment
 * variables on top (the node's, and those each feature's section declares). Every value is checked here,
 * and a bad one stops start-up with a message naming what the operator set.
 */
public final class ConfigLoader {

  /** The node's own environment variables → dotted path in the JSON document. */
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
    ENVIRONMENT.put("HUB_DEMO", "demo");
  }

  /** Keys of the node's own sections whose values are secrets (credentials may sit in the URIs). */
  private static final Set<String> SECRET_KEYS = Set.of("postgres.uri", "redis.uri");

  private final JsonObject doc;
  private final List<ConfigSection<?>> sections;
  /** Dotted path → the name the operator used for it (an environment variable or the file key). */
  private final Map<String, String> origin = new HashMap<>();
  private final ConfigReader reader;

  private ConfigLoader(JsonObject doc, List<ConfigSection<?>> sections) {
    this.doc = doc;
    this.sections = sections;
    this.reader = new ConfigReader(doc, "", origin, SECRET_KEYS);
  }

  /** The configuration of a hub with every registered feature ({@link Features#all}). */
  public static HubConfig load(String[] args, Map<String, String> env) {
    return load(args, env, Features.all());
  }

  public static HubConfig load(String[] args, Map<String, String> env, List<Feature> features) {
    List<ConfigSection<?>> sections = features.stream().map(Feature::config).filter(Objects::nonNull)
        .<ConfigSection<?>>map(section -> section).toList();
    ConfigLoader loader = new ConfigLoader(defaults(sections), sections);
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

  private static JsonObject defaults(List<ConfigSection<?>> sections) {
    JsonObject doc;
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/hub-defaults.json")) {
      doc = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("hub-defaults.json is missing from the jar", e);
    }
    for (ConfigSection<?> section : sections) {
      if (doc.containsKey(section.name())) {
        throw new IllegalStateException("Two parts of the hub claim the configuration section '" + section.name() + "'");
      }
      doc.put(section.name(), section.defaults().copy());
    }
    return doc;
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
    Map<String, String> variables = new LinkedHashMap<>(ENVIRONMENT);
    for (ConfigSection<?> section : sections) {
      section.environment().forEach((variable, key) -> {
        if (variables.put(variable, section.name() + "." + key) != null) {
          throw new IllegalStateException("Two parts of the hub read the environment variable " + variable);
        }
      });
    }
    variables.forEach((variable, path) -> {
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
    HubConfig.Store postgres = new HubConfig.Store(uri("postgres.uri", "postgresql", "postgres"), reader.integer("postgres.poolSize", 1, 500));
    HubConfig.Store redis = new HubConfig.Store(uri("redis.uri", "redis", "rediss"), reader.integer("redis.poolSize", 1, 1000));
    Boolean demo = reader.optionalBoolean("demo");
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (ConfigSection<?> section : sections) {
      parsed.put(section.name(), section.parse().apply(
          new ConfigReader(doc.getJsonObject(section.name()), section.name(), origin, section.secretKeys())));
    }
    return new HubConfig(
        new HubConfig.Http(reader.string("http.host"), reader.integer("http.port", 0, 65535), reader.integer("http.instances", 0, 64),
            cookieSecurity(), reader.integer("http.sessionTimeoutMinutes", 5, 7 * 24 * 60), trustedProxies(),
            reader.integer("http.idleTimeoutSeconds", 1, 3600), reader.integer("http.requestTimeoutSeconds", 1, 3600),
            reader.integer("http.maxConnectionsPerAddress", 1, 100_000)),
        Path.of(reader.string("dataDir")),
        postgres,
        redis,
        new HubConfig.Cluster(reader.bool("cluster.enabled"), members(), reader.integer("cluster.port", 1, 65535),
            reader.integer("cluster.eventBusPort", 0, 65535), reader.optionalString("cluster.publicHost")),
        // Demo data comes with the bundled servers unless switched off; never by surprise on external ones.
        demo != null ? demo : postgres.embedded(),
        parsed);
  }

  private String uri(String path, String... schemes) {
    String text = reader.optionalString(path);
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
    throw reader.wrong(path, "must be a URI like " + schemes[0] + "://user:password@host:port" + (schemes[0].startsWith("postgres") ? "/database" : ""), text);
  }

  private HubConfig.CookieSecurity cookieSecurity() {
    Object v = reader.value("http.cookieSecure");
    if (v instanceof String s && s.strip().equalsIgnoreCase("auto")) {
      return HubConfig.CookieSecurity.AUTO;
    }
    Boolean b;
    try {
      b = reader.optionalBoolean("http.cookieSecure");
    } catch (ConfigException e) {
      throw reader.wrong("http.cookieSecure", "must be auto, true or false", v);
    }
    if (b == null) {
      return HubConfig.CookieSecurity.AUTO;
    }
    return b ? HubConfig.CookieSecurity.ALWAYS : HubConfig.CookieSecurity.NEVER;
  }

  /** Addresses of reverse proxies whose X-Forwarded-For is believed, e.g. "127.0.0.1,10.0.0.5". */
  private List<String> trustedProxies() {
    return reader.list("http.trustedProxies", "^[0-9A-Fa-f:.]+$", "must be a comma-separated list of IP addresses");
  }

  private List<String> members() {
    return reader.optionalString("cluster.members") == null ? List.of("127.0.0.1")
        : reader.list("cluster.members", "^[A-Za-z0-9.\\-\\[\\]:]+$", "must be a comma-separated list of host or host:port");
  }
}
