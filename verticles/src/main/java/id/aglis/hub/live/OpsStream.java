package id.aglis.hub.live;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.NodeStarted;
import id.aglis.hub.common.Times;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code ui.ops}: the cluster's nodes. Each node reports itself: when it starts, when it begins to stop, and a
 * heartbeat every {@link #HEARTBEAT_MS}, also kept in Redis for snapshots. A node that stops reporting (killed,
 * cut off) shows as {@code silent} once its heartbeat is older than {@link #SILENT_AFTER_MS}.
 */
final class OpsStream implements LiveStream {

  static final long HEARTBEAT_MS = 10_000;
  static final long SILENT_AFTER_MS = 35_000;
  /** A node silent for a day is forgotten. */
  private static final long FORGET_AFTER_MS = 24 * 3600_000L;

  private final String nodeId;
  private final RedisAPI redis;
  private final Clock clock;

  OpsStream(String nodeId, RedisAPI redis, Clock clock) {
    this.nodeId = nodeId;
    this.redis = redis;
    this.clock = clock;
  }

  @Override
  public BridgeAddress address() {
    return BridgeAddress.forStaff(Addresses.UI_OPS, Set.of(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC));
  }

  @Override
  public int history() {
    return 500;
  }

  /** {@code {"nodes":[{"nodeId","state","clustered","startedAt","seenAt"}]}}, {@code state} up, starting, stopping or silent. */
  @Override
  public Future<JsonObject> snapshot() {
    return redis.hgetall(RedisKeys.liveNodes()).map(this::nodes);
  }

  private JsonObject nodes(Response all) {
    long now = clock.millis();
    List<JsonObject> nodes = new ArrayList<>();
    for (String id : all.getKeys()) {
      JsonObject node = new JsonObject(all.get(id).toString());
      long seen = Instant.parse(node.getString("seenAt")).toEpochMilli();
      if (now - seen > FORGET_AFTER_MS) {
        continue;
      }
      if (now - seen > SILENT_AFTER_MS && !"stopping".equals(node.getString("state"))) {
        node.put("state", "silent");
      }
      nodes.add(node);
    }
    nodes.sort(Comparator.comparing(n -> n.getString("nodeId")));
    return new JsonObject().put("nodes", new JsonArray(new ArrayList<>(nodes)));
  }

  @Override
  public Projection project(Vertx vertx) {
    return new NodeProjection(vertx);
  }

  /** This node, as it reports itself. */
  private final class NodeProjection implements Projection {
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private final boolean clustered;
    private String state = "starting";
    private String startedAt;
    private boolean changed = true;
    private long lastReport;

    NodeProjection(Vertx vertx) {
      this.clustered = vertx.isClustered();
      consumers.add(vertx.eventBus().<JsonObject>localConsumer(Addresses.SYSTEM_NODE_STARTED, m -> {
        NodeStarted started = NodeStarted.fromJson(m.body());
        if (nodeId.equals(started.nodeId())) {
          state = "up";
          startedAt = Times.iso(started.startedAt());
          changed = true;
        }
      }));
      consumers.add(vertx.eventBus().<JsonObject>localConsumer(Addresses.SYSTEM_NODE_STOPPING, m -> {
        if (nodeId.equals(m.body().getString("nodeId"))) {
          state = "stopping";
          changed = true;
        }
      }));
    }

    @Override
    public Future<JsonObject> drain() {
      long now = clock.millis();
      if (!changed && now - lastReport < HEARTBEAT_MS) {
        return Future.succeededFuture();
      }
      changed = false;
      lastReport = now;
      JsonObject node = new JsonObject().put("nodeId", nodeId).put("state", state).put("clustered", clustered)
          .put("startedAt", startedAt).put("seenAt", Times.iso(Instant.ofEpochMilli(now)));
      return redis.hset(List.of(RedisKeys.liveNodes(), nodeId, node.encode())).map(new JsonObject().put("node", node));
    }

    @Override
    public void close() {
      consumers.forEach(MessageConsumer::unregister);
    }
  }
}
