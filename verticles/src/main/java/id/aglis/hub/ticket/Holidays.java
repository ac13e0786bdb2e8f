package id.aglis.hub.ticket;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.HolidaysChanged;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * The public holidays the business calendar skips: the table, and this node's copy of it, which the SLA clocks read
 * synchronously. Every node reloads its copy when any node changes the list.
 */
final class Holidays {

  private static final String ALL = "select day, name from holidays order by day";
  private static final String UPSERT = "insert into holidays (day, name) values ($1, $2) on conflict (day) do update set name = excluded.name";
  private static final String DELETE = "delete from holidays where day = $1";

  private final Vertx vertx;
  private final Pool pool;
  private volatile Set<LocalDate> days = Set.of();

  Holidays(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Loads the list and keeps it fresh on this node. */
  Future<Void> start() {
    vertx.eventBus().consumer(Addresses.TICKET_HOLIDAYS_CHANGED, m -> load());
    return load().mapEmpty();
  }

  Set<LocalDate> days() {
    return days;
  }

  Future<JsonArray> list() {
    return pool.query(ALL).execute().map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("date", r.getLocalDate("day").toString()).put("name", r.getString("name"))));
      return out;
    });
  }

  Future<Void> put(LocalDate day, String name) {
    return pool.preparedQuery(UPSERT).execute(Tuple.of(day, name)).compose(v -> changed());
  }

  /** True when the day was on the list. */
  Future<Boolean> remove(LocalDate day) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(day)).compose(rows -> changed().map(rows.rowCount() > 0));
  }

  private Future<Void> changed() {
    return load().onSuccess(v -> vertx.eventBus().publish(Addresses.TICKET_HOLIDAYS_CHANGED, new HolidaysChanged().toJson())).mapEmpty();
  }

  private Future<Set<LocalDate>> load() {
    return pool.query(ALL).execute().map(rows -> {
      Set<LocalDate> loaded = new HashSet<>();
      rows.forEach(r -> loaded.add(r.getLocalDate("day")));
      days = Set.copyOf(loaded);
      return days;
    });
  }
}
