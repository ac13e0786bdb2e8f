package id.aglis.hub.webhook;

import id.aglis.hub.platform.Batcher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The write-ahead log of Fonnte callbacks: recorded before they are answered, applied after. */
public final class CallbackRepository {

  /**
   * Records callbacks ($1 kinds, $2 devices, $3 bodies), one element each, and answers their ids in the same
   * order. The ids are drawn before the insert, so each caller gets its own whatever order RETURNING keeps.
   */
  static final String INSERT_MANY = "with input as (select i.*, nextval(pg_get_serial_sequence('wa_callbacks', 'id')) as id "
      + "from unnest($1::text[], $2::text[], $3::jsonb[]) with ordinality as i(kind, device, body, n)), "
      + "stored as (insert into wa_callbacks (id, kind, device, body) overriding system value "
      + "select id, kind, device, body from input order by n returning id) "
      + "select input.id from input join stored using (id) order by input.n";
  /** Pending callbacks of one kind, oldest first, locked so that nodes applying at once never take the same. */
  static final String PENDING = "select id, device, body, received_at, attempts from wa_callbacks "
      + "where kind = $1 and processed_at is null and (retry_at is null or retry_at <= now()) "
      + "order by id limit $2 for update skip locked";
  /**
   * Leases a page of pending callbacks of one kind ($1), oldest first, at most $2, for $3 seconds: the lease is
   * {@code retry_at} moved ahead, so a node that dies before settling them gives them back by itself. The
   * statement commits at once: no transaction is held while they are applied.
   */
  static final String LEASE = "with page as (select id from wa_callbacks where kind = $1 and processed_at is null "
      + "and (retry_at is null or retry_at <= now()) order by id limit $2 for update skip locked) "
      + "update wa_callbacks c set retry_at = now() + make_interval(secs => $3) from page where c.id = page.id "
      + "returning c.id, c.device, c.body, c.received_at, c.attempts";
  static final String DONE = "update wa_callbacks set processed_at = now(), outcome = $2, attempts = attempts + 1 where id = $1";
  /** Settles leased callbacks ($1 ids, $2 outcomes) that are done. */
  static final String DONE_MANY = "update wa_callbacks c set processed_at = now(), outcome = i.outcome, attempts = c.attempts + 1 "
      + "from unnest($1::bigint[], $2::text[]) as i(id, outcome) where c.id = i.id and c.processed_at is null";
  /**
   * Leased callbacks ($1 ids) not applicable yet: backs off 2 s, 4 s, … up to a minute, so waiting receipts never
   * crowd out new ones.
   */
  static final String RETRY_LATER_MANY = "update wa_callbacks set attempts = attempts + 1, "
      + "retry_at = now() + least(interval '60 seconds', interval '2 seconds' * power(2, least(attempts, 5))) "
      + "where id = any($1) and processed_at is null";

  private final Pool pool;
  /**
   * Callbacks arriving together are committed together: under a flood of receipts one commit (one disk
   * flush) then answers many of Fonnte's requests instead of one.
   */
  private final Batcher<Incoming, Long> records = new Batcher<>(this::recordAll);

  public CallbackRepository(Pool pool) {
    this.pool = pool;
  }

  private record Incoming(String kind, String device, JsonObject body) {
  }

  public record Callback(long id, String device, JsonObject body, java.time.OffsetDateTime receivedAt, int attempts) {
    static Callback from(Row row) {
      return new Callback(row.getLong("id"), row.getString("device"), (JsonObject) row.getValue("body"),
          row.getOffsetDateTime("received_at"), row.getInteger("attempts"));
    }
  }

  /** Records one callback durably; answers its id once it is committed. */
  public Future<Long> record(String kind, String device, JsonObject body) {
    return records.submit(new Incoming(kind, device, body));
  }

  private Future<List<Long>> recordAll(List<Incoming> batch) {
    Tuple values = Tuple.of(batch.stream().map(Incoming::kind).toArray(String[]::new),
        batch.stream().map(Incoming::device).toArray(String[]::new),
        batch.stream().map(Incoming::body).toArray(JsonObject[]::new));
    return pool.preparedQuery(INSERT_MANY).execute(values).map(rows -> {
      List<Long> ids = new ArrayList<>(batch.size());
      rows.forEach(row -> ids.add(row.getLong(0)));
      return ids;
    });
  }

  /** Runs {@code work} over a locked page of pending callbacks inside one transaction. */
  public Future<Integer> withPending(String kind, int limit, java.util.function.BiFunction<SqlConnection, List<Callback>, Future<Void>> work) {
    return pool.withTransaction(tx -> tx.preparedQuery(PENDING).execute(Tuple.of(kind, limit))
        .compose(rows -> {
          List<Callback> page = rows.stream().map(Callback::from).toList();
          return work.apply(tx, page).map(page.size());
        }));
  }

  /** Leases up to {@code limit} pending callbacks of {@code kind} for {@code lease} (see {@link #LEASE}), oldest first. */
  public Future<List<Callback>> lease(String kind, int limit, java.time.Duration lease) {
    return pool.preparedQuery(LEASE).execute(Tuple.of(kind, limit, (int) lease.toSeconds()))
        .map(rows -> rows.stream().map(Callback::from).sorted(java.util.Comparator.comparingLong(Callback::id)).toList());
  }

  /** What became of a leased callback: done (with its outcome), or to be tried again later (outcome null). */
  public record Settled(long id, String outcome) {
    public static Settled done(long id, String outcome) {
      return new Settled(id, outcome);
    }

    public static Settled later(long id) {
      return new Settled(id, null);
    }
  }

  /** Settles leased callbacks: two statements at most, whatever their number. */
  public Future<Void> settle(List<Settled> settled) {
    List<Settled> done = settled.stream().filter(s -> s.outcome() != null).toList();
    Long[] later = settled.stream().filter(s -> s.outcome() == null).map(Settled::id).toArray(Long[]::new);
    // Not Tuple.of(ids, outcomes): as its last argument, a String[] is taken for the varargs and spread.
    Future<Void> marked = done.isEmpty() ? Future.succeededFuture() : pool.preparedQuery(DONE_MANY)
        .execute(Tuple.tuple().addArrayOfLong(done.stream().map(Settled::id).toArray(Long[]::new))
            .addArrayOfString(done.stream().map(Settled::outcome).toArray(String[]::new)))
        .mapEmpty();
    return marked.compose(v -> later.length == 0 ? Future.succeededFuture()
        : pool.preparedQuery(RETRY_LATER_MANY).execute(Tuple.of((Object) later)).mapEmpty());
  }

  static Future<Void> done(SqlConnection tx, long id, String outcome) {
    return tx.preparedQuery(DONE).execute(Tuple.of(id, outcome)).mapEmpty();
  }

}
