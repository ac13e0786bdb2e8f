package id.aglis.hub;

import id.aglis.hub.config.HubConfig;
import id.aglis.hub.platform.ClusterSingleton;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.platform.config.ConfigSection;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a node hands its features: the clients it opened, its facts, the parsed configuration, the service
 * registry, and the record of what the features deployed, which the node undoes on stop.
 */
final class NodeContext implements FeatureContext {

  private final Vertx vertx;
  private final HubConfig config;
  private final Pool pool;
  private final Pool keyedPool;
  private final Redis redis;
  private final RedisAPI redisApi;
  private final MeterRegistry registry;
  private final String nodeId;
  private final Clock clock;
  private final Consumer<String> console;
  private final List<Feature> features;
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  private final List<String> deployments = new ArrayList<>();
  private final List<ClusterSingleton> singletons = new ArrayList<>();

  NodeContext(Vertx vertx, HubConfig config, Pool pool, Pool keyedPool, Redis redis, MeterRegistry registry, String nodeId,
              Clock clock, Consumer<String> console, List<Feature> features) {
    this.features = features;
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.keyedPool = keyedPool;
    this.redis = redis;
    this.redisApi = RedisAPI.api(redis);
    this.registry = registry;
    this.nodeId = nodeId;
    this.clock = clock;
    this.console = console;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Pool pool() {
    return pool;
  }

  @Override
  public Pool keyedPool() {
    return keyedPool;
  }

  @Override
  public Redis redis() {
    return redis;
  }

  @Override
  public RedisAPI redisApi() {
    return redisApi;
  }

  @Override
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public List<LiveStream> liveStreams() {
    return features.stream().flatMap(feature -> feature.liveStreams().stream()).toList();
  }

  @Override
  public List<BridgeAddress> bridgeAddresses() {
    return Node.bridgeAddresses(features);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public int httpPort() {
    return config.http().port();
  }

  @Override
  public boolean demo() {
    return config.demo();
  }

  @Override
  public Consumer<String> console() {
    return console;
  }

  @Override
  public <T> T settings(ConfigSection<T> section) {
    return config.section(section);
  }

  @Override
  public <T> void provide(Class<T> type, T service) {
    if (services.putIfAbsent(type, service) != null) {
      throw new IllegalStateException("Two features provide " + type.getSimpleName());
    }
  }

  @Override
  public <T> T require(Class<T> type) {
    Object service = services.get(type);
    if (service == null) {
      throw new IllegalStateException("No feature provides " + type.getSimpleName()
          + ": register the feature that does before the one that needs it (Features.all)");
    }
    return type.cast(service);
  }

  @Override
  public synchronized Future<String> deploy(Deployable verticle) {
    return vertx.deployVerticle(verticle).onSuccess(this::deployed);
  }

  private synchronized void deployed(String id) {
    deployments.add(id);
  }

  @Override
  public synchronized void singleton(String name, Supplier<? extends Deployable> verticle, long retryMs) {
    singletons.add(ClusterSingleton.start(vertx, name, verticle, retryMs));
  }

  /** The features' deployments, newest first: the order to undeploy them in. */
  synchronized List<String> deploymentsNewestFirst() {
    List<String> ids = new ArrayList<>(deployments);
    java.util.Collections.reverse(ids);
    return ids;
  }

  synchronized List<ClusterSingleton> singletons() {
    return List.copyOf(singletons);
  }
}
