package id.aglis.hub.kb;

import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * The {@code kb} section. {@code publicReadsPerMinute}: how many help requests (published articles, categories,
 * search) one client address may make per minute without signing in; 0 closes the help pages to visitors who are not
 * signed in.
 */
record KbSettings(int publicReadsPerMinute) {

  static final ConfigSection<KbSettings> SECTION = new ConfigSection<>("kb",
      new JsonObject().put("publicReadsPerMinute", 60),
      Map.of("HUB_KB_PUBLIC_READS_PER_MINUTE", "publicReadsPerMinute"), Set.of(), KbSettings::parse);

  static KbSettings parse(ConfigReader config) {
    return new KbSettings(config.integer("publicReadsPerMinute", 0, 100_000));
  }
}
