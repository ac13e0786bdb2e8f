package id.aglis.hub.bench;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Map;

/**
 * Rate-limit compliance: 3 clustered nodes, 2 devices at 30 a minute each (1–2 s apart) under the global
 * limit, for N minutes, with more work queued than the limits allow. Reports what the fake gateway saw:
 * the most sends one device got in any 60-second window (must not exceed 30), the smallest gap between
 * two sends of one device, and utilisation (sends ÷ what the limits allow in that time).
 * Usage: DispatchCompliance [minutes=10]
 */
public final class DispatchCompliance {

  private static final int PER_MINUTE = 30;

  private DispatchCompliance() {
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    JsonArray devices = new JsonArray()
        .add(BenchCluster.device(BenchCluster.DEVICE_A, "token-a", PER_MINUTE, 1_000, 1_000))
        .add(BenchCluster.device(BenchCluster.DEVICE_B, "token-b", PER_MINUTE, 1_000, 1_000));
    try (BenchCluster bench = new BenchCluster()) {
      bench.startNodes(3, devices, Map.of("HUB_WA_RECIPIENT_PER_HOUR", "0", "HUB_DEMO", "false"));
      int messages = PER_MINUTE * 2 * minutes + 200;
      WebClient client = WebClient.create(bench.vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
      for (int i = 0; i < messages; i++) {
        int port = bench.ports.get(i % bench.ports.size());
        client.post(port, "127.0.0.1", "/api/v1/messages").putHeader("Authorization", "Bearer " + BenchCluster.TOKEN)
            .sendJsonObject(new JsonObject().put("to", "62812" + String.format("%08d", 70_000_000 + i)).put("text", "compliance " + i))
            .await();
      }
      long start = System.currentTimeMillis();
      System.out.printf("queued %d messages on 3 nodes; sending for %d minute(s)…%n", messages, minutes);
      Thread.sleep(minutes * 60_000L);
      long end = System.currentTimeMillis();
      List<FakeFonnte.Received> received = bench.fonnte.received();
      int total = 0;
      for (String device : List.of(BenchCluster.DEVICE_A, BenchCluster.DEVICE_B)) {
        long[] at = received.stream().filter(r -> device.equals(r.device())).mapToLong(FakeFonnte.Received::arrivedAtMillis).sorted().toArray();
        long[] nanos = received.stream().filter(r -> device.equals(r.device())).mapToLong(FakeFonnte.Received::arrivedAtNanos).sorted().toArray();
        total += at.length;
        System.out.printf("device %s: %d sends; most in any 60 s window: %d (limit %d); smallest gap: %d ms (minimum 1000)%n",
            device, at.length, maxInWindow(at, 60_000), PER_MINUTE, smallestGapMs(nanos));
      }
      double allowed = 2.0 * PER_MINUTE * (end - start) / 60_000.0;
      System.out.printf("utilisation: %d sends of %.0f allowed in %.1f min = %.1f%%%n", total, allowed, (end - start) / 60_000.0,
          100.0 * total / allowed);
    }
    System.exit(0);
  }

  /** The most arrivals inside any window of {@code windowMs} (two pointers over sorted times). */
  static int maxInWindow(long[] sortedMillis, long windowMs) {
    int best = 0;
    int from = 0;
    for (int to = 0; to < sortedMillis.length; to++) {
      while (sortedMillis[to] - sortedMillis[from] >= windowMs) {
        from++;
      }
      best = Math.max(best, to - from + 1);
    }
    return best;
  }

  static long smallestGapMs(long[] sortedNanos) {
    long smallest = Long.MAX_VALUE;
    for (int i = 1; i < sortedNanos.length; i++) {
      smallest = Math.min(smallest, (sortedNanos[i] - sortedNanos[i - 1]) / 1_000_000);
    }
    return smallest == Long.MAX_VALUE ? -1 : smallest;
  }
}
