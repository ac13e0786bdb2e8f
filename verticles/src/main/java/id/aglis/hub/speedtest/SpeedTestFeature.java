package id.aglis.hub.speedtest;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Set;

/**
 * The portal's speed test: latency, jitter, download and upload measured by the customer's browser against the node it
 * reaches, throttled per customer across the cluster and per node, so it cannot be turned into a way to flood the node;
 * results saved with a snapshot of the customer's plan and shown as a history (to the customer, and to staff on the
 * customer's record). No verticles of its own: the routes call the repository and stream the bytes directly. See
 * docs/speedtest.md.
 */
public final class SpeedTestFeature implements Feature {

  private SpeedTestRepository repository;
  private SpeedTestBudget budget;
  private Transfers transfers;
  private Clock clock;

  @Override
  public String name() {
    return "speedtest";
  }

  @Override
  public ConfigSection<?> config() {
    return SpeedTestSettings.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    SpeedTestSettings settings = node.settings(SpeedTestSettings.SECTION);
    repository = new SpeedTestRepository(node.pool());
    budget = new SpeedTestBudget(node.redisApi(), settings.runsPerHour());
    transfers = new Transfers(settings.maxConcurrent());
    clock = node.clock();
    return node.demo()
        ? new SpeedTestDemo(node.pool(), repository, node.require(CustomerDirectory.class), clock).seedOnce()
        : Future.succeededFuture();
  }

  @Override
  public void mountApi(Router api) {
    new SpeedTestRoutes(repository, budget, transfers, clock).mount(api);
  }

  /** The upload's body is read (and dropped) by its own route, after the caller and the budgets were checked. */
  @Override
  public Set<String> largeBodyPaths() {
    return Set.of(SpeedTestRoutes.UPLOAD_PATH);
  }
}
