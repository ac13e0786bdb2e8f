package id.aglis.hub.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered migrations in {@code db/migration} with Flyway, once per cluster.
 *
 * <p>Nodes starting together queue on a cluster-wide lock, so only the first does the work and the
 * others find the schema current. Flyway's JDBC work runs on a worker thread, never the event loop.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String LOCK = "aglis.migrations";
  private static final long LOCK_WAIT_MS = 120_000;

  private Migrations() {
  }

  public static Future<Integer> run(Vertx vertx, PgConnectOptions target) {
    return vertx.sharedData().getLockWithTimeout(LOCK, LOCK_WAIT_MS)
        .compose(lock -> vertx.executeBlocking(() -> migrate(target), false)
            .andThen(done -> lock.release()));
  }

  private static int migrate(PgConnectOptions target) {
    MigrateResult result = Flyway.configure()
        .dataSource(Databases.jdbcUrl(target), target.getUser(), target.getPassword())
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("Applied {} migration(s); schema is now at version {}", result.migrationsExecuted, result.targetSchemaVersion);
    }
    return result.migrationsExecuted;
  }

}
