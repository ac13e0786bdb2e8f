package id.aglis.hub.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Small hub-wide facts every node must agree on, kept in the {@code hub_settings} table (for example
 * "demo data was seeded").
 */
public final class HubSettings {

  static final String SELECT = "select value from hub_settings where key = $1";
  static final String INSERT_IF_ABSENT = "insert into hub_settings (key, value) values ($1, $2) on conflict (key) do nothing returning key";

  private HubSettings() {
  }

  /** The shared value named {@code key}; the first caller's {@code candidate} becomes it. */
  public static Future<String> valueOrInit(SqlClient client, String key, String candidate) {
    return client.preparedQuery(INSERT_IF_ABSENT).execute(Tuple.of(key, candidate))
        .compose(ignored -> client.preparedQuery(SELECT).execute(Tuple.of(key)))
        .map(rows -> rows.iterator().next().getString("value"));
  }

  /** Records {@code key} once; true for the one caller that recorded it (a cluster-wide "do this once"). */
  public static Future<Boolean> claim(SqlClient client, String key, String value) {
    return client.preparedQuery(INSERT_IF_ABSENT).execute(Tuple.of(key, value)).map(rows -> rows.size() > 0);
  }
}
