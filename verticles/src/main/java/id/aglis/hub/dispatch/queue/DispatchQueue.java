package id.aglis.hub.dispatch.queue;

import id.aglis.hub.dispatch.DeviceConfig;
import id.aglis.hub.dispatch.Priority;
import id.aglis.hub.platform.Batcher;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster-wide work queue of the dispatcher, in Redis. Every operation is one Lua script, so it is
 * atomic whatever the number of nodes: priorities and FIFO order, the per-device and global rate limits,
 * leases, and delayed (scheduled or backed-off) messages. PostgreSQL stays the record; this queue can be
 * rebuilt from it ({@code Reconciler}).
 */
public final class DispatchQueue {

  private static final RedisScript ENQUEUE = RedisScript.load("wa_enqueue.lua");
  private static final RedisScript CLAIM = RedisScript.load("wa_claim.lua");
  private static final RedisScript RELEASE = RedisScript.load("wa_release.lua");
  private static final RedisScript TICK = RedisScript.load("wa_tick.lua");
  private static final RedisScript FORGET = RedisScript.load("wa_forget.lua");
  private static final RedisScript GAP_HOLD = RedisScript.load("wa_gap_hold.lua");
  /** Windows are widened by this much, so network jitter cannot let the gateway see one send too many. */
  static final long WINDOW_MARGIN_MS = 500;
  static final long GAP_MARGIN_MS = 250;

  private final RedisAPI redis;
  private final Batcher<Enqueue, Void> enqueues;
  private final Batcher<Release, Boolean> releases;

  public DispatchQueue(RedisAPI redis) {
    this.redis = redis;
    this.enqueues = new Batcher<>(this::enqueueAll);
    this.releases = new Batcher<>(this::releaseAll);
  }

  private record Enqueue(UUID id, Priority priority, long seq, String pinnedDevice, long dueMs) {
  }

  private record Release(UUID id, String mode, long dueMs, long nowMs, String claim) {
  }

  /** What a claim came to. */
  public sealed interface Claim permits Claimed, Idle, Wait, Paused {
  }

  /** One or more messages, oldest of the most urgent first, each with its send slot and lease. */
  public record Claimed(List<UUID> ids) implements Claim {
  }

  public record Idle() implements Claim {
  }

  public record Wait(long millis) implements Claim {
  }

  public record Paused() implements Claim {
  }

  /** The limits one claim is held to; all zero when limits are off (benchmarks). */
  public record Limits(int perMinute, int perHour, int perDay, long gapMs, int globalPerMinute) {
    /**
     * The gap is held from when each send leaves (see wa_gap_hold.lua); the gateway sees sends a little later, by
     * amounts that vary, so a margin keeps the gaps it sees at or above the minimum too. Against the default
     * 5–15 s gap it costs under 5%.
     */
    public static Limits of(DeviceConfig device, long jitterMs, int globalPerMinute) {
      long gap = device.minGapMs() + jitterMs;
      return new Limits(device.perMinute(), device.perHour(), device.perDay(), gap > 0 ? gap + GAP_MARGIN_MS : 0, globalPerMinute);
    }

    public static final Limits OFF = new Limits(0, 0, 0, 0, 0);
  }

  /**
   * The send of {@code claim} left at {@code atMs}: moves {@code device}'s next send slot to {@code atMs + gapMs} unless
   * it is later already, and lets the device go to the next claim (see wa_gap_hold.lua).
   */
  public Future<Void> holdGap(String device, long atMs, long gapMs, String claim) {
    return GAP_HOLD.run(redis, RedisKeys.waScriptKeys(), List.of(device, String.valueOf(atMs), String.valueOf(gapMs), claim))
        .mapEmpty();
  }

  /** Queues a message; a {@code dueMs} still to come puts it in the delayed set until then. */
  public Future<Void> enqueue(UUID id, Priority priority, long seq, String pinnedDevice, long dueMs) {
    return enqueues.submit(new Enqueue(id, priority, seq, pinnedDevice == null ? "" : pinnedDevice, dueMs));
  }

