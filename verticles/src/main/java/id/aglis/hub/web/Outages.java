package id.aglis.hub.web;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.Set;

/**
 * Tells a dependency that is down for now (PostgreSQL or Redis unreachable, restarting, or out of
 * connections) from a defect: the first is a 503 with Retry-After that clients and Fonnte retry, the
 * second a 500.
 */
public final class Outages {

  /**
   * PostgreSQL's codes for "not now": connection failures (08000, 08003, 08006, 08001, 08004; not 08P01, a
   * protocol violation, which is a defect), shutting down, starting up, too many connections.
   */
  private static final Set<String> PG_TEMPORARY = Set.of("08000", "08003", "08006", "08001", "08004", "57P01", "57P02", "57P03",
      "53300", "53400");

  private Outages() {
  }

  public static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof ClosedConnectionException
          || t instanceof io.netty.channel.ConnectTimeoutException) {
        return true;
      }
      if (t instanceof PgException pg && PG_TEMPORARY.contains(pg.getSqlState())) {
        return true;
      }
      String message = t.getMessage();
      // The pool's and the Redis client's own words when no connection can be had, and Redis reading its
      // append-only file after a restart.
      if (message != null && (message.startsWith("LOADING") || message.contains("Connection refused") || message.contains("Connection is closed")
          || message.contains("Timeout when waiting for the connection") || message.contains("Connection closed"))) {
        return true;
      }
    }
    return false;
  }
}
