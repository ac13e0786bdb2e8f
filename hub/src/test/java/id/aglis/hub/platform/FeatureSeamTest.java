package id.aglis.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aglis.hub.Features;
import id.aglis.hub.config.ConfigLoader;
import id.aglis.hub.platform.config.ConfigException;
import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A feature the hub has never heard of, plugged in through the seam alone (the registry's list plus one):
 * its configuration section and environment variable, its verticle, its API and root routes, its health
 * check and its bridge address all take effect, and its verticle is undeployed on stop.
 */
@ExtendWith(VertxExtension.class)
class FeatureSeamTest {

  /** The probe's settings: a greeting from {@code HUB_PROBE_GREETING}, "halo" by default. */
  record ProbeSettings(String greeting) {
    static final ConfigSection<ProbeSettings> SECTION = new ConfigSection<>("probe", new JsonObject().put("greeting", "halo"),
        Map.of("HUB_PROBE_GREETING", "greeting"), Set.of(), ProbeSettings::parse);

    static ProbeSettings parse(ConfigReader config) {
      String greeting = config.string("greeting");
      if (!greeting.matches("[a-z ]{1,20}")) {
        throw config.wrong("greeting", "must be 1 to 20 lower-case letters", greeting);
      }
      return new ProbeSettings(greeting);
    }
  }

  static final class ProbeFeature implements Feature {
    final AtomicBoolean verticleStopped = new AtomicBoolean();
    private ProbeSettings settings;

    @Override
    public String name() {
      return "probe";
    }

    @Override
    public ConfigSection<?> config() {
      return ProbeSettings.SECTION;
    }

    @Override
    public Future<Void> start(FeatureContext node) {
      settings = node.settings(ProbeSettings.SECTION);
      return node.deploy(new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.eventBus().<String>consumer("probe.echo", m -> m.reply(settings.greeting() + " " + m.body())).completion();
        }

        @Override
        public Future<?> stop() {
          verticleStopped.set(true);
          return Future.succeededFuture();
        }
      }).mapEmpty();
    }

    @Override
    public void mountApi(Router api) {
      api.get("/probe").handler(Access.anyStaff()).handler(ctx -> ctx.json(new JsonObject().put("greeting", settings.greeting())));
    }

    @Override
    public void mountRoot(Router root) {
      root.get("/probe-page").handler(ctx -> ctx.end(settings.greeting()));
    }

    @Override
    public void healthChecks(HealthChecks checks) {
      checks.register("probe", promise -> promise.complete(Status.OK()));
    }

    @Override
    public List<BridgeAddress> bridgeAddresses() {
      return List.of(BridgeAddress.forStaff("ui.probe", Set.of(Role.ADMIN)));
    }
  }

  private static List<Feature> withProbe(ProbeFeature probe) {
    List<Feature> features = new ArrayList<>(Features.all());
    features.add(probe);
    return features;
  }

  @Test
  @DisplayName("a new feature gets its config, verticle, routes, health check and bridge address through the seam alone")
  void featurePluggedInThroughTheSeam(Vertx vertx) {
    ProbeFeature probe = new ProbeFeature();
    Map<String, String> env = TestHub.environment("seam");
    env.put("HUB_PROBE_GREETING", "selamat pagi");
    TestHub hub = TestHub.start(env, withProbe(probe));
    try {
      Browser admin = hub.admin(vertx);
      HttpResponse<Buffer> api = admin.get("/api/v1/probe");
      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(api.bodyAsJsonObject().getString("greeting")).isEqualTo("selamat pagi");
      assertThat(hub.browser(vertx).get("/api/v1/probe").statusCode()).as("behind the edge's authentication").isEqualTo(401);
      assertThat(hub.browser(vertx).get("/probe-page").bodyAsString()).isEqualTo("selamat pagi");
      assertThat(hub.vertx().eventBus().<String>request("probe.echo", "Budi").await().body()).isEqualTo("selamat pagi Budi");
      JsonObject ready = hub.browser(vertx).get("/ready").bodyAsJsonObject();
      assertThat(ready.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id"))).contains("probe", "postgres");
      assertThat(hub.node().bridgeAddresses()).extracting(BridgeAddress::address).contains("ui.probe");
    } finally {
      hub.close();
    }
    assertThat(probe.verticleStopped).as("undeployed on stop").isTrue();
  }

  @Test
  @DisplayName("a bad value in a feature's section stops start-up naming its variable; unknown sections are refused")
  void featureConfigFailsFast() {
    List<Feature> features = withProbe(new ProbeFeature());
    assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("HUB_PROBE_GREETING", "HALO!"), features))
        .isInstanceOf(ConfigException.class).hasMessageContaining("HUB_PROBE_GREETING");
    assertThat(ConfigLoader.load(new String[0], Map.of(), features).section(ProbeSettings.SECTION).greeting()).isEqualTo("halo");
    // Without the feature, its variable means nothing and its section does not exist.
    assertThat(ConfigLoader.load(new String[0], Map.of("HUB_PROBE_GREETING", "HALO!")).sections()).doesNotContainKey("probe");
  }
}
