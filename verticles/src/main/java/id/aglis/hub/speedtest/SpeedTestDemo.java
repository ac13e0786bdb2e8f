package id.aglis.hub.speedtest;

import id.aglis.hub.common.Times;
import id.aglis.hub.platform.HubSettings;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Random;

/**
 * Demo speed tests, once per database: a few weeks of results for a few customers, so the portal's history and the
 * dashboard's card have something to show. Mostly near the plan, an evening dip now and then, one bad day (the
 * customer who also reported a fault, {@code AGL-000101}).
 */
final class SpeedTestDemo {

  /** customer number → how many results, and what share of the plan they usually get. */
  private static final Object[][] CUSTOMERS = {{"AGL-000101", 7, 0.8}, {"AGL-000102", 5, 0.95}, {"AGL-000105", 4, 0.9},
      {"AGL-000110", 3, 0.7}};

  private final Pool pool;
  private final SpeedTestRepository repository;
  private final CustomerDirectory customers;
  private final Clock clock;

  SpeedTestDemo(Pool pool, SpeedTestRepository repository, CustomerDirectory customers, Clock clock) {
    this.pool = pool;
    this.repository = repository;
    this.customers = customers;
    this.clock = clock;
  }

  Future<Void> seedOnce() {
    return pool.withTransaction(tx -> HubSettings.claim(tx, "demo.seeded.speedtest", OffsetDateTime.now(clock).toString()))
        .compose(first -> first ? seed() : Future.succeededFuture());
  }

  private Future<Void> seed() {
    // Seeded, so every demo shows the same history.
    Random random = new Random(16);
    Future<Void> chain = Future.succeededFuture();
    for (Object[] c : CUSTOMERS) {
      chain = chain.compose(v -> customer((String) c[0], (int) c[1], (double) c[2], random));
    }
    return chain;
  }

  private Future<Void> customer(String customerNo, int count, double usual, Random random) {
    return customers.byCustomerNo(customerNo).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      int planMbps = planSpeed(found.get().plan());
      java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(Times.BUSINESS_ZONE));
      Future<Void> chain = Future.succeededFuture();
      for (int i = count; i >= 1; i--) {
        // Every three to five days, in the evening (WIB), when people are home and test.
        OffsetDateTime at = today.minusDays(i * 4L - random.nextInt(2)).atTime(18 + random.nextInt(4), random.nextInt(60))
            .atZone(Times.BUSINESS_ZONE).toOffsetDateTime();
        boolean badDay = customerNo.equals("AGL-000101") && i == 2;
        double share = badDay ? 0.25 : Math.min(1.05, usual + (random.nextDouble() - 0.5) * 0.2);
        double down = round(planMbps * share);
        double up = round(down * (0.6 + random.nextDouble() * 0.3));
        double latency = round((badDay ? 48 : 9) + random.nextDouble() * 12);
        double jitter = round(badDay ? 14 + random.nextDouble() * 6 : 0.6 + random.nextDouble() * 3);
        var measured = new SpeedTestRepository.Measurement(latency, jitter, down, up);
        chain = chain.compose(v -> repository.insertWithPlan(found.get().id(), at, measured, found.get().plan(), planMbps).mapEmpty());
      }
      return chain;
    });
  }

  /** The demo plans are named "Rumah 30 Mbps"; the number is their speed. */
  private static int planSpeed(String plan) {
    var m = java.util.regex.Pattern.compile("(\\d+)\\s*Mbps").matcher(plan == null ? "" : plan);
    return m.find() ? Integer.parseInt(m.group(1)) : 20;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
