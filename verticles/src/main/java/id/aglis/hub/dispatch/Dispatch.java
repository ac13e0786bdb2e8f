package id.aglis.hub.dispatch;

import id.aglis.hub.dispatch.queue.DispatchQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WhatsApp dispatch, wired: the repositories, the Redis queue, the enqueuer, device state and metrics.
 * The node deploys {@link #verticle} on every node and {@link #reconciler} as a cluster singleton; the
 * HTTP edge mounts {@link #mount}.
 */
public final class Dispatch {

  /** A batch of 10,000 messages with long texts fits; anything bigger is a 413. */
  static final long BATCH_BODY_LIMIT = 16L * 1024 * 1024;

  private final DispatchSettings settings;
  private final Pool pool;
  private final MessageRepository messages;
  private final TemplateRepository templates;
  private final BatchRepository batches;
  private final DispatchQueue queue;
  private final StatusEvents events;
  private final Enqueuer enqueuer;
  private final Devices devices;
  private final DispatchMetrics metrics;
  private final UnknownSends unknown;
  private final OutcomeJournal journal;
  private final Receipts receipts;
  private final OptOuts optOuts;
  private final Set<String> deviceNames;
  private final Clock clock;

  /**
   * @param keyedPool connections for the set-based writes every message goes through (see
   *                  {@code Databases.keyedWritePool})
   * @param clock     what the recipient hours and the quiet hours read (the node's, see {@code FeatureContext.clock})
   */
  public Dispatch(Vertx vertx, Pool pool, Pool keyedPool, RedisAPI redis, MeterRegistry registry, DispatchSettings settings,
                  Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.pool = pool;
    this.messages = new MessageRepository(pool, keyedPool);
    this.templates = new TemplateRepository(pool);
    this.batches = new BatchRepository(pool);
    this.queue = new DispatchQueue(redis);
    this.events = new StatusEvents(vertx);
    this.optOuts = new OptOuts(pool);
    this.enqueuer = new Enqueuer(messages, templates, queue, redis, events, settings, optOuts, clock);
    this.devices = new Devices(settings.activeDevices(), queue, pool, events);
    this.metrics = new DispatchMetrics(registry);
    this.journal = new OutcomeJournal(redis, messages, events);
    this.unknown = new UnknownSends(redis, messages, enqueuer, events, settings, journal);
    this.receipts = new Receipts(pool, events);
    this.deviceNames = settings.activeDevices().stream().map(DeviceConfig::device).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Paths that read their own, larger bodies (after checking who is calling, so nobody anonymous can make
   * a node buffer megabytes); the edge's default body handler leaves them alone.
   */
  public Set<String> largeBodyPaths() {
    return Set.of("/api/v1/messages/batch");
  }

  static BodyHandler batchBody() {
    return BodyHandler.create(false).setBodyLimit(BATCH_BODY_LIMIT).setHandleFileUploads(false);
  }

  /** {@code /messages}, {@code /messages/batch}, {@code /batches}, {@code /templates}, {@code /wa/devices}. */
  public void mount(Router api) {
    new MessageRoutes(this).mount(api);
    new BatchRoutes(this).mount(api);
    new TemplateRoutes(templates).mount(api);
    new DeviceRoutes(devices).mount(api);
    new AnalyticsRoutes(pool).mount(api);
  }

  public DispatchVerticle verticle(String owner) {
    return new DispatchVerticle(this, owner);
  }

  public Reconciler reconciler() {
    return new Reconciler(messages, queue, unknown, journal, devices, settings.lease().toMillis(), settings.unknownWindow().toMillis());
  }

  /** What this node's device workers share. */
  SendPath sendPath() {
    return new SendPath(settings, queue, messages, devices, events, metrics, unknown, journal, optOuts,
        new OutcomePolicy(settings.maxAttempts()), clock);
  }

  DispatchSettings settings() {
    return settings;
  }

  MessageRepository messages() {
    return messages;
  }

  BatchRepository batches() {
    return batches;
  }

  DispatchQueue queue() {
    return queue;
  }

  StatusEvents events() {
    return events;
  }

  Enqueuer enqueuer() {
    return enqueuer;
  }

  Devices devices() {
    return devices;
  }

  DispatchMetrics metrics() {
    return metrics;
  }

  UnknownSends unknown() {
    return unknown;
  }


  OptOuts optOuts() {
    return optOuts;
  }

  Receipts receipts() {
    return receipts;
  }

  /** Devices that have a webhook secret of their own (device → secret). */
  public java.util.Map<String, String> deviceWebhookSecrets() {
    java.util.Map<String, String> secrets = new java.util.HashMap<>();
    settings.activeDevices().stream().filter(d -> d.webhookSecret() != null).forEach(d -> secrets.put(d.device(), d.webhookSecret()));
    return secrets;
  }

  /** The configured devices' numbers (or the sandbox), which webhook callbacks must name. */
  public Set<String> deviceNames() {
    return deviceNames;
  }
}
