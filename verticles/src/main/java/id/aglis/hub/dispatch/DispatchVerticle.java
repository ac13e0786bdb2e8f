package id.aglis.hub.dispatch;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.BusErrors;
import id.aglis.hub.bus.DeliveryReceiptReply;
import id.aglis.hub.bus.DeliveryReceiptRequest;
import id.aglis.hub.bus.DeviceConnectionReply;
import id.aglis.hub.bus.DeviceConnectionRequest;
import id.aglis.hub.bus.EnqueueMessageReply;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.bus.RecipientOptOutReply;
import id.aglis.hub.bus.RecipientOptOutRequest;
import id.aglis.hub.bus.RecipientOptOutStateRequest;
import id.aglis.hub.common.Phones;
import id.aglis.hub.dispatch.fonnte.FonnteClient;
import id.aglis.hub.dispatch.send.DeviceWorker;
import id.aglis.hub.dispatch.send.SendPath;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher on one node: a {@link DeviceWorker} per device, the {@code dispatch.message.enqueue}
 * consumer, and the housekeeping every node shares (promoting due messages, taking back expired leases,
 * settling ambiguous sends). Stopping it lets the sends in flight finish and record their outcome.
 */
public final class DispatchVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchVerticle.class);
  private static final long TICK_MS = 250;
  private static final long SETTLE_MS = 1_000;
  private static final long METRICS_MS = 5_000;

  private final String owner;
  private final SendPath path;
  private final Enqueuer enqueuer;
  private final Receipts receipts;
  private final Set<String> deviceNames;
  private final List<DeviceWorker> workers = new ArrayList<>();
  private FonnteClient client;
  private boolean ticking;

  /**
   * @param path        what this node's device workers share; its queue, unknown sends and meters are also what
   *                    the housekeeping tends, its devices and opt-outs what the bus requests change
   * @param deviceNames the devices an enqueued message may be pinned to
   */
  DispatchVerticle(String owner, SendPath path, Enqueuer enqueuer, Receipts receipts, Set<String> deviceNames) {
    this.owner = owner;
    this.path = path;
    this.enqueuer = enqueuer;
    this.receipts = receipts;
    this.deviceNames = deviceNames;
  }

  @Override
  public Future<?> start() {
    DispatchSettings settings = path.settings();
    client = new FonnteClient(vertx, settings.fonnteBaseUrl(), Duration.ofSeconds(15));
    for (DeviceConfig device : settings.activeDevices()) {
      workers.add(new DeviceWorker(vertx, device, client, path, owner));
    }
    vertx.setPeriodic(TICK_MS, t -> tick());
    vertx.setPeriodic(SETTLE_MS, t -> path.unknown().settleDue().onFailure(e -> LOG.warn("Settling unknown sends failed: {}", e.getMessage())));
    vertx.setPeriodic(METRICS_MS, t -> refreshGauges());
    // A device paused or resumed on this node shows on its gauges at once: the 'device down' alert reads them.
    vertx.eventBus().localConsumer(Addresses.DISPATCH_DEVICE_CHANGED, m -> refreshGauges());
    var nudges = vertx.eventBus().consumer(Addresses.DISPATCH_QUEUE_NUDGE, m -> workers.forEach(DeviceWorker::nudge));
    var enqueue = vertx.eventBus().<JsonObject>consumer(Addresses.DISPATCH_MESSAGE_ENQUEUE, this::enqueue);
    var receipted = vertx.eventBus().<JsonObject>consumer(Addresses.DISPATCH_MESSAGE_RECEIPT, this::receipt);
    var connections = vertx.eventBus().<JsonObject>consumer(Addresses.DISPATCH_DEVICE_CONNECTION, this::connection);
    var optOuts = vertx.eventBus().<JsonObject>consumer(Addresses.DISPATCH_RECIPIENT_OPT_OUT, this::optOut);
    var optOutStates = vertx.eventBus().<JsonObject>consumer(Addresses.DISPATCH_RECIPIENT_OPT_OUT_STATE, this::optOutState);
    return Future.all(List.of(nudges.completion(), enqueue.completion(), receipted.completion(), connections.completion(),
            optOuts.completion(), optOutStates.completion()))
        .onSuccess(v -> workers.forEach(DeviceWorker::start));
  }

  private void receipt(Message<JsonObject> request) {
    receipts.apply(Receipts.Receipt.from(DeliveryReceiptRequest.fromJson(request.body())))
        .onSuccess(known -> request.reply(known
            .map(applied -> DeliveryReceiptReply.applied(applied.messageId(), applied.status().wire()))
            .orElse(DeliveryReceiptReply.notApplied()).toJson()))
        .onFailure(e -> request.fail(BusErrors.UNAVAILABLE.code, e.getMessage()));
  }

  private void optOut(Message<JsonObject> request) {
    RecipientOptOutRequest asked = RecipientOptOutRequest.fromJson(request.body());
    String phone = Phones.normalise(asked.phone()).orElse(null);
    if (phone == null) {
      request.fail(BusErrors.BAD_REQUEST.code, "'phone' is not a valid phone number.");
      return;
    }
    path.optOuts().set(phone, asked.optedOut(), asked.via())
        .onSuccess(v -> request.reply(new RecipientOptOutReply(phone, asked.optedOut()).toJson()))
        .onFailure(e -> request.fail(BusErrors.UNAVAILABLE.code, e.getMessage()));
  }

  private void optOutState(Message<JsonObject> request) {
    String given = request.body() == null ? null : RecipientOptOutStateRequest.fromJson(request.body()).phone();
    String phone = given == null ? null : Phones.normalise(given).orElse(null);
    if (phone == null) {
      request.fail(BusErrors.BAD_REQUEST.code, "'phone' is not a valid phone number.");
      return;
    }
    path.optOuts().isOptedOut(phone)
        .onSuccess(optedOut -> request.reply(new RecipientOptOutReply(phone, optedOut).toJson()))
        .onFailure(e -> request.fail(BusErrors.UNAVAILABLE.code, e.getMessage()));
  }

  /** A device's WhatsApp session came or went: a disconnect pauses it, a connect resumes it. */
  private void connection(Message<JsonObject> request) {
    DeviceConnectionRequest connection = DeviceConnectionRequest.fromJson(request.body());
    String device = connection.device();
    String reason = connection.reason();
    Future<Void> change = connection.connected() ? path.devices().resume(device)
        : path.devices().pause(device, "disconnected" + (reason == null || reason.isBlank() ? "" : ": " + reason));
    change.onSuccess(v -> request.reply(new DeviceConnectionReply(device, !connection.connected()).toJson()))
        .onFailure(e -> request.fail(BusErrors.UNAVAILABLE.code, e.getMessage()));
  }

  /**
   * The body is read as the API reads a request, not through {@link EnqueueMessageRequest#fromJson}: it is a
   * client's input, so a wrong field is refused by name and an unknown one is not silently dropped.
   */
  private void enqueue(Message<JsonObject> request) {
    try {
      JsonObject body = request.body() == null ? new JsonObject() : request.body().copy();
      Object requestedBy = body.remove(EnqueueMessageRequest.REQUESTED_BY);
      EnqueueRequest parsed = EnqueueRequest.parse(body, deviceNames);
      enqueuer.enqueue(parsed, requestedBy == null ? "bus" : requestedBy.toString())
          .onSuccess(r -> request.reply(new EnqueueMessageReply(r.message().id(), r.message().status().wire(), r.created()).toJson()))
          .onFailure(e -> fail(request, e));
    } catch (RuntimeException e) {
      fail(request, e);
    }
  }

  private static void fail(Message<JsonObject> request, Throwable e) {
    if (e instanceof ApiError api && api.status() < 500) {
      request.fail(BusErrors.BAD_REQUEST.code, api.getMessage());
    } else if (e instanceof ClassCastException) {
      request.fail(BusErrors.BAD_REQUEST.code, "The body must be a JSON object.");
    } else {
      LOG.error("Enqueue over the event bus failed", e);
      request.fail(BusErrors.INTERNAL.code, "The message could not be stored; try again.");
    }
  }

  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    path.queue().tick(System.currentTimeMillis(), 500)
        .onSuccess(expired -> {
          if (!expired.isEmpty()) {
            LOG.warn("{} claim(s) expired (their node stopped mid-send); they are back in the queue", expired.size());
          }
          workers.forEach(DeviceWorker::nudge);
        })
        .onComplete(done -> ticking = false);
  }

  private void refreshGauges() {
    List<String> names = new ArrayList<>(deviceNames);
    path.queue().depth(names).onSuccess(path.metrics()::depth);
    path.queue().oldestMadeAt(names).onSuccess(made -> path.metrics().oldestWaiting(made < 0 ? 0 : Math.max(0, System.currentTimeMillis() - made) / 1000.0));
    List<Future<String>> paused = names.stream().map(path.queue()::pausedReason).toList();
    Future.all(paused).onSuccess(all -> {
      path.metrics().pausedDevices(paused.stream().filter(f -> f.result() != null).count());
      for (int i = 0; i < names.size(); i++) {
        path.metrics().deviceAvailable(names.get(i), paused.get(i).result() == null);
      }
    });
  }

  @Override
  public Future<?> stop() {
    return Future.join(workers.stream().map(DeviceWorker::stop).toList())
        .eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }
}
