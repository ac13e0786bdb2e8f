package id.aglis.hub.alert;

import id.aglis.hub.alert.engine.AckReplies;
import id.aglis.hub.alert.engine.Acknowledgements;
import id.aglis.hub.alert.engine.AlertEvaluator;
import id.aglis.hub.alert.engine.AlertRepository;
import id.aglis.hub.alert.engine.Pager;
import id.aglis.hub.alert.metrics.ClusterMetrics;
import id.aglis.hub.alert.metrics.MeterSampler;
import id.aglis.hub.alert.metrics.NodeMetricsVerticle;
import id.aglis.hub.alert.metrics.Series;
import id.aglis.hub.alert.rules.BuiltInRules;
import id.aglis.hub.alert.rules.RuleRepository;
import id.aglis.hub.alert.rules.RuleRoutes;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Alerting: every node samples its meters and answers metric queries; one evaluator for the cluster (a singleton
 * with failover) turns the rules into alerts, pages staff on WhatsApp through the dispatcher and tells the
 * console on {@code ui.alerts}; staff acknowledge, resolve and silence through the API, the console, or by
 * answering a page with "ACK &lt;code&gt;". Built-in rules are added on the first start (see the README).
 */
public final class AlertFeature implements Feature {

  /** How long a node's answer to a round may take before it counts as not answering. */
  private static final long QUERY_TIMEOUT_MS = 2_000;
  /** How long a waiting node waits for the evaluator's lock before asking again (bounds the failover). */
  private static final long SINGLETON_RETRY_MS = 5_000;

  /** The built-in rules' metrics (with their denominators): valid names before their first event, too. */
  private static final Set<String> BUILT_IN_METRICS = BuiltInRules.all().stream()
      .flatMap(r -> r.ratioTo() == null ? Stream.of(r.query().metric()) : Stream.of(r.query().metric(), r.ratioTo().metric()))
      .collect(Collectors.toUnmodifiableSet());

  private RuleRepository rules;
  private AlertRepository alerts;
  private ClusterMetrics metrics;
  private MeterSampler sampler;
  private Acknowledgements acknowledgements;
  private StaffDirectory staff;
  private AckReplies ackReplies;
  private AlertStream stream;
  private Clock clock;

  @Override
  public String name() {
    return "alert";
  }

  @Override
  public ConfigSection<?> config() {
    return AlertSettings.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    AlertSettings settings = node.settings(AlertSettings.SECTION);
    staff = node.require(StaffDirectory.class);
    clock = node.clock();
    rules = new RuleRepository(node.pool());
    alerts = new AlertRepository(node.pool());
    metrics = new ClusterMetrics(node.vertx(), node.redisApi(), QUERY_TIMEOUT_MS);
    sampler = new MeterSampler(node.registry());
    acknowledgements = new Acknowledgements(node.vertx(), alerts, clock);
    ackReplies = new AckReplies(staff, alerts, acknowledgements);
    stream = new AlertStream(alerts);
    return rules.seed(BuiltInRules.all())
        .compose(v -> node.demo() ? new AlertDemo(node.pool(), clock).seedOnce() : Future.<Void>succeededFuture())
        .compose(v -> node.deploy(new NodeMetricsVerticle(node.nodeId(), node.registry(), node.redisApi(), node.httpPort(), settings.sampleMillis())))
        .compose(v -> node.deploy(ackReplies))
        .onSuccess(v -> node.singleton("alert.evaluator",
            () -> new AlertEvaluator(rules, alerts, metrics, new Pager(node.vertx(), staff, alerts), settings.evaluateMillis(),
                clock, node.registry()),
            SINGLETON_RETRY_MS))
        .mapEmpty();
  }

  @Override
  public List<LiveStream> liveStreams() {
    return List.of(stream);
  }

  @Override
  public void mountApi(Router api) {
    Predicate<String> known = this::knownMetric;
    new RuleRoutes(rules, metrics, staff, known).mount(api);
    new SilenceRoutes(alerts, clock).mount(api);
    new AlertRoutes(alerts, acknowledgements, sampler).mount(api);
  }

  /** A series name this node shows on {@code /metrics}, or the cluster's own {@code aglis_node_up}. */
  private boolean knownMetric(String metric) {
    // The built-in rules' metrics count too: some are made at their first event (the first receipt, the first send).
    return ClusterMetrics.NODE_UP.equals(metric) || BUILT_IN_METRICS.contains(metric)
        || sampler.sample().keySet().stream().map(Series::name).anyMatch(metric::equals);
  }
}
