package id.aglis.hub.speedtest;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The speed_tests table. Every read names the customer, so nobody's history is reachable by an id alone. */
final class SpeedTestRepository {

  /** What a customer's browser measured. */
  record Measurement(double latencyMs, double jitterMs, double downloadMbps, double uploadMbps) {
  }

  private final Pool pool;

  SpeedTestRepository(Pool pool) {
    this.pool = pool;
  }

  /** Empty when the customer does not exist (any more). */
  Future<Optional<SpeedTestResult>> insert(long customerId, OffsetDateTime at, Measurement m) {
    return pool.preparedQuery(SpeedTestSql.INSERT)
        .execute(Tuple.of(customerId, at, m.latencyMs(), m.jitterMs(), m.downloadMbps(), m.uploadMbps()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(SpeedTestResult.from(rows.iterator().next())));
  }

  Future<SpeedTestResult> insertWithPlan(long customerId, OffsetDateTime at, Measurement m, String planName, Integer planSpeedMbps) {
    return pool.preparedQuery(SpeedTestSql.INSERT_WITH_PLAN)
        .execute(Tuple.from(new Object[] {customerId, at, m.latencyMs(), m.jitterMs(), m.downloadMbps(), m.uploadMbps(), planName,
            planSpeedMbps}))
        .map(rows -> SpeedTestResult.from(rows.iterator().next()));
  }

  Future<List<SpeedTestResult>> page(long customerId, long beforeId, int limit) {
    return pool.preparedQuery(SpeedTestSql.PAGE).execute(Tuple.of(customerId, beforeId, limit)).map(rows -> {
      List<SpeedTestResult> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(SpeedTestResult.from(r)));
      return out;
    });
  }

  Future<Boolean> customerExists(long customerId) {
    return pool.preparedQuery(SpeedTestSql.CUSTOMER_EXISTS).execute(Tuple.of(customerId)).map(rows -> rows.size() > 0);
  }
}
