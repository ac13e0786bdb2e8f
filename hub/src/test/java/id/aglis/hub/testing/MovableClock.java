package id.aglis.hub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it: handed to a node ({@link TestHub#start(java.util.Map, Clock)}),
 * it lets a test reach the next clock hour or the end of the quiet hours at once instead of waiting for them.
 * The node reads it on its event loops while the test moves it, so the time is held atomically, and shared by
 * the same clock seen in another zone ({@link #withZone}).
 */
public final class MovableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MovableClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private MovableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  public void advance(Duration by) {
    now.updateAndGet(at -> at.plus(by));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new MovableClock(now, other);
  }
}
