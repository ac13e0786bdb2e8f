package id.aglis.hub.webhook;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** The write-ahead log of Fonnte callbacks: recorded before they are answered, applied after. */
public final class CallbackRepository {

  static final String INSERT = "insert into wa_callbacks (kind, device, body) values ($1, $2, $3) returning id";
  /** Pending callbacks of one kind, oldest first, locked so that nodes applying at once never take the same. */
  static final String PENDING = "select id, device, body, received_at, attempts from wa_callbacks "
      + "where kind = $1 and processed_at is null and (retry_at is null or retry_at <= now()) "
      + "order by id limit $2 for update skip locked";
  static final String DONE = "update wa_callbacks set processed_at = now(), outcome = $2, attempts = attempts + 1 where id = $1";
  /** Backs off 2 s, 4 s, … up to a minute, so waiting receipts never crowd out new ones. */
  static final String RETRY_LATER = "update wa_callbacks set attempts = attempts + 1, "
      + "retry_at = now() + least(interval '60 seconds', interval '2 seconds' * power(2, least(attempts, 5))) where id = $1";

  private final Pool pool;

  public CallbackRepository(Pool pool) {
    this.pool = pool;
  }

  public record Callback(long id, String device, JsonObject body, java.time.OffsetDateTime receivedAt, int attempts) {
    static Callback from(Row row) {
      return new Callback(row.getLong("id"), row.getString("device"), (JsonObject) row.getValue("body"),
          row.getOffsetDateTime("received_at"), row.getInteger("attempts"));
    }
  }

  public Future<Long> record(String kind, String device, JsonObject body) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(kind, device, body)).map(rows -> rows.iterator().next().getLong("id"));
  }

  /** Runs {@code work} over a locked page of pending callbacks inside one transaction. */
  public Future<Integer> withPending(String kind, int limit, java.util.function.BiFunction<SqlConnection, List<Callback>, Future<Void>> work) {
    return pool.withTransaction(tx -> tx.preparedQuery(PENDING).execute(Tuple.of(kind, limit))
        .compose(rows -> {
          List<Callback> page = rows.stream().map(Callback::from).toList();
          return work.apply(tx, page).map(page.size());
        }));
  }

  static Future<Void> done(SqlConnection tx, long id, String outcome) {
    return tx.preparedQuery(DONE).execute(Tuple.of(id, outcome)).mapEmpty();
  }

  static Future<Void> retryLater(SqlConnection tx, long id) {
    return tx.preparedQuery(RETRY_LATER).execute(Tuple.of(id)).mapEmpty();
  }
}
