package id.aglis.hub.live;

import id.aglis.hub.bus.LiveFrame;
import id.aglis.hub.common.Times;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The numbering and history of every live stream, in Redis and so shared by all nodes: each frame gets the
 * next sequence number of its stream's epoch and is kept (the last {@code history} frames) for pages that
 * reconnect. A new epoch means the history is gone (first use, or Redis lost its data): pages refetch.
 */
final class StreamLog {

  /** Totals outlive their business day by a day, for pages open across midnight. */
  private static final long TOTALS_TTL_SECONDS = 2 * 24 * 3600;
  private static final RedisScript SCRIPT = RedisScript.load("live_stream.lua");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisAPI redis;
  private final Clock clock;

  StreamLog(RedisAPI redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** Where a stream stands: its epoch, last sequence number and the day's totals. */
  record Head(String epoch, long seq, JsonObject totals) {
  }

  /** What a page missed: the frames after its sequence number, or {@code reset} when they are gone. */
  record Missed(String epoch, long seq, boolean reset, List<LiveFrame> frames) {
  }

  /** Numbers and keeps one frame; {@code counts} (name → non-negative amount) are added to the day's totals. */
  Future<LiveFrame> append(String stream, int history, JsonObject data, Map<String, Long> counts) {
    Instant now = clock.instant();
    List<String> args = new ArrayList<>(List.of(freshEpoch(), "append", data.encode(), String.valueOf(history),
        String.valueOf(now.toEpochMilli()), String.valueOf(TOTALS_TTL_SECONDS)));
    counts.forEach((name, amount) -> {
      args.add(name);
      args.add(String.valueOf(amount));
    });
    return SCRIPT.run(redis, keys(stream), args).map(r -> new LiveFrame(stream, r.get(0).toString(), r.get(1).toLong(),
        now.atOffset(ZoneOffset.UTC), data, new JsonObject(r.get(2).toString())));
  }

  Future<Head> head(String stream) {
    return SCRIPT.run(redis, keys(stream), List.of(freshEpoch(), "head"))
        .map(r -> new Head(r.get(0).toString(), r.get(1).toLong(), new JsonObject(r.get(2).toString())));
  }

  /**
   * The frames after {@code seq} of {@code epoch}, at most {@code limit}; a reset when the epoch changed, when the
   * history no longer reaches back to {@code seq + 1}, or when more than {@code limit} were missed (a snapshot is
   * cheaper then).
   */
  Future<Missed> since(String stream, String epoch, long seq, int limit) {
    return head(stream).compose(head -> {
      if (!head.epoch().equals(epoch) || seq > head.seq()) {
        return Future.succeededFuture(new Missed(head.epoch(), head.seq(), true, List.of()));
      }
      if (seq == head.seq()) {
        return Future.succeededFuture(new Missed(head.epoch(), head.seq(), false, List.of()));
      }
      if (head.seq() - seq > limit) {
        return Future.succeededFuture(new Missed(head.epoch(), head.seq(), true, List.of()));
      }
      return redis.xrange(List.of(keys(stream).get(0), (seq + 1) + "-0", head.seq() + "-0")).map(entries -> {
        List<LiveFrame> frames = new ArrayList<>(entries.size());
        for (Response entry : entries) {
          frames.add(frame(stream, head.epoch(), entry));
        }
        boolean reachesBack = !frames.isEmpty() && frames.get(0).seq() == seq + 1;
        return reachesBack ? new Missed(head.epoch(), head.seq(), false, frames) : new Missed(head.epoch(), head.seq(), true, List.of());
      });
    });
  }

  /** The last {@code count} frames of the current epoch, oldest first. */
  Future<List<LiveFrame>> recent(String stream, int count) {
    return head(stream).compose(head -> redis.xrevrange(List.of(keys(stream).get(0), "+", "-", "COUNT", String.valueOf(count)))
        .map(entries -> {
          List<LiveFrame> frames = new ArrayList<>(entries.size());
          for (int i = entries.size() - 1; i >= 0; i--) {
            frames.add(frame(stream, head.epoch(), entries.get(i)));
          }
          return frames;
        }));
  }

  private static LiveFrame frame(String stream, String epoch, Response entry) {
    String id = entry.get(0).toString();
    Response fields = entry.get(1);
    String data = null;
    String totals = "{}";
    long at = 0;
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      switch (fields.get(i).toString()) {
        case "d" -> data = fields.get(i + 1).toString();
        case "t" -> totals = fields.get(i + 1).toString();
        case "at" -> at = fields.get(i + 1).toLong();
        default -> { }
      }
    }
    return new LiveFrame(stream, epoch, Long.parseLong(id.substring(0, id.indexOf('-'))),
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC), data == null ? new JsonObject() : new JsonObject(data),
        new JsonObject(totals));
  }

  private List<String> keys(String stream) {
    return RedisKeys.liveStream(stream, LocalDate.now(clock.withZone(Times.BUSINESS_ZONE)));
  }

  private static String freshEpoch() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
