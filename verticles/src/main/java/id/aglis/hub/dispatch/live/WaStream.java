package id.aglis.hub.dispatch.live;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.DevicePauseChanged;
import id.aglis.hub.bus.IncomingMessageReceived;
import id.aglis.hub.bus.MessageStatusChanged;
import id.aglis.hub.common.Times;
import id.aglis.hub.dispatch.Devices;
import id.aglis.hub.dispatch.MessageRepository;
import id.aglis.hub.dispatch.Priority;
import id.aglis.hub.dispatch.WaMessage;
import id.aglis.hub.dispatch.queue.DispatchQueue;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ui.wa}: WhatsApp dispatch as the console shows it. A frame says what this node's dispatcher did since
 * the last one, never each event: how many messages reached each status ({@code counts}, which also make the
 * day's totals), the latest {@link #FEED_PER_FRAME} changes ({@code feed}, with how many more were
 * {@code skipped}), which batches moved ({@code batches}; pages refetch the ones they show), whether a device
 * was paused or resumed ({@code devices}), and the queue depth by priority at the time of the frame ({@code queue}, and
 * {@code queueByDevice} as in the snapshot).
 *
 * <p>It also carries what people wrote to the ISP's numbers since the last frame ({@code inbox}: entries as
 * {@code GET /wa/inbox} gives them, with {@code "kind":"inbox"}, at most {@link #INBOX_PER_FRAME}, and how many more
 * were {@code inboxSkipped}). They travel beside the feed, not in it: the feed keeps only the latest status changes, and
 * under a send burst those would push every incoming message out of a frame, which the inbox page must not miss.
 */
public final class WaStream implements LiveStream {

  static final int FEED_PER_FRAME = 20;
  static final int INBOX_PER_FRAME = 20;
  private static final int RECENT_IN_SNAPSHOT = 30;

  private final DispatchQueue queue;
  private final Devices devices;
  private final MessageRepository messages;

  public WaStream(DispatchQueue queue, Devices devices, MessageRepository messages) {
    this.queue = queue;
    this.devices = devices;
    this.messages = messages;
  }

  @Override
  public BridgeAddress address() {
    return BridgeAddress.forStaff(Addresses.UI_WA, Set.of(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC));
  }

  /**
   * {@code {"queue":{"urgent",…},"queueByDevice":{"shared":{"urgent",…},"<device>":{…}},"devices":[…as GET /wa/devices],
   * "recent":[…messages as GET /messages, newest first]}}. {@code queue} is the total; {@code queueByDevice} splits it into
   * the shared queue (any device may send those) and each device's pinned messages.
   */
  @Override
  public Future<JsonObject> snapshot() {
    Future<JsonObject> depth = queueDepth();
    Future<JsonArray> list = devices.list();
    Future<List<WaMessage>> recent = messages.page(Long.MAX_VALUE, MessageRepository.Filter.NONE, RECENT_IN_SNAPSHOT);
    return Future.all(depth, list, recent).map(all -> {
      JsonArray latest = new JsonArray();
      recent.result().forEach(m -> latest.add(m.toJson()));
      return depth.result().put("devices", list.result()).put("recent", latest);
    });
  }

  /** {@code {"queue":{…},"queueByDevice":{…}}}, as the snapshot and every frame carry them. */
  private Future<JsonObject> queueDepth() {
    List<String> names = devices.configured().stream().map(d -> d.device()).toList();
    return queue.depthByQueue(names).map(byQueue -> {
      long[] total = new long[Priority.values().length];
      JsonObject byDevice = new JsonObject();
      byQueue.forEach((name, levels) -> {
        byDevice.put(name.isEmpty() ? "shared" : name, byPriority(levels));
        for (int level = 0; level < levels.length; level++) {
          total[level] += levels[level];
        }
      });
      return new JsonObject().put("queue", byPriority(total)).put("queueByDevice", byDevice);
    });
  }

  private static JsonObject byPriority(long[] levels) {
    JsonObject depth = new JsonObject();
    for (Priority p : Priority.values()) {
      depth.put(p.wire(), levels[p.level()]);
    }
    return depth;
  }

  @Override
  public Projection project(Vertx vertx) {
    return new Changes(vertx);
  }

  /** What this node's dispatcher did since the last frame. */
  private final class Changes implements Projection {
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private final ArrayDeque<JsonObject> feed = new ArrayDeque<>();
    private final Set<String> batches = new LinkedHashSet<>();
    private final ArrayDeque<JsonObject> inbox = new ArrayDeque<>();
    private long skipped;
    private long inboxSkipped;
    private boolean devicesChanged;

    Changes(Vertx vertx) {
      consumers.add(vertx.eventBus().<JsonObject>localConsumer(Addresses.DISPATCH_MESSAGE_STATUS, m -> changed(MessageStatusChanged.fromJson(m.body()))));
      consumers.add(vertx.eventBus().<JsonObject>localConsumer(Addresses.DISPATCH_DEVICE_CHANGED, m -> {
        devicesChanged = true;
        DevicePauseChanged change = DevicePauseChanged.fromJson(m.body());
        keep(new JsonObject().put("kind", "device").put("device", change.device()).put("paused", change.paused())
            .put("reason", change.reason()).put("at", Times.iso(change.at())));
      }));
      // Published by the node whose webhook stored the entry: each entry is in one node's frame.
      consumers.add(vertx.eventBus().<JsonObject>localConsumer(Addresses.WEBHOOK_MESSAGE_RECEIVED, m -> received(m.body())));
    }

    private void received(JsonObject entry) {
      IncomingMessageReceived known = IncomingMessageReceived.fromJson(entry);
      inbox.addLast(known.toJson().put("kind", "inbox").put("at", Times.iso(known.receivedAt())));
      if (inbox.size() > INBOX_PER_FRAME) {
        inbox.removeFirst();
        inboxSkipped++;
      }
    }

    private void changed(MessageStatusChanged change) {
      counts.merge(change.status(), 1L, Long::sum);
      if (change.batchId() != null) {
        batches.add(change.batchId().toString());
      }
      keep(new JsonObject().put("kind", "message").put("id", change.id().toString()).put("status", change.status())
          .put("to", change.to()).put("priority", change.priority()).put("device", change.device())
          .put("batchId", change.batchId() == null ? null : change.batchId().toString()).put("attempts", change.attempts())
          .put("lastError", change.lastError()).put("at", Times.iso(change.at())));
    }

    private void keep(JsonObject item) {
      feed.addLast(item);
      if (feed.size() > FEED_PER_FRAME) {
        feed.removeFirst();
        skipped++;
      }
    }

    @Override
    public Future<JsonObject> drain() {
      if (feed.isEmpty() && inbox.isEmpty()) {
        return Future.succeededFuture();
      }
      JsonObject byStatus = new JsonObject();
      counts.forEach(byStatus::put);
      JsonObject frame = new JsonObject().put("counts", byStatus)
          .put("feed", new JsonArray(new ArrayList<>(feed))).put("skipped", skipped)
          .put("batches", new JsonArray(new ArrayList<>(batches))).put("devices", devicesChanged)
          .put("inbox", new JsonArray(new ArrayList<>(inbox))).put("inboxSkipped", inboxSkipped);
      counts.clear();
      feed.clear();
      inbox.clear();
      inboxSkipped = 0;
      batches.clear();
      skipped = 0;
      devicesChanged = false;
      return queueDepth().map(frame::mergeIn).recover(down -> Future.succeededFuture(frame));
    }

    @Override
    public void close() {
      consumers.forEach(MessageConsumer::unregister);
    }
  }
}
