package id.aglis.hub.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Small hub-wide values every node must agree on (for example the CSRF signing secret), kept in the
 * {@code hub_settings} table. The first node to ask creates the value; the rest read the same one.
 */
public final class HubSettings {

  static final String INSERT_IF_ABSENT = "insert into hub_settings (key, value) values ($1, $2) on conflict (key) do nothing returning key";
  static final String SELECT = "select value from hub_settings where key = $1";

  private static final SecureRandom RANDOM = new SecureRandom();

  private HubSettings() {
  }

  /** The shared random secret named {@code key}, created on first use. */
  public static Future<String> secret(SqlClient client, String key) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return client.preparedQuery(INSERT_IF_ABSENT).execute(Tuple.of(key, candidate))
        .compose(ignored -> client.preparedQuery(SELECT).execute(Tuple.of(key)))
        .map(rows -> rows.iterator().next().getString("value"));
  }

  /** Records {@code key} once; true for the one caller that recorded it (a cluster-wide "do this once"). */
  public static Future<Boolean> claim(SqlClient client, String key, String value) {
    return client.preparedQuery(INSERT_IF_ABSENT).execute(Tuple.of(key, value)).map(rows -> rows.size() > 0);
  }
}
