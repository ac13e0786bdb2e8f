package id.aglis.hub.testing;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Received;
import java.util.List;
import java.util.function.Predicate;

/**
 * Wakes on every request the fake gateway records ({@link FakeFonnte#onReceived}), so a test waits for the send
 * that proves its point instead of polling {@link FakeFonnte#received()}. The fake's own list stays the record:
 * requests that arrived before the wait began count too.
 */
public final class FonnteWatcher {

  private final FakeFonnte fonnte;

  public FonnteWatcher(FakeFonnte fonnte) {
    this.fonnte = fonnte;
    fonnte.onReceived(arrived -> wake());
  }

  private synchronized void wake() {
    notifyAll();
  }

  /** The requests for one target (the raw {@code target} field). */
  public List<Received> to(String target) {
    return matching(r -> target.equals(r.target()));
  }

  private List<Received> matching(Predicate<Received> which) {
    return fonnte.received().stream().filter(which).toList();
  }

  /** Waits until the gateway has seen at least {@code count} requests for {@code target}; returns them all. */
  public List<Received> awaitTo(String target, int count, long timeoutMs) throws InterruptedException {
    return await(r -> target.equals(r.target()), count, timeoutMs);
  }

  /** Waits until at least {@code count} recorded requests match; returns every match. */
  public synchronized List<Received> await(Predicate<Received> which, int count, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      List<Received> seen = matching(which);
      if (seen.size() >= count) {
        return seen;
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("the gateway saw " + seen.size() + " matching request(s), not " + count + ", within "
            + timeoutMs + " ms");
      }
      wait(left);
    }
  }

  /**
   * Asserts that no more than {@code most} requests match during the next {@code windowMs}: fails as soon as one too
   * many arrives, otherwise returns after the window (proving an absence takes the window; nothing signals it).
   */
  public synchronized List<Received> assertAtMostFor(Predicate<Received> which, int most, long windowMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + windowMs;
    while (true) {
      List<Received> seen = matching(which);
      if (seen.size() > most) {
        throw new AssertionError("the gateway saw " + seen.size() + " matching request(s), at most " + most + " expected");
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return seen;
      }
      wait(left);
    }
  }
}