  private Future<List<Void>> enqueueAll(List<Enqueue> batch) {
    List<String> args = new ArrayList<>(1 + batch.size() * 5);
    args.add(String.valueOf(System.currentTimeMillis()));
    for (Enqueue e : batch) {
      args.addAll(List.of(e.id().toString(), String.valueOf(e.priority().level()), String.valueOf(e.seq()), e.pinnedDevice(),
          String.valueOf(e.dueMs())));
    }
    return ENQUEUE.run(redis, RedisKeys.waScriptKeys(), args).map(reply -> Collections.nCopies(batch.size(), (Void) null));
  }

  /**
   * Claims up to {@code most} messages for {@code device}, as far as the limits allow, under a token unique to
   * this claim: only that token releases them ({@link #done}, {@link #requeue}).
   */
  public Future<Claim> claim(String device, Limits limits, long leaseMs, String claim, boolean allowLow, long nowMs, int most) {
    return CLAIM.run(redis, RedisKeys.waScriptKeys(), List.of(device, String.valueOf(nowMs), String.valueOf(limits.perMinute()),
        String.valueOf(limits.perHour()), String.valueOf(limits.perDay()), String.valueOf(limits.gapMs()),
        String.valueOf(limits.globalPerMinute()), String.valueOf(leaseMs), claim, allowLow ? "1" : "0",
        String.valueOf(limits.perMinute() > 0 || limits.globalPerMinute() > 0 ? WINDOW_MARGIN_MS : 0), String.valueOf(most)))
        .map(DispatchQueue::toClaim);
  }

  private static Claim toClaim(Response reply) {
    long code = reply.get(0).toLong();
    if (code == 1) {
      List<UUID> ids = new ArrayList<>(reply.size() - 1);
      for (int i = 1; i < reply.size(); i++) {
        ids.add(UUID.fromString(reply.get(i).toString()));
      }
      return new Claimed(ids);
    }
    if (code == 2) {
      return new Wait(reply.get(1).toLong());
    }
    return code == -1 ? new Paused() : new Idle();
  }

  /**
   * The message left the queue for good (sent, failed, dead, cancelled, unknown); a no-op while another claim
   * than {@code claim} holds it.
   */
  public Future<Void> done(UUID id, String claim) {
    return releases.submit(new Release(id, "done", 0, 0, claim)).mapEmpty();
  }

  /** Puts a claimed message back at its old place, or in the delayed set until {@code dueMs}; only by its claim. */
  public Future<Void> requeue(UUID id, long dueMs, long nowMs, String claim) {
    return releases.submit(new Release(id, "requeue", dueMs, nowMs, claim)).mapEmpty();
  }

  private Future<List<Boolean>> releaseAll(List<Release> batch) {
    List<String> args = new ArrayList<>(batch.size() * 6);
    for (Release r : batch) {
      // No journal entry: that is OutcomeJournal's mode, 'keep'.
      args.addAll(List.of(r.id().toString(), r.mode(), String.valueOf(r.dueMs()), String.valueOf(r.nowMs()), r.claim(), ""));
    }
    return RELEASE.run(redis, RedisKeys.waScriptKeys(), args).map(reply -> {
      List<Boolean> changed = new ArrayList<>(reply.size());
      reply.forEach(r -> changed.add(r.toLong() == 1));
      return changed;
    });
  }

  /** Removes a waiting message (cancelled). False when it is claimed right now. */
  public Future<Boolean> forget(UUID id) {
    return FORGET.run(redis, RedisKeys.waScriptKeys(), List.of(id.toString())).map(r -> r.toLong() == 1);
  }

