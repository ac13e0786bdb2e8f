package id.aglis.hub.dispatch.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** A device registered with {@link SandboxGateway}: its number and its monthly quota, 1 unit per target. */
final class GatewayDevice {

  private final String number;
  private final long quota;
  private final AtomicLong used = new AtomicLong();

  GatewayDevice(String number, long quota) {
    this.number = number;
    this.quota = quota;
  }

  String number() {
    return number;
  }

  long quota() {
    return quota;
  }

  /** Takes {@code units} of quota; the remainder afterwards, or -1 (and nothing taken) when there is not enough. */
  long take(int units) {
    while (true) {
      long before = used.get();
      if (before + units > quota) {
        return -1;
      }
      if (used.compareAndSet(before, before + units)) {
        return quota - before - units;
      }
    }
  }
}
