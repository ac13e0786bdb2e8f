package id.aglis.hub;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.NodeStarted;
import id.aglis.hub.bus.NodeStopping;
import id.aglis.hub.cluster.ClusterConfig;
import id.aglis.hub.config.HubConfig;
import id.aglis.hub.demo.DemoSeeder;
import id.aglis.hub.dispatch.DeviceConfig;
import id.aglis.hub.dispatch.Dispatch;
import id.aglis.hub.dispatch.DispatchSettings;
import id.aglis.hub.dispatch.fonnte.FakeFonnte;
import id.aglis.hub.platform.ClusterSingleton;
import id.aglis.hub.http.Edge;
import id.aglis.hub.http.HttpVerticle;
import id.aglis.hub.identity.Bootstrap;
import id.aglis.hub.identity.Identity;
import id.aglis.hub.identity.IdentityVerticle;
import id.aglis.hub.identity.LoginThrottle;
import id.aglis.hub.platform.Databases;
import id.aglis.hub.platform.Migrations;
import id.aglis.hub.platform.embedded.DataDirLock;
import id.aglis.hub.platform.embedded.EmbeddedPostgresServer;
import id.aglis.hub.platform.embedded.EmbeddedRedisServer;
import id.aglis.hub.webhook.AttachmentRules;
import id.aglis.hub.webhook.SandboxReceipts;
import id.aglis.hub.webhook.Webhooks;
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
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub node: embedded servers (when no external ones are configured), a clustered or
 * standalone Vert.x, migrations, first-start identity, demo data, and the deployed verticles.
 * {@link Main} runs one; tests run several in one JVM.
 */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  /** One connection per batched hot-path statement (each has at most one batch out at a time), and a spare. */
  private static final int KEYED_POOL_SIZE = 4;

  private final HubConfig config;
  private final Consumer<String> console;
  private DataDirLock lock;
  private EmbeddedPostgresServer embeddedPostgres;
  private EmbeddedRedisServer embeddedRedis;
  private Vertx vertx;
  private HazelcastClusterManager clusterManager;
  private PrometheusMeterRegistry registry;
  private Pool pool;
  private Pool keyedPool;
  private Redis redis;
  private FakeFonnte sandboxGateway;
  private ClusterSingleton reconciler;
  private String httpDeployment;
  private String dispatchDeployment;
  private String webhookDeployment;
  private String pgUri;
  private String redisUri;

  private Node(HubConfig config, Consumer<String> console) {
    this.config = config;
    this.console = console;
  }

  /** Starts a node; blocks for the embedded servers, then composes the asynchronous start. */
  public static Future<Node> start(HubConfig config, Consumer<String> console) {
    Node node = new Node(config, console);
    try {
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
    pool = Databases.pool(vertx, pgOptions, config.postgres().poolSize());
    keyedPool = Databases.keyedWritePool(vertx, pgOptions, KEYED_POOL_SIZE);
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri)
        .setMaxPoolSize(config.redis().poolSize()).setMaxPoolWaiting(4096).setMaxWaitingHandlers(8192));
    RedisAPI redisApi = RedisAPI.api(redis);
    Identity identity = new Identity(vertx, pool, redisApi, new LoginThrottle.Limits(config.auth().loginMaxFailuresPerAccount(),
        config.auth().loginMaxFailuresPerIp(), Duration.ofMinutes(config.auth().loginWindowMinutes())));
    return Migrations.run(vertx, pgOptions)
        .compose(v -> new Bootstrap(pool, identity, console).run(config.auth().adminPassword(), config.auth().bootstrapToken()))
        .compose(v -> config.demo() ? new DemoSeeder(pool, identity).seedOnce().mapEmpty() : Future.<Void>succeededFuture())
        .compose(v -> vertx.deployVerticle(new IdentityVerticle(identity)))
        .compose(v -> dispatchSettings())
        .compose(settings -> {
          Dispatch dispatch = new Dispatch(vertx, pool, keyedPool, redisApi, registry, settings);
          return deployDispatch(dispatch)
              .compose(v -> Webhooks.secret(pool, config.webhook().secret()))
              .compose(secret -> deployWebhooks(dispatch, secret))
              .compose(webhooks -> deployHttp(new Edge(config, nodeId(), version(), pool, redis, redisApi, identity, dispatch,
                  webhooks, registry, this::clusterView)));
        })
        .onSuccess(v -> vertx.eventBus().publish(Addresses.SYSTEM_NODE_STARTED,
            new NodeStarted(nodeId(), vertx.isClustered(), OffsetDateTime.now()).toJson()));
  }

  /**
   * The configured dispatch settings; with no devices configured, the sandbox device sends to a fake
   * Fonnte on loopback inside this node, so the demo is alive without ever reaching WhatsApp.
   */
  private Future<DispatchSettings> dispatchSettings() {
    DispatchSettings settings = config.whatsapp();
    if (!settings.sandbox()) {
      return Future.succeededFuture(settings);
    }
    DeviceConfig sandbox = DeviceConfig.sandboxDevice();
    // The sandbox runs for as long as the node: it keeps only its latest requests, not all of them.
    sandboxGateway = new FakeFonnte(vertx).device(sandbox.device(), sandbox.token()).keepReceived(1_000);
    return sandboxGateway.start().map(started -> new DispatchSettings(started.baseUrl(), settings.devices(),
        settings.globalPerMinute(), settings.quietStart(), settings.quietEnd(), settings.maxAttempts(), settings.unknownWindow(),
        settings.resendUnknown(), settings.recipientPerHour(), settings.dedupeWindow(), settings.concurrency(), settings.limitsOff(),
        settings.lease()));
  }

  /** The dispatcher on this node, and its reconciler on exactly one node of the cluster. */
  private Future<Void> deployDispatch(Dispatch dispatch) {
    return vertx.deployVerticle(dispatch.verticle(nodeId())).onSuccess(id -> {
      dispatchDeployment = id;
      reconciler = ClusterSingleton.start(vertx, "dispatch.reconciler", dispatch::reconciler, 2_000);
    }).mapEmpty();
  }

  /**
   * The webhook ingress on this node; with the sandbox device, the sandbox gateway posts realistic delivery
   * receipts to this node's own webhook, so the demo's messages go on to delivered and read.
   */
  private Future<Webhooks> deployWebhooks(Dispatch dispatch, String secret) {
    Webhooks webhooks = new Webhooks(vertx, pool, dispatch.deviceNames(), secret, dispatch.deviceWebhookSecrets(),
        Duration.ofMinutes(config.webhook().orphanMinutes()), AttachmentRules.of(config.webhook().attachmentHosts()));
    if (sandboxGateway != null) {
      sandboxGateway.onAccepted(new SandboxReceipts(vertx, config.http().port(), secret));
    }
    return vertx.deployVerticle(webhooks.verticle()).onSuccess(id -> webhookDeployment = id).map(webhooks);
  }

  private Future<Void> deployHttp(Edge edge) {
    int instances = config.http().instances() > 0 ? config.http().instances() : Math.max(1, Runtime.getRuntime().availableProcessors());
    return vertx.deployVerticle(() -> new HttpVerticle(edge), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> httpDeployment = id).mapEmpty();
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
        .compose(v -> bounded("handing back the singletons", reconciler == null ? Future.succeededFuture() : reconciler.stop(), 2))
        .compose(v -> bounded("draining HTTP", undeploy(httpDeployment), 6))
        .compose(v -> bounded("stopping the webhook ingress", undeploy(webhookDeployment), 2))
        .compose(v -> bounded("finishing the sends in flight", undeploy(dispatchDeployment), 6))
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

  /**
   * Each stage of a stop gets a bounded time (22 s in all, inside the 30 s a supervisor such as systemd or
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
