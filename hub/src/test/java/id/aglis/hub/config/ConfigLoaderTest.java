package id.aglis.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aglis.hub.platform.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  @DisplayName("no configuration at all gives the embedded, standalone, demo defaults")
  void defaults() {
    HubConfig config = ConfigLoader.load(new String[0], Map.of());
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.postgres().embedded()).isTrue();
    assertThat(config.redis().embedded()).isTrue();
    assertThat(config.cluster().enabled()).isFalse();
    assertThat(config.demo()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.http().cookieSecure()).isEqualTo(HubConfig.CookieSecurity.AUTO);
  }

  @Test
  @DisplayName("external servers switch demo data off unless asked; environment beats the file")
  void environmentOnTopOfFile() throws Exception {
    Path file = Files.createTempFile("hub", ".json");
    Files.writeString(file, "{\"http\":{\"port\":9000},\"cluster\":{\"enabled\":true}}");
    HubConfig config = ConfigLoader.load(new String[] {"--conf", file.toString()},
        Map.of("HUB_HTTP_PORT", "9100", "HUB_PG_URI", "postgresql://u:p@db:5432/aglis", "HUB_CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2:5702"));
    assertThat(config.http().port()).isEqualTo(9100);
    assertThat(config.cluster().enabled()).isTrue();
    assertThat(config.cluster().members()).containsExactly("10.0.0.1", "10.0.0.2:5702");
    assertThat(config.demo()).isFalse();
  }

  @Test
  @DisplayName("a wrong value stops start-up with a message naming the variable, never echoing a secret")
  void wrongValuesNameTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("HUB_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("HUB_HTTP_PORT");
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("HUB_CLUSTER", "maybe")))
        .hasMessageContaining("HUB_CLUSTER");
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("HUB_DEMO", "sure")))
        .hasMessageContaining("HUB_DEMO");
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("HUB_PG_URI", "mysql://secret-pw@db")))
        .hasMessageContaining("HUB_PG_URI").hasMessageNotContaining("secret-pw");
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("HUB_ADMIN_PASSWORD", "short")))
        .hasMessageContaining("HUB_ADMIN_PASSWORD").hasMessageNotContaining("short'");
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("HUB_BOOTSTRAP_TOKEN", "too-short")))
        .hasMessageContaining("HUB_BOOTSTRAP_TOKEN");
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port", "1"}, Map.of()))
        .hasMessageContaining("--conf");
  }
}
