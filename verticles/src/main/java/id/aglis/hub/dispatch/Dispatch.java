package id.aglis.hub.dispatch;

import id.aglis.hub.dispatch.api.AnalyticsRoutes;
import id.aglis.hub.dispatch.api.BatchRoutes;
import id.aglis.hub.dispatch.api.DeviceRoutes;
import id.aglis.hub.dispatch.api.MessageRoutes;
import id.aglis.hub.dispatch.api.TemplateRoutes;
import id.aglis.hub.dispatch.live.WaStream;
import id.aglis.hub.dispatch.queue.DispatchQueue;
import id.aglis.hub.dispatch.send.OutcomeJournal;
import id.aglis.hub.dispatch.send.OutcomePolicy;
import id.aglis.hub.dispatch.send.SendPath;
import id.aglis.hub.dispatch.send.UnknownSends;
import id.aglis.hub.platform.live.LiveStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WhatsApp dispatch, wired: the repositories, the Redis queue, the enqueuer, device state and metrics, each
 * handed to what uses it. The node deploys {@link #verticle} on every node and {@link #reconciler} as a cluster
 * singleton; the HTTP edge mounts {@link #mount}.
 */
public final class Dispatch {

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
    this.receipts = new Receipts(pool, events, metrics);
    this.deviceNames = settings.activeDevices().stream().map(DeviceConfig::device).collect(Collectors.toUnmodifiableSet());
    metrics.prepare(deviceNames);
  }

  /**
   * Paths that read their own, larger bodies (after checking who is calling, so nobody anonymous can make
   * a node buffer megabytes); the edge's default body handler leaves them alone.
   */
  public Set<String> largeBodyPaths() {
    return Set.of("/api/v1/messages/batch");
  }

  /** {@code /messages}, {@code /messages/batch}, {@code /batches}, {@code /templates}, {@code /wa/devices}, {@code /analytics}. */
  public void mount(Router api) {
    new MessageRoutes(enqueuer, new Messages(messages, queue, unknown, enqueuer, events), messages, deviceNames).mount(api);
    new BatchRoutes(new Batches(batches, enqueuer, deviceNames), batches).mount(api);
    new TemplateRoutes(templates).mount(api);
    new DeviceRoutes(devices).mount(api);
    new AnalyticsRoutes(pool).mount(api);
  }

  public DispatchVerticle verticle(String owner) {
    return new DispatchVerticle(owner, sendPath(), enqueuer, receipts, deviceNames);
  }

  public Reconciler reconciler() {
    return new Reconciler(messages, queue, unknown, journal, devices, settings.lease().toMillis(), settings.unknownWindow().toMillis());
  }

  /** What this node's device workers share. */
  private SendPath sendPath() {
    return new SendPath(settings, queue, messages, devices, events, metrics, unknown, journal, optOuts,
        new OutcomePolicy(settings.maxAttempts()), clock);
  }

  /** The {@code ui.wa} live stream: what the console shows of dispatch, as it happens. */
  public LiveStream liveStream() {
    return new WaStream(queue, devices, messages);
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
