package id.aglis.hub.ops;

import id.aglis.hub.common.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * The database's slowest statements, from {@code pg_stat_statements}: what the Performance page shows so a NOC
 * engineer can tell a slow query from a slow node. When the extension cannot be read the answer says why
 * ({@code available: false}) instead of failing: it is a fact about the server, not an error of the request.
 */
final class Statements {

  /** How the list is ranked. */
  enum Order {
    /** The slowest on average: what a single request waits for. */
    MEAN("mean_exec_time"),
    /** The most database time in all: what loads the server. */
    TOTAL("total_exec_time"),
    CALLS("calls");

    private final String column;

    Order(String column) {
      this.column = column;
    }

    String column() {
      return column;
    }

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Order parse(String text) {
      for (Order order : values()) {
        if (order.wire().equals(text)) {
          return order;
        }
      }
      return null;
    }
  }

  /** Why the statements cannot be shown: the extension is not created in this database. */
  static final String NOT_INSTALLED = "not_installed";
  /** The extension exists but the server did not load its library at start ({@code shared_preload_libraries}). */
  static final String NOT_LOADED = "not_loaded";
  /** The hub's database role may not read it. */
  static final String NO_PRIVILEGE = "no_privilege";

  private static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final String UNDEFINED_TABLE = "42P01";

  private final Pool pool;

  Statements(Pool pool) {
    this.pool = pool;
  }

  /**
   * {@code {"available":true,"order","countedSince","items":[{"query","calls","meanMs","totalMs","rows"}]}}, or
   * {@code {"available":false,"reason","message"}}.
   */
  Future<JsonObject> slowest(int limit, Order order) {
    return pool.preparedQuery(StatementSql.EXTENSION_SCHEMA).execute().compose(found -> {
      if (found.size() == 0) {
        return Future.succeededFuture(unavailable(NOT_INSTALLED,
            "pg_stat_statements is not installed in this database: a superuser must run 'create extension pg_stat_statements'."));
      }
      String schema = found.iterator().next().getString(0);
      return pool.preparedQuery(StatementSql.slowest(schema, order)).execute(Tuple.of(limit))
          .compose(rows -> countedSince(schema).map(since -> available(rows, order, since)))
          .recover(Statements::unavailableFor);
    });
  }

  private Future<String> countedSince(String schema) {
    return pool.preparedQuery(StatementSql.countedSince(schema)).execute()
        .map(rows -> {
          OffsetDateTime reset = rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0);
          return reset == null ? null : Times.iso(reset);
        })
        // An extension older than 1.9 has no such view; the list stands without it.
        .otherwise((String) null);
  }

  private static JsonObject available(RowSet<Row> rows, Order order, String since) {
    JsonArray items = new JsonArray();
    for (Row row : rows) {
      items.add(new JsonObject().put("query", row.getString("query")).put("calls", row.getLong("calls"))
          .put("meanMs", millis(row.getDouble("mean_exec_time"))).put("totalMs", millis(row.getDouble("total_exec_time")))
          .put("rows", row.getLong("rows")));
    }
    return new JsonObject().put("available", true).put("order", order.wire()).put("countedSince", since).put("items", items);
  }

  private static Future<JsonObject> unavailableFor(Throwable failure) {
    if (failure instanceof PgException pg) {
      switch (pg.getSqlState()) {
        case OBJECT_NOT_IN_PREREQUISITE_STATE:
          return Future.succeededFuture(unavailable(NOT_LOADED,
              "pg_stat_statements is installed but not loaded: add it to shared_preload_libraries and restart PostgreSQL."));
        case INSUFFICIENT_PRIVILEGE:
          return Future.succeededFuture(unavailable(NO_PRIVILEGE, "The hub's database role may not read pg_stat_statements."));
        case UNDEFINED_TABLE:
          return Future.succeededFuture(unavailable(NOT_INSTALLED, "pg_stat_statements' view is missing in this database."));
        default:
          break;
      }
    }
    return Future.failedFuture(failure);
  }

  private static JsonObject unavailable(String reason, String message) {
    return new JsonObject().put("available", false).put("reason", reason).put("message", message);
  }

  private static double millis(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
