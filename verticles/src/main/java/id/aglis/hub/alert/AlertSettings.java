package id.aglis.hub.alert;

import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code alert} section. {@code evaluateMillis}: how often the evaluator runs a round (each round asks every
 * node for the rules' metrics; a rule on {@code last} sees a change within one round). {@code sampleSeconds}: how
 * often each node records its meters for the windowed functions (an hour of them is kept).
 */
public record AlertSettings(long evaluateMillis, long sampleMillis) {

  public static final ConfigSection<AlertSettings> SECTION = new ConfigSection<>("alert",
      new JsonObject().put("evaluateMillis", 1000).put("sampleSeconds", 5), environment(), Set.of(), AlertSettings::parse);

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HUB_ALERT_EVALUATE_MILLIS", "evaluateMillis");
    env.put("HUB_ALERT_SAMPLE_SECONDS", "sampleSeconds");
    return env;
  }

  static AlertSettings parse(ConfigReader config) {
    return new AlertSettings(config.integer("evaluateMillis", 200, 60_000), config.integer("sampleSeconds", 1, 60) * 1000L);
  }
}
