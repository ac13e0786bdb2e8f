package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-recipient hours of wa_recipient_slot.lua and wa_recipient_unslot.lua, on the real Redis, at fixed times. */
@ExtendWith(VertxExtension.class)
class RecipientHoursTest {

  private static final RedisScript SLOT = RedisScript.load("wa_recipient_slot.lua");
  private static final RedisScript UNSLOT = RedisScript.load("wa_recipient_unslot.lua");
  private static final long HOUR = 3_600_000;
  private static final String KEY = id.aglis.hub.platform.RedisKeys.waRecipientHours("6281234567890");
  /** Ten minutes into an hour, a year from now (the script keeps its key until the last hour given). */
  private static final long NOW = (System.currentTimeMillis() / HOUR + 24 * 365) * HOUR + 600_000;
  private static final long H = NOW / HOUR;

  private Redis client;
  private RedisAPI redis;

  @BeforeEach
  void connect(Vertx vertx) {
    client = Redis.createClient(vertx, TestServers.newRedisDatabase());
    redis = RedisAPI.api(client);
    redis.del(List.of(KEY)).await();
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** The hour given (as an hour number) and whether it is later than the one the message was due in. */
  private long[] slot(long due, int cap) {
    Response reply = SLOT.run(redis, List.of(KEY), List.of(String.valueOf(NOW), String.valueOf(due), String.valueOf(cap),
        String.valueOf(HOUR))).await();
    return new long[] {reply.get(0).toLong() / HOUR, reply.get(1).toLong()};
  }

  private List<Long> hours(int messages, int cap) {
    List<Long> given = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      given.add(slot(NOW, cap)[0] - H);
    }
    return given;
  }

  @Test
  @DisplayName("a burst is spread hour by hour; only the hours after the current one are delays")
  void burstSpreads() {
    assertThat(slot(NOW, 2)).containsExactly(H, 0);
    assertThat(slot(NOW, 2)).containsExactly(H, 0);
    assertThat(slot(NOW, 2)).containsExactly(H + 1, 1);
    assertThat(hours(4, 2)).containsExactly(1L, 2L, 2L, 3L);
  }

  @Test
  @DisplayName("a message due later counts in its own hour and leaves the earlier hours' room alone")
  void dueLater() {
    long later = (H + 3) * HOUR + 300_000;
    assertThat(slot(later, 1)).containsExactly(H + 3, 0);
    assertThat(slot(later, 1)).containsExactly(H + 4, 1);
    assertThat(hours(4, 1)).containsExactly(0L, 1L, 2L, 5L);
  }

  @Test
  @DisplayName("after the cap is raised, hours that were full have room again")
  void capRaised() {
    assertThat(hours(5, 2)).containsExactly(0L, 0L, 1L, 1L, 2L);
    assertThat(hours(4, 3)).containsExactly(0L, 1L, 2L, 2L);
    assertThat(hours(1, 3)).containsExactly(3L);
  }

  @Test
  @DisplayName("an hour given back is given again before any later one")
  void givenBack() {
    assertThat(hours(5, 2)).containsExactly(0L, 0L, 1L, 1L, 2L);
    UNSLOT.run(redis, List.of(KEY), List.of(String.valueOf(H * HOUR), String.valueOf(HOUR))).await();
    assertThat(hours(3, 2)).containsExactly(0L, 2L, 3L);
  }
}
