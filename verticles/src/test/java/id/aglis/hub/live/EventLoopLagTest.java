package id.aglis.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The event-loop lag of {@code ui.metrics}: a loop other than the caller's that was blocked shows, and one that is
 * blocked right now shows too (its probe has not run yet).
 */
class EventLoopLagTest {

  private static final long PERIOD_MS = 50;
  private Vertx vertx;
  private List<EventExecutor> loops;
  private EventLoopLag lag;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
    loops = new ArrayList<>();
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
    lag = EventLoopLag.of(vertx, PERIOD_MS);
  }

  @AfterEach
  void stop() {
    lag.close();
    vertx.close().await();
  }

  @Test
  @DisplayName("every loop is probed, and one that was blocked shows its delay until the next reading")
  void blockedLoopShows() throws Exception {
    assertThat(lag.loops()).isEqualTo(3);
    EventExecutor last = loops.get(loops.size() - 1);
    last.submit(() -> block(1_200)).get(5, TimeUnit.SECONDS);
    settle();
    assertThat(lag.takeMaxMs()).isGreaterThanOrEqualTo(1_100);
    settle();
    // Not "small": on a busy machine (two shared cores) real lag comes and goes; only the block is not counted again.
    assertThat(lag.takeMaxMs()).as("a reading starts afresh").isLessThan(1_100);
  }

  @Test
  @DisplayName("a loop blocked right now counts, so a stuck loop shows a growing lag, not zero")
  void stuckLoopShows() throws Exception {
    CountDownLatch blocking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    loops.get(1).execute(() -> {
      blocking.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
    try {
      Thread.sleep(500); // the time the loop stays stuck is what is measured
      assertThat(lag.takeMaxMs()).isGreaterThanOrEqualTo(400);
    } finally {
      release.countDown();
    }
  }

  /** Lets every loop run what is due: twice a no-op on each, so a probe that fell due meanwhile has run. */
  /**
   * Waits until every loop has run its probes that were due: a task scheduled two periods ahead runs after them
   * (scheduled tasks run in due order), where a task merely submitted might run before a late probe.
   */
  private void settle() throws Exception {
    for (EventExecutor loop : loops) {
      loop.schedule(() -> { }, 2 * PERIOD_MS, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
    }
  }

  private static void block(long ms) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}
