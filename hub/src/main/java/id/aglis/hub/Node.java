package id.aglis.hub;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.NodeStarted;
import id.aglis.hub.bus.NodeStopping;
import id.aglis.hub.cluster.ClusterConfig;
import id.aglis.hub.config.HubConfig;
import id.aglis.hub.http.HttpVerticle;
import id.aglis.hub.http.PortCheck;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.ClusterSingleton;
import id.aglis.hub.platform.Databases;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.platform.Migrations;
import id.aglis.hub.platform.embedded.DataDirLock;
import id.aglis.hub.platform.embedded.EmbeddedPostgresServer;
import id.aglis.hub.platform.embedded.EmbeddedRedisServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub node: embedded servers (when no external ones are configured), a clustered or
 * standalone Vert.x, the shared clients, migrations, then each {@link Feature} of the registry started in
 * order, and the HTTP edge serving them all. {@link Main} runs one; tests run several in one JVM.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  /** One connection per batched hot-path statement (each has at most one batch out at a time), and a spare. */
  private static final int KEYED_POOL_SIZE = 4;

  private final HubConfig config;
  private final Consumer<String> console;
  private final List<Feature> features;
  private final Clock clock;
  private DataDirLock lock;
  private EmbeddedPostgresServer embeddedPostgres;
  private EmbeddedRedisServer embeddedRedis;
  private Vertx vertx;
  private HazelcastClusterManager clusterManager;
  private PrometheusMeterRegistry registry;
  private Pool pool;
  private Pool keyedPool;
  private Redis redis;
  private NodeContext context;
  private String httpDeployment;
  private String pgUri;
  private String redisUri;

  private Node(HubConfig config, Consumer<String> console, List<Feature> features, Clock clock) {
    this.config = config;
    this.console = console;
    this.features = List.copyOf(features);
    this.clock = clock;
  }

  /** Starts a node with every registered feature ({@link Features#all}). */
  public static Future<Node> start(HubConfig config, Consumer<String> console) {
    return start(config, console, Features.all());
  }

  /**
   * Starts a node with {@code features} (their configuration sections must be in {@code config}); blocks for
   * the embedded servers, then composes the asynchronous start. A port already in use fails before anything
   * else happens (no database created, no one-time password shown).
   */
  public static Future<Node> start(HubConfig config, Consumer<String> console, List<Feature> features) {
    return start(config, console, features, Clock.systemUTC());
  }

  /** Like {@link #start(HubConfig, Consumer, List)}, with the clock the features' calendar rules read (a test's). */
  public static Future<Node> start(HubConfig config, Consumer<String> console, List<Feature> features, Clock clock) {
    Node node = new Node(config, console, features, clock);
    try {
      PortCheck.ensureFree(config.http().host(), config.http().port());
      node.startEmbeddedServers();
    } catch (RuntimeException | IOException e) {
      node.stopEmbeddedServers();
      return Future.failedFuture(e);
    }
    return node.startVertx()
        .compose(v -> node.startServices())
        .map(node)
        .recover(failure -> node.stop().transform(ignored -> Future.failedFuture(failure)));
  }

  private void startEmbeddedServers() throws IOException {
    pgUri = config.postgres().uri();
    redisUri = config.redis().uri();
    if (!config.usesEmbeddedServer()) {
      return;
    }
    lock = DataDirLock.acquire(config.dataDir());
    CompletableFuture<EmbeddedPostgresServer> pg = config.postgres().embedded()
        ? CompletableFuture.supplyAsync(() -> unchecked(() -> EmbeddedPostgresServer.start(config.dataDir().resolve("pg"))))
        : CompletableFuture.completedFuture(null);
    CompletableFuture<EmbeddedRedisServer> redis = config.redis().embedded()
        ? CompletableFuture.supplyAsync(() -> unchecked(() -> EmbeddedRedisServer.start(config.dataDir().resolve("redis"))))
        : CompletableFuture.completedFuture(null);
    try {
      CompletableFuture.allOf(pg, redis).join();
    } catch (RuntimeException e) {
      // Keep whichever did start, so the caller's clean-up stops it.
      embeddedPostgres = pg.isCompletedExceptionally() ? null : pg.join();
      embeddedRedis = redis.isCompletedExceptionally() ? null : redis.join();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("Could not start the bundled servers under " + config.dataDir().toAbsolutePath() + ": " + cause.getMessage(), cause);
    }
    embeddedPostgres = pg.join();
    embeddedRedis = redis.join();
    if (embeddedPostgres != null) {
      pgUri = embeddedPostgres.uri();
    }
    if (embeddedRedis != null) {
      redisUri = embeddedRedis.uri();
    }
  }

  private Future<Void> startVertx() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // No HTTP_METHOD label: any client can invent method names, and each would add series for ever.
        .setLabels(EnumSet.of(Label.HTTP_CODE, Label.HTTP_ROUTE, Label.EB_ADDRESS, Label.EB_FAILURE, Label.POOL_TYPE, Label.POOL_NAME));
    // Linux's epoll through Netty's native transport: fewer system calls and wake-ups per request than the
    // JDK's selector (falls back to the JDK's where the native library cannot load).
    VertxOptions options = new VertxOptions().setMetricsOptions(metrics).setPreferNativeTransport(true);
    this.registry = registry;
    var builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    if (!config.cluster().enabled()) {
      vertx = builder.build();
      logTransport();
      return Future.succeededFuture();
    }
    EventBusOptions eventBus = new EventBusOptions().setPort(config.cluster().eventBusPort());
    if (ClusterConfig.loopbackOnly(config.cluster())) {
      eventBus.setHost("127.0.0.1");
    } else if (config.cluster().publicHost() != null) {
      eventBus.setClusterPublicHost(config.cluster().publicHost());
    }
    options.setEventBusOptions(eventBus);
    clusterManager = ClusterConfig.clusterManager(config.cluster());
    return builder.with(options).withClusterManager(clusterManager).buildClustered()
        .onSuccess(started -> {
          vertx = started;
          logTransport();
        })
        .mapEmpty();
  }

  private void logTransport() {
    if (!vertx.isNativeTransportEnabled()) {
      LOG.info("Netty's native transport is not available here ({}); using the JDK's", vertx.unavailableNativeTransportCause());
    }
  }

  private Future<Void> startServices() {
    PgConnectOptions pgOptions = Databases.connectOptions(pgUri);
    pool = Databases.pool(vertx, pgOptions, config.postgres().poolSize(), registry);
    keyedPool = Databases.keyedWritePool(vertx, pgOptions, KEYED_POOL_SIZE, registry);
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri)
        .setMaxPoolSize(config.redis().poolSize()).setMaxPoolWaiting(4096).setMaxWaitingHandlers(8192));
    context = new NodeContext(vertx, config, pool, keyedPool, redis, registry, nodeId(), clock, console, features);
    return Migrations.run(vertx, pgOptions)
        .compose(v -> startFeatures(0))
        .compose(v -> deployHttp())
        .onSuccess(v -> vertx.eventBus().publish(Addresses.SYSTEM_NODE_STARTED,
            new NodeStarted(nodeId(), vertx.isClustered(), OffsetDateTime.now()).toJson()));
  }

  /** The features from {@code index} on, one after another: each may use what the earlier ones provide. */
  private Future<Void> startFeatures(int index) {
    if (index >= features.size()) {
      return Future.succeededFuture();
    }
    Feature feature = features.get(index);
    return feature.start(context)
        .recover(failure -> Future.failedFuture(new IllegalStateException(
            "The " + feature.name() + " feature could not start: " + failure.getMessage(), failure)))
        .compose(v -> startFeatures(index + 1));
  }

  private Future<Void> deployHttp() {
    int instances = config.http().instances() > 0 ? config.http().instances() : Math.max(1, Runtime.getRuntime().availableProcessors());
    return vertx.deployVerticle(() -> new HttpVerticle(config, context, features, version(), this::clusterView),
            new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> httpDeployment = id).mapEmpty();
  }

  /** Every {@code ui.*} address the features let browsers register, for the event-bus bridge. */
  public List<BridgeAddress> bridgeAddresses() {
    return bridgeAddresses(features);
  }

  static List<BridgeAddress> bridgeAddresses(List<Feature> features) {
    return java.util.stream.Stream.concat(
        features.stream().flatMap(feature -> feature.liveStreams().stream()).map(LiveStream::address),
        features.stream().flatMap(feature -> feature.bridgeAddresses().stream())).toList();
  }

  /** Null when standalone; otherwise whether this node is an active member, and how many there are. */
  private JsonObject clusterView() {
    if (clusterManager == null) {
      return null;
    }
    boolean active = clusterManager.isActive() && clusterManager.getHazelcastInstance().getLifecycleService().isRunning();
    return new JsonObject().put("active", active).put("members", active ? clusterManager.getNodes().size() : 0);
  }

  /**
   * Graceful stop, in dependency order: tell the cluster; hand back the singletons; stop accepting HTTP and
   * drain the requests in flight; let the dispatcher's sends in flight record their outcomes; close the
   * database clients; leave the cluster; stop the bundled servers and release the data folder. (Closing
   * Vert.x alone would close the clients before the verticles have drained.)
   */
  public Future<Void> stop() {
    Future<Void> closed = vertx == null ? Future.succeededFuture() : Future.<Void>succeededFuture()
        .andThen(v -> vertx.eventBus().publish(Addresses.SYSTEM_NODE_STOPPING, new NodeStopping(nodeId()).toJson()))
        .compose(v -> bounded("handing back the singletons", handBackSingletons(), 2))
        .compose(v -> bounded("draining HTTP", undeploy(httpDeployment), 6))
        .compose(v -> bounded("stopping the features' verticles",
            undeployFeatures(context == null ? List.of() : context.deploymentsNewestFirst(), 0), 10))
        .compose(v -> bounded("closing the PostgreSQL pools", pool == null ? Future.succeededFuture()
            : Future.join(pool.close(), keyedPool.close()).mapEmpty(), 2))
        .compose(v -> {
          if (redis != null) {
            redis.close();
          }
          return bounded("leaving the cluster", vertx.close(), 4);
        });
    return closed.eventually(() -> {
      stopEmbeddedServers();
      return Future.succeededFuture();
    });
  }

  private Future<Void> handBackSingletons() {
    return context == null ? Future.succeededFuture()
        : Future.join(context.singletons().stream().map(ClusterSingleton::stop).toList()).mapEmpty();
  }

  /**
   * The features' verticles, newest first (the webhook ingress before the dispatcher, whose sends in flight
   * record their outcomes before the pools close).
   */
  private Future<Void> undeployFeatures(List<String> deployments, int index) {
    if (index >= deployments.size()) {
      return Future.succeededFuture();
    }
    return undeploy(deployments.get(index)).compose(v -> undeployFeatures(deployments, index + 1));
  }

  /**
   * Each stage of a stop gets a bounded time (24 s in all, inside the 30 s a supervisor such as systemd or
   * the smoke test allows), so one that hangs cannot keep the bundled servers running:
   * whatever it left undone is what a crash would leave (claims expire, callbacks stay recorded).
   */
  private static Future<Void> bounded(String stage, Future<?> work, long seconds) {
    return work.timeout(seconds, TimeUnit.SECONDS).<Void>mapEmpty().recover(e -> {
      LOG.warn("Stopping: {} did not finish in {} s ({}); going on", stage, seconds, e.toString());
      return Future.succeededFuture();
    });
  }

  private Future<Void> undeploy(String deployment) {
    return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
  }

  private void stopEmbeddedServers() {
    if (embeddedRedis != null) {
      try {
        embeddedRedis.close();
      } catch (RuntimeException e) {
        LOG.warn("Embedded Redis did not stop cleanly: {}", e.getMessage());
      }
      embeddedRedis = null;
    }
    if (embeddedPostgres != null) {
      try {
        embeddedPostgres.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
      embeddedPostgres = null;
    }
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  public String nodeId() {
    return clusterManager != null ? clusterManager.getNodeId() : "standalone";
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public Redis redis() {
    return redis;
  }

  public HubConfig config() {
    return config;
  }

  /** The embedded PostgreSQL's address, for the start-up banner; null when external. */
  public String embeddedPostgresAddress() {
    return embeddedPostgres == null ? null : "127.0.0.1:" + embeddedPostgres.port();
  }

  public String embeddedRedisAddress() {
    return embeddedRedis == null ? null : "127.0.0.1:" + embeddedRedis.port();
  }

  /** The bundled Redis, for tests that stop and restart it. */
  public EmbeddedRedisServer embeddedRedis() {
    return embeddedRedis;
  }

  public static String version() {
    String v = Node.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T unchecked(IoSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
