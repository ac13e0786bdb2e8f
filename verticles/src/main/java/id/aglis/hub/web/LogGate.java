package id.aglis.hub.web;

import java.util.concurrent.atomic.AtomicLong;

/** Lets one log line through per interval, so a failure repeated by every request does not flood the log. */
public final class LogGate {

  private final long intervalMs;
  private final AtomicLong next = new AtomicLong();

  public LogGate(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  public boolean tryAcquire() {
    long now = System.currentTimeMillis();
    long due = next.get();
    return now >= due && next.compareAndSet(due, now + intervalMs);
  }
}
