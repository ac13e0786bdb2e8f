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
 * retries, dead letters, queue depth by priority, paused devices.
 */
public final class DispatchMetrics {

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> outcomes = new ConcurrentHashMap<>();
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
  }

  public void outcome(String device, String outcome) {
    outcomes.computeIfAbsent(device + "|" + outcome, k -> Counter.builder("aglis.wa.sends")
        .description("Send attempts by device and outcome").tag("device", device).tag("outcome", outcome).register(registry))
        .increment();
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
