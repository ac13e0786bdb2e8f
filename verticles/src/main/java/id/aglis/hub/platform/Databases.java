package id.aglis.hub.platform;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the shared PostgreSQL pool and the JDBC view of the same server (for Flyway). */
public final class Databases {

  private Databases() {
  }

  /** Parses a {@code postgresql://user:password@host:port/db} URI; fails with a message naming the problem. */
  public static PgConnectOptions connectOptions(String uri) {
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    return options.setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512);
  }

  public static Pool pool(Vertx vertx, PgConnectOptions options, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName("aglis-pg").setShared(false))
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  /** The same server for JDBC (Flyway), keeping the TLS mode of the URI. */
  public static String jdbcUrl(PgConnectOptions options) {
    String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
    String url = "jdbc:postgresql://" + host + ":" + options.getPort() + "/" + options.getDatabase();
    return options.getSslMode() == null ? url : url + "?sslmode=" + options.getSslMode().value;
  }
}
