package id.aglis.hub.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the shared PostgreSQL pool and the JDBC view of the same server (for Flyway). */
public final class Databases {

  /**
   * Each pool's configured size, tagged {@code pool_name} like Vert.x's own pool meters ({@code vertx_pool_in_use},
   * {@code vertx_pool_queue_pending}), which carry no size: with it, "in use" can be read as a share.
   */
  public static final String POOL_SIZE_METER = "aglis_pg_pool_max_size";

  private Databases() {
  }

  /** Parses a {@code postgresql://user:password@host:port/db} URI; fails with a message naming the problem. */
  public static PgConnectOptions connectOptions(String uri) {
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    return options.setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512);
  }

  public static Pool pool(Vertx vertx, PgConnectOptions options, int maxSize, MeterRegistry registry) {
    return pool(vertx, options, maxSize, "aglis-pg", registry);
  }

  private static Pool pool(Vertx vertx, PgConnectOptions options, int maxSize, String name, MeterRegistry registry) {
    Gauge.builder(POOL_SIZE_METER, () -> maxSize).tag("pool_name", name).tag("pool_type", "sql")
        .description("Connections the pool may open").register(registry);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName(name).setShared(false))
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  /**
   * A small pool for the dispatcher's set-based hot-path statements (one row per message of a batch, found
   * by primary key). Its sessions tell the planner not to scan tables: PostgreSQL settles on a generic plan
   * after five executions, and one made while the table was nearly empty (right after installation, before
   * autovacuum has analysed it) goes on scanning the table once it is large. Measured with
   * {@code bench/dispatch.sh throughput} on a fresh database: 1.3 billion rows read by 17,000 scans, and
   * 1,166 messages a second instead of about 3,500. (Planning every execution afresh also avoids it, but
   * cost a fifth of the throughput with three nodes.)
   */
  public static Pool keyedWritePool(Vertx vertx, PgConnectOptions options, int maxSize, MeterRegistry registry) {
    PgConnectOptions keyed = new PgConnectOptions(options).addProperty("enable_seqscan", "off")
        // Each statement is a batch the node's next batch waits for: one that hangs must fail (and be retried
        // call by call), not stall every send on the node.
        .addProperty("statement_timeout", "15s").addProperty("lock_timeout", "5s");
    return pool(vertx, keyed, maxSize, "aglis-pg-keyed", registry);
  }

  /** The same server for JDBC (Flyway), keeping the TLS mode of the URI. */
  public static String jdbcUrl(PgConnectOptions options) {
    String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
    String url = "jdbc:postgresql://" + host + ":" + options.getPort() + "/" + options.getDatabase();
    return options.getSslMode() == null ? url : url + "?sslmode=" + options.getSslMode().value;
  }
}