  /** Keeps claims alive while their sends are in flight (those that expired meanwhile stay expired). */
  public Future<Void> renew(Collection<UUID> ids, long leaseMs, long nowMs) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    String until = String.valueOf(nowMs + leaseMs);
    List<String> args = new ArrayList<>(2 + ids.size() * 2);
    args.add(RedisKeys.waLeases());
    args.add("XX");
    for (UUID id : ids) {
      args.add(until);
      args.add(id.toString());
    }
    return redis.zadd(args).mapEmpty();
  }

  /** Promotes due delayed messages and returns those whose lease expired (their node is gone). */
  public Future<List<UUID>> tick(long nowMs, int batch) {
    return TICK.run(redis, RedisKeys.waScriptKeys(), List.of(String.valueOf(nowMs), String.valueOf(batch))).map(reply -> {
      List<UUID> expired = new ArrayList<>();
      for (Response id : reply) {
        expired.add(UUID.fromString(id.toString()));
      }
      return expired;
    });
  }

  /** True when Redis still knows the message (queued, delayed or claimed). */
  public Future<Boolean> knows(UUID id) {
    return redis.hexists(RedisKeys.waMeta(), id.toString()).map(r -> r.toInteger() == 1);
  }

  public Future<Void> pause(String device, String reason) {
    return redis.set(List.of(RedisKeys.waDevicePaused(device), reason == null ? "paused" : reason)).mapEmpty();
  }

  public Future<Void> resume(String device) {
    return redis.del(List.of(RedisKeys.waDevicePaused(device))).mapEmpty();
  }

  /** The reason a device is paused, or null when it is not. */
  public Future<String> pausedReason(String device) {
    return redis.get(RedisKeys.waDevicePaused(device)).map(r -> r == null ? null : r.toString());
  }

  /** Messages waiting per priority, shared and pinned to {@code devices} (for metrics and the device list). */
  public Future<long[]> depth(List<String> devices) {
    return depthByQueue(devices).map(byQueue -> {
      long[] byPriority = new long[Priority.values().length];
      byQueue.values().forEach(levels -> {
        for (int level = 0; level < levels.length; level++) {
          byPriority[level] += levels[level];
        }
      });
      return byPriority;
    });
  }

  /**
   * When the oldest message waiting in any queue was made (ms), or -1 when none waits. Ids are time-ordered
   * (version 7), so each queue's head tells its own age; older random ids count as made now.
   */
  public Future<Long> oldestMadeAt(List<String> devices) {
    List<Future<Response>> heads = new ArrayList<>();
    for (Priority p : Priority.values()) {
      heads.add(redis.zrange(List.of(RedisKeys.waQueue(p.level()), "0", "0")));
      for (String device : devices) {
        heads.add(redis.zrange(List.of(RedisKeys.waDeviceQueue(p.level(), device), "0", "0")));
      }
    }
    return Future.all(heads).map(all -> {
      long oldest = -1;
      for (Future<Response> head : heads) {
        Response ids = head.result();
        if (ids != null && ids.size() > 0) {
          UUID id = UUID.fromString(ids.get(0).toString());
          long made = id.version() == 7 ? id.getMostSignificantBits() >>> 16 : System.currentTimeMillis();
          oldest = oldest < 0 ? made : Math.min(oldest, made);
        }
      }
      return oldest;
    });
  }

  /**
   * The waiting messages of each queue by priority level: the shared queue under {@code ""} (any device may send
   * them), each device's own (messages pinned to it) under its name.
   */
  public Future<Map<String, long[]>> depthByQueue(List<String> devices) {
    List<String> queues = new ArrayList<>();
    queues.add("");
    queues.addAll(devices);
    List<Future<Response>> counts = new ArrayList<>();
    for (Priority p : Priority.values()) {
      for (String device : queues) {
        counts.add(redis.zcard(device.isEmpty() ? RedisKeys.waQueue(p.level()) : RedisKeys.waDeviceQueue(p.level(), device)));
      }
    }
    return Future.all(counts).map(all -> {
      Map<String, long[]> byQueue = new LinkedHashMap<>();
      queues.forEach(q -> byQueue.put(q, new long[Priority.values().length]));
      int i = 0;
      for (Priority p : Priority.values()) {
        for (String device : queues) {
          byQueue.get(device)[p.level()] = counts.get(i++).result().toLong();
        }
      }
      return byQueue;
    });
  }

  /** A marker that exists while the queue holds what PostgreSQL says it should; gone after a flush. */
  public Future<Boolean> intact() {
    return redis.exists(List.of(RedisKeys.waIntact())).map(r -> r.toInteger() == 1);
  }

  public Future<Void> markIntact() {
    return redis.set(List.of(RedisKeys.waIntact(), "1")).mapEmpty();
  }
}
