package id.aglis.hub.speedtest;

import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * The {@code speedtest} section. {@code runsPerHour}: speed tests (downloads) one customer may start per hour, on all
 * nodes together; their uploads, pings and saved results are budgeted from the same figure (see {@link SpeedTestBudget}).
 * {@code maxConcurrent}: downloads and uploads one node serves at once, whoever asks; past it a 429, so the tests of a
 * few customers can never take the node's whole uplink from everybody else.
 */
record SpeedTestSettings(int runsPerHour, int maxConcurrent) {

  static final ConfigSection<SpeedTestSettings> SECTION = new ConfigSection<>("speedtest",
      new JsonObject().put("runsPerHour", 6).put("maxConcurrent", 4),
      Map.of("HUB_SPEEDTEST_RUNS_PER_HOUR", "runsPerHour", "HUB_SPEEDTEST_MAX_CONCURRENT", "maxConcurrent"), Set.of(),
      SpeedTestSettings::parse);

  static SpeedTestSettings parse(ConfigReader config) {
    return new SpeedTestSettings(config.integer("runsPerHour", 1, 1_000), config.integer("maxConcurrent", 1, 1_000));
  }
}
