package id.aglis.hub.live;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.SessionEnded;
import id.aglis.hub.platform.live.LiveStream;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of every live stream: starts each stream's projection on this verticle's context, and
 * every {@link LiveStream#FRAME_INTERVAL_MS} drains what changed, has the {@link StreamLog} number it, and
 * publishes the numbered frame on the clustered bus ({@code live.frames}): each node receives it once and hands
 * it to its own sockets registered on that stream. One frame per stream in flight at a time: this node's frames leave in the order they were numbered.
 * It also keeps the bridge's sockets honest: sign-outs from any node, and a periodic look at every session.
 */
final class LiveVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LiveVerticle.class);

  private final List<LiveStream> streams;
  private final StreamLog log;
  private final LiveBridge bridge;
  private final long sessionCheckMs;
  private final List<Running> running = new ArrayList<>();
  private long timer = -1;
  private long sessionTimer = -1;

  LiveVerticle(List<LiveStream> streams, StreamLog log, LiveBridge bridge, long sessionCheckMs) {
    this.streams = streams;
    this.log = log;
    this.bridge = bridge;
    this.sessionCheckMs = sessionCheckMs;
  }

  private final class Running {
    final LiveStream stream;
    final LiveStream.Projection projection;
    boolean inFlight;
    long failures;

    Running(LiveStream stream) {
      this.stream = stream;
      this.projection = stream.project(vertx);
    }

    void tick() {
      if (inFlight) {
        return;
      }
      inFlight = true;
      projection.drain()
          .compose(data -> data == null ? Future.succeededFuture() : publish(data))
          .onComplete(done -> {
            inFlight = false;
            if (done.failed() && failures++ % 120 == 0) {
              // A frame is lost to the pages only as a gap they see and fill from a snapshot; say so, not every tick.
              LOG.warn("Live stream " + stream.address().address() + ": a frame could not be published ("
                  + done.cause().getMessage() + "); pages will refetch");
            }
          });
    }

    private Future<Void> publish(JsonObject data) {
      return log.append(stream.address().address(), stream.history(), data, counts(data)).map(frame -> {
        vertx.eventBus().publish(Addresses.LIVE_FRAMES, frame.toJson());
        return null;
      });
    }
  }

  /** The frame's {@code counts}, for the day's totals. */
  private static Map<String, Long> counts(JsonObject data) {
    JsonObject counts = data.getJsonObject("counts");
    Map<String, Long> amounts = new LinkedHashMap<>();
    if (counts != null) {
      counts.forEach(entry -> {
        // The names go into the day's totals as JSON keys, written by the Lua script without escaping.
        if (entry.getValue() instanceof Number n && n.longValue() > 0 && entry.getKey().matches("[A-Za-z0-9_.-]{1,64}")) {
          amounts.put(entry.getKey(), n.longValue());
        }
      });
    }
    return amounts;
  }

  @Override
  public Future<?> start() {
    streams.forEach(stream -> running.add(new Running(stream)));
    timer = vertx.setPeriodic(LiveStream.FRAME_INTERVAL_MS, id -> running.forEach(Running::tick));
    sessionTimer = vertx.setPeriodic(sessionCheckMs, id -> bridge.recheckSessions());
    // Every node's frames, for this node's sockets; a sign-out on any node closes this node's sockets of that session.
    return Future.all(
        vertx.eventBus().<JsonObject>consumer(Addresses.LIVE_FRAMES, m -> bridge.deliver(m.body().getString("stream"), m.body())).completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_SESSION_ENDED, m -> bridge.sessionEnded(SessionEnded.fromJson(m.body())))
            .completion());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(sessionTimer);
    running.forEach(r -> r.projection.close());
    return Future.succeededFuture();
  }
}
