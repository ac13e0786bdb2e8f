package id.aglis.hub.live;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How late a task runs on each of a node's event loops: every {@code periodMs} a probe is scheduled on every loop
 * and, when it runs, records how far past its due time it ran. A loop blocked by a slow handler, or swamped with
 * work, shows here first. All loops, not only the caller's: the HTTP verticles, the dispatcher and the bridge run
 * on different ones, and a blocked HTTP loop is exactly what the Performance page must show.
 *
 * <p>A loop blocked for longer than a sample never runs its probe; {@link #takeMaxMs} therefore also counts a
 * probe that is overdue now, so a stuck loop shows as a lag that grows, not as zero.
 *
 * <p>Threading: each probe runs on its own loop; the worst lag is kept in an atomic, read by any thread.
 */
final class EventLoopLag implements AutoCloseable {

  private final long periodNanos;
  private final List<Probe> probes = new ArrayList<>();
  private final AtomicLong worstNanos = new AtomicLong();
  private volatile boolean closed;

  private EventLoopLag(Iterable<EventExecutor> loops, long periodMs) {
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMs);
    loops.forEach(loop -> probes.add(new Probe(loop)));
    probes.forEach(Probe::schedule);
  }

  /**
   * Probes every event loop of {@code vertx} (Vert.x 5 names its loops only through the internal interface; the
   * metrics SPI has no event-loop meter).
   */
  static EventLoopLag of(Vertx vertx, long periodMs) {
    return new EventLoopLag(((VertxInternal) vertx).nettyEventLoopGroup(), periodMs);
  }

  static EventLoopLag of(Iterable<EventExecutor> loops, long periodMs) {
    return new EventLoopLag(loops, periodMs);
  }

  /** The worst lag, in milliseconds, of any loop since the last call (including probes overdue right now). */
  double takeMaxMs() {
    long now = System.nanoTime();
    long worst = worstNanos.getAndSet(0);
    for (Probe probe : probes) {
      worst = Math.max(worst, now - probe.due);
    }
    return Math.max(0, worst) / 1e6;
  }

  int loops() {
    return probes.size();
  }

  @Override
  public void close() {
    closed = true;
    probes.forEach(Probe::cancel);
  }

  private final class Probe implements Runnable {
    private final EventExecutor loop;
    private volatile long due;
    private volatile ScheduledFuture<?> next;

    Probe(EventExecutor loop) {
      this.loop = loop;
    }

    void schedule() {
      if (closed) {
        return;
      }
      due = System.nanoTime() + periodNanos;
      next = loop.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
      long late = System.nanoTime() - due;
      worstNanos.accumulateAndGet(late, Math::max);
      schedule();
    }

    void cancel() {
      ScheduledFuture<?> pending = next;
      if (pending != null) {
        pending.cancel(false);
      }
    }
  }
}
