package id.aglis.hub.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatcher's meters on {@code /metrics}: sends and outcomes by device, enqueue→accepted latency,
 * retries, dead letters, queue depth by priority and the oldest waiting message's age, paused devices and each device's
 * availability, delivery receipts by device and status (the alert rules read these).
 */
public final class DispatchMetrics {

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> receipts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> deviceAvailable = new ConcurrentHashMap<>();
  private final AtomicLong oldestWaitingSeconds = new AtomicLong(Double.doubleToLongBits(0));
  private final Timer acceptedLatency;
  private final Counter retries;
  private final Counter deadLetters;
  private final AtomicLong[] depth = new AtomicLong[Priority.values().length];
  private final AtomicLong pausedDevices = new AtomicLong();

  public DispatchMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.acceptedLatency = Timer.builder("aglis.wa.enqueue.to.accepted")
        .description("Time from a message being committed to the provider accepting it")
        // Buckets on the scale that matters here, where pacing spaces sends 5-15 s apart and a bulk send
        // takes hours: an OTP out within seconds, a reminder within minutes, a campaign within the day.
        // (The generic histogram gave 69 buckets, a fifth of the whole scrape, finer than any question asked.)
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofHours(24))
        .register(registry);
    this.retries = Counter.builder("aglis.wa.retries").description("Sends scheduled again after a transient failure").register(registry);
    this.deadLetters = Counter.builder("aglis.wa.dead.letters").description("Messages that exhausted their attempts").register(registry);
    for (Priority p : Priority.values()) {
      AtomicLong value = new AtomicLong();
      depth[p.level()] = value;
      Gauge.builder("aglis.wa.queue.depth", value, AtomicLong::get).tag("priority", p.wire())
          .description("Messages waiting in the cluster-wide queue").register(registry);
    }
    Gauge.builder("aglis.wa.devices.paused", pausedDevices, AtomicLong::get).description("WhatsApp devices paused").register(registry);
    Gauge.builder("aglis.wa.queue.oldest", oldestWaitingSeconds, bits -> Double.longBitsToDouble(bits.get())).baseUnit("seconds")
        .description("Age of the oldest message waiting in the queue (since it was made)").register(registry);
  }

  /**
   * Registers every device's send and receipt counters at zero, so {@code /metrics} (and the alert rules that
   * divide one by another) show them before the first send rather than as missing.
   */
  public void prepare(Iterable<String> devices) {
    for (String device : devices) {
      for (id.aglis.hub.dispatch.fonnte.OutcomeKind kind : id.aglis.hub.dispatch.fonnte.OutcomeKind.values()) {
        outcome(device, kind.name().toLowerCase(java.util.Locale.ROOT), 0);
      }
      for (String status : RECEIPT_STATUSES) {
        receipt(device, status, 0);
      }
      available(device);
    }
  }

  /** What a receipt may move a message to ({@code other}: nowhere). */
  static final java.util.List<String> RECEIPT_STATUSES = java.util.List.of("sent", "delivered", "read", "failed", "other");

  public void outcome(String device, String outcome) {
    outcome(device, outcome, 1);
  }

  private void outcome(String device, String outcome, int count) {
    outcomes.computeIfAbsent(device + "|" + outcome, k -> Counter.builder("aglis.wa.sends")
        .description("Send attempts by device and outcome").tag("device", device).tag("outcome", outcome).register(registry))
        .increment(count);
  }

  /** A delivery receipt applied to a message, by device and the status it moved the message to ({@code other}: none). */
  public void receipt(String device, String status) {
    receipt(device, status, 1);
  }

  private void receipt(String device, String status, int count) {
    receipts.computeIfAbsent(device + "|" + status, k -> Counter.builder("aglis.wa.receipts")
        .description("Delivery receipts applied, by device and the status they moved the message to").tag("device", device)
        .tag("status", status).register(registry)).increment(count);
  }

  /** Whether each device can send now (1) or is paused or cut off (0). */
  public void deviceAvailable(String device, boolean available) {
    available(device).set(available ? 1 : 0);
  }

  private AtomicLong available(String device) {
    return deviceAvailable.computeIfAbsent(device, d -> {
      AtomicLong value = new AtomicLong(1);
      Gauge.builder("aglis.wa.device.available", value, AtomicLong::get).tag("device", d)
          .description("1 while a WhatsApp device may send, 0 while it is paused (disconnected, quota, by staff)").register(registry);
      return value;
    });
  }

  /** How long ago the oldest waiting message was made, in seconds (0 when none waits). */
  public void oldestWaiting(double seconds) {
    oldestWaitingSeconds.set(Double.doubleToLongBits(seconds));
  }

  public void accepted(Duration sinceCommitted) {
    acceptedLatency.record(sinceCommitted);
  }

  public void retry() {
    retries.increment();
  }

  public void dead() {
    deadLetters.increment();
  }

  public void depth(long[] byPriority) {
    for (int i = 0; i < byPriority.length; i++) {
      depth[i].set(byPriority[i]);
    }
  }

  public void pausedDevices(long count) {
    pausedDevices.set(count);
  }
}
