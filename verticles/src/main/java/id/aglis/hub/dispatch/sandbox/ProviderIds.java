package id.aglis.hub.dispatch.sandbox;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Fonnte-style message ids (numeric, as in live traffic) that no later run of the gateway hands out again.
 *
 * <p>The gateway used to count from the same number on every start, so after a restart the hub received ids it
 * had already stored for older messages, and their receipts moved those (297 messages got events of others,
 * 260 delivered ones were moved to read). An id is now the wall clock in microseconds, bumped by one whenever
 * that is not above the last id handed out: ids only grow, a new process starts above everything an older one
 * issued (as long as that one averaged under a thousand ids a millisecond and the clock does not step back),
 * and every gateway in one JVM draws from the same sequence, so two running at once never collide either. The
 * values (about 1.7e15) stay below 2^53, so a JavaScript client reads them exactly, like Fonnte's own.
 */
final class ProviderIds {

  /** The sequence every gateway in this JVM draws from. */
  static final ProviderIds SHARED = new ProviderIds(System::currentTimeMillis);

  private final LongSupplier clockMillis;
  private final AtomicLong last = new AtomicLong();

  /** {@code clockMillis} is the wall clock (tests pass their own to stand for another process). */
  ProviderIds(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  String next() {
    long now = clockMillis.getAsLong() * 1_000;
    return Long.toString(last.updateAndGet(previous -> Math.max(previous + 1, now)));
  }
}
