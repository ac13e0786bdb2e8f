package id.aglis.hub.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A feature's part of the configuration: the JSON section {@code name} (in the {@code --conf} file), its
 * defaults, the environment variables that set its keys, which keys are secrets (never echoed in an error),
 * and how the section is parsed into the feature's own settings record. A bad value stops start-up with a
 * message naming the variable or key the operator set.
 *
 * @param environment environment variable → key inside the section (dots for nested keys)
 * @param parse       reads and validates the section; throws {@link ConfigException} through the reader
 */
public record ConfigSection<T>(String name, JsonObject defaults, Map<String, String> environment, Set<String> secretKeys,
                               Function<ConfigReader, T> parse) {
}
