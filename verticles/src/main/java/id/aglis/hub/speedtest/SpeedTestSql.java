package id.aglis.hub.speedtest;

/** SQL of {@link SpeedTestRepository}. */
final class SpeedTestSql {

  private SpeedTestSql() {
  }

  static final String COLUMNS = "id, customer_id, at, latency_ms, jitter_ms, download_mbps, upload_mbps, plan_name, plan_speed_mbps";

  /**
   * Saves a result with the customer's plan as it is now, in one statement. The plan's speed is
   * {@code customers.plan_speed_mbps}; while a customer has none, the number before "Mbps" in the plan's name
   * ("Rumah 30 Mbps") stands in, since that is what the customer was sold. No row (no such customer): nothing saved.
   */
  static final String INSERT = "insert into speed_tests (customer_id, at, latency_ms, jitter_ms, download_mbps, upload_mbps, "
      + "plan_name, plan_speed_mbps) "
      + "select c.id, $2, $3, $4, $5, $6, c.plan, coalesce(c.plan_speed_mbps, "
      + "substring(c.plan from '(?i)([0-9]{1,6}) *mbps')::integer) "
      + "from customers c where c.id = $1 returning " + COLUMNS;

  /**
   * Saves a result with a plan given by the caller (the demo, which knows the plans it made). It reads nothing of
   * {@code customers}, so the demo seeds on a schema without {@code plan_speed_mbps} too.
   */
  static final String INSERT_WITH_PLAN = "insert into speed_tests (customer_id, at, latency_ms, jitter_ms, download_mbps, "
      + "upload_mbps, plan_name, plan_speed_mbps) values ($1, $2, $3, $4, $5, $6, $7, $8) returning " + COLUMNS;

  /** One customer's results below the cursor's id, newest first. */
  static final String PAGE = "select " + COLUMNS + " from speed_tests where customer_id = $1 and id < $2 order by id desc limit $3";

  static final String CUSTOMER_EXISTS = "select 1 from customers where id = $1";
}
