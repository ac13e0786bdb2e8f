package id.aglis.hub.dispatch.queue;

import id.aglis.hub.platform.RedisKeys;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.Priority;
import id.aglis.hub.dispatch.queue.DispatchQueue.Claim;
import id.aglis.hub.dispatch.queue.DispatchQueue.Claimed;
import id.aglis.hub.dispatch.queue.DispatchQueue.Limits;
import id.aglis.hub.dispatch.queue.DispatchQueue.Wait;
import id.aglis.hub.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue's leases, on the real Redis: who may end a claim. */
@ExtendWith(VertxExtension.class)
class DispatchQueueTest {

  private static final String DEVICE = "6281100000001";
  private static final long LEASE_MS = 1_000;

  private Redis client;
  private RedisAPI redis;
  private DispatchQueue queue;

  @BeforeEach
  void connect(Vertx vertx) {
    client = Redis.createClient(vertx, TestServers.newRedisDatabase());
    redis = RedisAPI.api(client);
    redis.flushdb(List.of()).await();
    queue = new DispatchQueue(redis);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private Claim claim(String token, long now) {
    return queue.claim(DEVICE, Limits.OFF, LEASE_MS, token, true, now, 10).await();
  }

  private String holder(UUID id) {
    var reply = redis.hget(RedisKeys.waLeaseOwners(), id.toString()).await();
    return reply == null ? null : reply.toString();
  }

  @Test
  @DisplayName("a late release of an expired claim leaves a newer claim of the same message by the same node alone")
  void lateReleaseOfAnExpiredClaim() {
    UUID id = UUID.randomUUID();
    long now = System.currentTimeMillis();
    queue.enqueue(id, Priority.NORMAL, 1, null, 0).await();
    assertThat(claim("node-1/w/1", now)).isEqualTo(new Claimed(List.of(id)));

    // The lease runs out (the send hung), the message goes back, and the same node claims it again.
    assertThat(queue.tick(now + 2 * LEASE_MS, 100).await()).containsExactly(id);
    assertThat(claim("node-1/w/2", now + 2 * LEASE_MS)).isEqualTo(new Claimed(List.of(id)));

    // Now the first claim's release arrives (say, retried after its reply was lost): it must change nothing.
    queue.done(id, "node-1/w/1").await();
    assertThat(holder(id)).isEqualTo("node-1/w/2");
    assertThat(queue.knows(id).await()).isTrue();
    queue.requeue(id, 0, now, "node-1/w/1").await();
    assertThat(claim("node-1/w/3", now + 2 * LEASE_MS)).isNotInstanceOf(Claimed.class);

    // The holding claim ends it.
    queue.done(id, "node-1/w/2").await();
    assertThat(holder(id)).isNull();
    assertThat(queue.knows(id).await()).isFalse();
  }

  @Test
  @DisplayName("the holding claim hands a message back to its old place; releasing it twice changes nothing more")
  void handBackByTheHolder() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    long now = System.currentTimeMillis();
    queue.enqueue(first, Priority.NORMAL, 1, null, 0).await();
    queue.enqueue(second, Priority.NORMAL, 2, null, 0).await();
    assertThat(queue.claim(DEVICE, Limits.OFF, LEASE_MS, "node-1/w/1", true, now, 1).await()).isEqualTo(new Claimed(List.of(first)));

    queue.requeue(first, 0, now, "node-1/w/1").await();
    queue.requeue(first, 0, now, "node-1/w/1").await();
    assertThat(holder(first)).isNull();
    assertThat(claim("node-2/w/1", now)).isEqualTo(new Claimed(List.of(first, second)));
  }

  private static final long GAP_MS = 650;
  private static final Limits GAPPED = new Limits(0, 0, 0, GAP_MS, 0);

  /** Claims time their gaps by the later of the caller's clock and Redis's: these tests run on their own clock. */
  private static long aheadOfRedis() {
    return System.currentTimeMillis() + 60_000;
  }

  private Claim claimGapped(String token, long now) {
    return queue.claim(DEVICE, GAPPED, LEASE_MS, token, true, now, 10).await();
  }

  @Test
  @DisplayName("a claim under a gap keeps the device until its send has left, and the gap counts from then")
  void gapCountsFromWhenTheSendLeft() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    long now = aheadOfRedis();
    queue.enqueue(first, Priority.NORMAL, 1, null, 0).await();
    queue.enqueue(second, Priority.NORMAL, 2, null, 0).await();
    assertThat(claimGapped("node-1/w/1", now)).isEqualTo(new Claimed(List.of(first)));

    // The claim's gap is over, but its request has not left yet (a slow write, a new connection): nobody else may
    // claim, or their send could leave right after the late one.
    assertThat(claimGapped("node-2/w/1", now + GAP_MS + 1)).isInstanceOf(Wait.class);

    // It leaves 300 ms late: the next claim waits a full gap from then, not from the claim.
    long left = now + GAP_MS + 300;
    queue.holdGap(DEVICE, left, GAP_MS, "node-1/w/1").await();
    assertThat(claimGapped("node-2/w/1", left + GAP_MS - 1)).isEqualTo(new Wait(1));
    assertThat(claimGapped("node-2/w/1", left + GAP_MS)).isEqualTo(new Claimed(List.of(second)));
  }

  @Test
  @DisplayName("a claimed send that never leaves lets the device go when its claim ends or its lease runs out")
  void deviceFreedWithoutASend() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    long now = aheadOfRedis();
    queue.enqueue(first, Priority.NORMAL, 1, null, 0).await();
    queue.enqueue(second, Priority.NORMAL, 2, null, 0).await();
    assertThat(claimGapped("node-1/w/1", now)).isEqualTo(new Claimed(List.of(first)));
    // Cancelled before it was sent: the claim ends, and the next one needs only the claim's own gap.
    queue.done(first, "node-1/w/1").await();
    assertThat(claimGapped("node-2/w/1", now + GAP_MS)).isEqualTo(new Claimed(List.of(second)));

    // Its node dies mid-send: once the lease has run out, the device is free again.
    UUID third = UUID.randomUUID();
    queue.enqueue(third, Priority.NORMAL, 3, null, 0).await();
    assertThat(claimGapped("node-3/w/1", now + 2 * GAP_MS)).isInstanceOf(Wait.class);
    assertThat(claimGapped("node-3/w/1", now + GAP_MS + LEASE_MS)).isEqualTo(new Claimed(List.of(third)));
  }

  @Test
  @DisplayName("a stale report of an earlier send moves the slot later only, and leaves a newer claim's hold alone")
  void staleReportLeavesNewerClaim() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    long now = aheadOfRedis();
    queue.enqueue(first, Priority.NORMAL, 1, null, 0).await();
    queue.enqueue(second, Priority.NORMAL, 2, null, 0).await();
    assertThat(claimGapped("node-1/w/1", now)).isEqualTo(new Claimed(List.of(first)));
    queue.done(first, "node-1/w/1").await();
    assertThat(claimGapped("node-2/w/1", now + GAP_MS)).isEqualTo(new Claimed(List.of(second)));

    queue.holdGap(DEVICE, now, GAP_MS, "node-1/w/1").await();
    UUID third = UUID.randomUUID();
    queue.enqueue(third, Priority.NORMAL, 3, null, 0).await();
    assertThat(claimGapped("node-3/w/1", now + 2 * GAP_MS + 100)).as("node-2's send has not left").isInstanceOf(Wait.class);
  }
}
