package id.aglis.hub.live;

import id.aglis.hub.bus.LiveFrame;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/live/snapshot?streams=ui.wa,ui.ops}: each stream's current state, numbered like a frame
 * (apply the frames with a higher {@code seq} of the same {@code epoch} on top).
 * {@code GET /api/v1/live/since?stream=ui.wa&epoch=…&seq=…}: the frames a page missed, or {@code reset} when
 * the shared history no longer reaches back (then it refetches the snapshot).
 */
final class LiveRoutes {

  /** More missed frames than this, and a snapshot is the cheaper catch-up. */
  static final int SINCE_LIMIT = 500;

  private final Map<String, LiveStream> streams;
  private final LiveAccess access;
  private final StreamLog log;
  private final Clock clock;

  LiveRoutes(Map<String, LiveStream> streams, LiveAccess access, StreamLog log, Clock clock) {
    this.streams = streams;
    this.access = access;
    this.log = log;
    this.clock = clock;
  }

  void mount(Router api) {
    api.get("/live/snapshot").handler(Access.signedIn()).handler(this::snapshot);
    api.get("/live/since").handler(Access.signedIn()).handler(this::since);
  }

  private void snapshot(RoutingContext ctx) {
    String wanted = ctx.request().getParam("streams");
    if (wanted == null || wanted.isBlank()) {
      throw ApiError.invalidField("streams", "Name the streams, comma-separated, e.g. streams=ui.wa,ui.ops.");
    }
    Set<String> names = new LinkedHashSet<>(Arrays.stream(wanted.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    List<LiveStream> chosen = new ArrayList<>();
    for (String name : names) {
      chosen.add(readable(ctx, name, "streams"));
    }
    List<Future<LiveFrame>> snapshots = chosen.stream().map(this::snapshotOf).toList();
    Future.all(snapshots).onSuccess(all -> {
      JsonObject body = new JsonObject();
      snapshots.forEach(s -> body.put(s.result().stream(), s.result().toJson()));
      Responses.ok(ctx, new JsonObject().put("streams", body));
    }).onFailure(ctx::fail);
  }

  /** The head is read before the state, so any change the state misses comes in a frame numbered after it. */
  private Future<LiveFrame> snapshotOf(LiveStream stream) {
    String name = stream.address().address();
    return log.head(name).compose(head -> stream.snapshot().map(state ->
        new LiveFrame(name, head.epoch(), head.seq(), OffsetDateTime.now(clock), state, head.totals())));
  }

  private void since(RoutingContext ctx) {
    String name = ctx.request().getParam("stream");
    LiveStream stream = readable(ctx, name, "stream");
    String epoch = ctx.request().getParam("epoch");
    if (epoch == null || !epoch.matches("[0-9a-f]{1,32}")) {
      throw ApiError.invalidField("epoch", "Give the epoch of the last frame you applied, as the snapshot or a frame named it.");
    }
    long seq = sequence(ctx.request().getParam("seq"));
    log.since(stream.address().address(), epoch, seq, SINCE_LIMIT).onSuccess(missed -> {
      JsonArray frames = new JsonArray();
      missed.frames().forEach(f -> frames.add(f.toJson()));
      Responses.ok(ctx, new JsonObject().put("stream", name).put("epoch", missed.epoch()).put("seq", missed.seq())
          .put("reset", missed.reset()).put("frames", frames));
    }).onFailure(ctx::fail);
  }

  private LiveStream readable(RoutingContext ctx, String name, String field) {
    if (name == null || name.isBlank()) {
      throw ApiError.invalidField(field, "Name a stream, e.g. ui.wa.");
    }
    LiveStream stream = streams.get(name);
    if (stream == null) {
      throw ApiError.invalidField(field, "No live stream is called '" + abbreviate(name) + "'; there are " + String.join(", ", streams.keySet()) + ".");
    }
    Principal who = Access.principal(ctx);
    if (!access.mayReceive(who, name)) {
      throw ApiError.forbidden("Your role may not see " + name + ".");
    }
    return stream;
  }

  private static long sequence(String text) {
    try {
      long seq = text == null ? -1 : Long.parseLong(text);
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiError.invalidField("seq", "Give the sequence number of the last frame you applied (a whole number, 0 or more).");
  }

  private static String abbreviate(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "…" : name;
  }
}
