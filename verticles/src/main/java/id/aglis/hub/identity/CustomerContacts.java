package id.aglis.hub.identity;

import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** {@link CustomerDirectory} over the customers table. */
final class CustomerContacts implements CustomerDirectory {

  private static final String COLUMNS = "id, customer_no, name, phone, address, plan, status, ticket_notices, installation_notices";
  private static final String BY_ID = "select " + COLUMNS + " from customers where id = $1";
  private static final String BY_NO = "select " + COLUMNS + " from customers where lower(customer_no) = lower($1)";

  private final Pool pool;

  CustomerContacts(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Contact>> byId(long id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(CustomerContacts::first);
  }

  @Override
  public Future<Optional<Contact>> byCustomerNo(String customerNo) {
    return pool.preparedQuery(BY_NO).execute(Tuple.of(customerNo)).map(CustomerContacts::first);
  }

  private static Optional<Contact> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new Contact(row.getLong("id"), row.getString("customer_no"), row.getString("name"),
        row.getString("phone"), row.getString("address"), row.getString("plan"), row.getString("status"),
        row.getBoolean("ticket_notices"), row.getBoolean("installation_notices")));
  }
}
