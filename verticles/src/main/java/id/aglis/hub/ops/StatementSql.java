package id.aglis.hub.ops;

/** SQL of {@link Statements}. */
final class StatementSql {

  private StatementSql() {
  }

  /** The schema pg_stat_statements was created in (by migration V013, or by a DBA); no row when it is not installed. */
  static final String EXTENSION_SCHEMA = "select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace "
      + "where e.extname = 'pg_stat_statements'";

  /**
   * The statements of this database only (the server's other databases are none of the hub's business), worst first
   * by {@code %2$s}; {@code %1$s} is the extension's schema as a quoted identifier. The page's own reading of the
   * view is left out. Query texts are normalised by the extension (constants become $1, $2 …), and cut to 4,000
   * characters.
   */
  private static final String SLOWEST = "select left(s.query, 4000) as query, s.calls, s.mean_exec_time, s.total_exec_time, s.rows "
      + "from %1$s.pg_stat_statements s "
      + "where s.dbid = (select oid from pg_database where datname = current_database()) "
      + "and s.query not like '%%pg_stat_statements%%' "
      + "order by %2$s desc limit $1";

  /** Since when the figures are counted (extension 1.9+, PostgreSQL 14+). */
  private static final String COUNTED_SINCE = "select stats_reset from %1$s.pg_stat_statements_info";

  static String slowest(String schema, Statements.Order order) {
    return String.format(SLOWEST, identifier(schema), order.column());
  }

  static String countedSince(String schema) {
    return String.format(COUNTED_SINCE, identifier(schema));
  }

  /** A catalog name as a quoted identifier. */
  private static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
