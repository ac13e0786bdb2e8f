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

/** Customers in PostgreSQL. */
public final class CustomerRepository {

  private static final Map<String, String> UNIQUE_FIELDS = Map.of(
      "customers_customer_no_key", "customerNo",
      "customers_phone_key", "phone");

  private final Pool pool;

  public CustomerRepository(Pool pool) {
    this.pool = pool;
  }

  /** A customer to create; a null {@code customerNo} is assigned from the sequence. */
  public record NewCustomer(String customerNo, String name, String phone, String email, String address,
                            Double latitude, Double longitude, String plan, Integer planSpeedMbps, Long planPrice,
                            String status, String statusReason, String passwordHash) {
    Tuple tuple() {
      return Tuple.from(new Object[] {customerNo, name, phone, email, address, latitude, longitude, plan, planSpeedMbps,
          planPrice, status, statusReason, passwordHash});
    }
  }

  public Future<Customer> insert(NewCustomer customer) {
    return insert(pool, customer);
  }

  public Future<Customer> insert(SqlClient client, NewCustomer customer) {
    return insert(client, customer, 5);
  }

  /** An assigned customer number can clash with one given by hand earlier: then the next one is tried. */
  private Future<Customer> insert(SqlClient client, NewCustomer customer, int triesLeft) {
    return client.preparedQuery(CustomerSql.INSERT).execute(customer.tuple())
        .map(rows -> Customer.from(rows.iterator().next()))
        .recover(failure -> customer.customerNo() == null && triesLeft > 1 && PgErrors.isUnique(failure, "customers_customer_no_key")
            ? insert(client, customer, triesLeft - 1)
            : Future.failedFuture(failure))
        .recover(PgErrors.uniqueAs(UNIQUE_FIELDS));
  }

  /** Assigned customer numbers continue after {@code AGL-<n>}. */
  public Future<Void> skipNumbersUpTo(SqlClient client, long n) {
    return client.preparedQuery(CustomerSql.SKIP_NUMBERS_UP_TO).execute(Tuple.of(n)).mapEmpty();
  }

  public Future<Optional<Customer>> findById(long id) {
    return pool.preparedQuery(CustomerSql.BY_ID).execute(Tuple.of(id)).map(CustomerRepository::first);
  }

  public Future<Optional<Customer>> findByCustomerNo(String customerNo) {
    return pool.preparedQuery(CustomerSql.BY_CUSTOMER_NO).execute(Tuple.of(customerNo)).map(CustomerRepository::first);
  }

  public Future<Optional<Customer>> findByPhone(String normalisedPhone) {
    return pool.preparedQuery(CustomerSql.BY_PHONE).execute(Tuple.of(normalisedPhone)).map(CustomerRepository::first);
  }

  /** Read under lock, apply {@code change}, write back, in one transaction; see {@link StaffRepository#update}. */
  public Future<Optional<Customer>> update(long id, UnaryOperator<Customer> change, String newPasswordHash) {
    return pool.withTransaction(tx -> tx.preparedQuery(CustomerSql.BY_ID_FOR_UPDATE).execute(Tuple.of(id))
        .map(CustomerRepository::first)
        .compose(current -> {
          if (current.isEmpty()) {
            return Future.succeededFuture(Optional.<Customer>empty());
          }
          Customer c = change.apply(current.get());
          return tx.preparedQuery(CustomerSql.UPDATE)
              .execute(Tuple.from(new Object[] {id, c.customerNo(), c.name(), c.phone(), c.email(), c.address(),
                  c.latitude(), c.longitude(), c.plan(), c.planSpeedMbps(), c.planPrice(), c.status(), c.statusReason(),
                  newPasswordHash}))
              .map(CustomerRepository::first);
        }))
        .recover(PgErrors.uniqueAs(UNIQUE_FIELDS));
  }

  /**
   * Newest first, ids below {@code beforeId}. {@code text} matches customer number or name anywhere;
   * {@code phoneDigits}, when the query looked like a phone number, matches the start of the phone;
   * {@code status}, when given, keeps only customers with that status.
   */
  public Future<List<Customer>> search(long beforeId, String text, String phoneDigits, String status, int limit) {
    String pattern = text == null ? null : "%" + Likes.escape(text) + "%";
    String phonePattern = text == null ? null : (phoneDigits == null ? "%" + Likes.escape(text) + "%" : phoneDigits + "%");
    return pool.preparedQuery(CustomerSql.PAGE).execute(Tuple.of(beforeId, pattern, phonePattern, limit, status))
        .map(rows -> rows.stream().map(Customer::from).toList());
  }

  private static Optional<Customer> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Customer.from(rows.iterator().next()));
  }
}
