package id.aglis.hub.identity;

import id.aglis.hub.platform.Likes;
import id.aglis.hub.web.PgErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Staff accounts in PostgreSQL. */
public final class StaffRepository {

  private static final Map<String, String> UNIQUE_FIELDS = Map.of("staff_username_key", "username");

  private final Pool pool;

  public StaffRepository(Pool pool) {
    this.pool = pool;
  }

  public record NewStaff(String username, String name, String role, String phone, String email, String passwordHash) {
    Tuple tuple() {
      return Tuple.of(username, name, role, phone, email, passwordHash);
    }
  }

  public Future<StaffMember> insert(NewStaff staff) {
    return pool.preparedQuery(StaffSql.INSERT).execute(staff.tuple())
        .map(rows -> StaffMember.from(rows.iterator().next()))
        .recover(PgErrors.uniqueAs(UNIQUE_FIELDS));
  }

  /** Creates the account unless the username is taken; empty when it was (so N nodes seed it once). */
  public Future<Optional<StaffMember>> insertIfAbsent(SqlClient client, NewStaff staff) {
    return client.preparedQuery(StaffSql.INSERT_IF_ABSENT).execute(staff.tuple()).map(StaffRepository::first);
  }

  public Future<Optional<StaffMember>> findById(long id) {
    return pool.preparedQuery(StaffSql.BY_ID).execute(Tuple.of(id)).map(StaffRepository::first);
  }

  public Future<Optional<StaffMember>> findByUsername(String username) {
    return pool.preparedQuery(StaffSql.BY_USERNAME).execute(Tuple.of(username)).map(StaffRepository::first);
  }

  /**
   * Reads the row under a lock, lets {@code change} produce the new state (it may fail the request), and
   * writes it back, all in one transaction. {@code newPasswordHash} replaces the hash when not null.
   */
  public Future<Optional<StaffMember>> update(long id, UnaryOperator<StaffMember> change, String newPasswordHash) {
    return pool.withTransaction(tx -> tx.preparedQuery(StaffSql.BY_ID_FOR_UPDATE).execute(Tuple.of(id))
        .map(StaffRepository::first)
        .compose(current -> {
          if (current.isEmpty()) {
            return Future.succeededFuture(Optional.<StaffMember>empty());
          }
          StaffMember next = change.apply(current.get());
          return tx.preparedQuery(StaffSql.UPDATE)
              .execute(Tuple.of(id, next.name(), next.role().wire(), next.phone(), next.email(), next.active(), newPasswordHash))
              .map(StaffRepository::first);
        }));
  }

  /**
   * Newest first, ids below {@code beforeId}; {@code search} matches username or name (case-insensitive);
   * {@code role} and {@code active}, when given, keep only accounts with that role or state.
   */
  public Future<List<StaffMember>> page(long beforeId, String search, String role, Boolean active, int limit) {
    String pattern = search == null ? null : "%" + Likes.escape(search) + "%";
    return pool.preparedQuery(StaffSql.PAGE).execute(Tuple.of(beforeId, pattern, limit, role, active))
        .map(rows -> rows.stream().map(StaffMember::from).toList());
  }

  private static Optional<StaffMember> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(StaffMember.from(rows.iterator().next()));
  }
}
