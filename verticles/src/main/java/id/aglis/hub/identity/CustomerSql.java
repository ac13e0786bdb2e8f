package id.aglis.hub.identity;

/** SQL of {@link CustomerRepository}. */
final class CustomerSql {

  private CustomerSql() {
  }

  static final String COLUMNS = "id, customer_no, name, phone, email, address, latitude, longitude, plan, plan_speed_mbps, "
      + "plan_price, status, status_reason, password_hash, created_at, updated_at";

  /** A null customer number gets the next one from the sequence, e.g. {@code AGL-000042}. */
  static final String INSERT = "insert into customers "
      + "(customer_no, name, phone, email, address, latitude, longitude, plan, plan_speed_mbps, plan_price, status, "
      + "status_reason, password_hash) values "
      + "(coalesce($1, 'AGL-' || lpad(nextval('customer_no_seq')::text, 6, '0')), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
      + "$12, $13) "
      + "returning " + COLUMNS;

  /** Moves the number sequence past numbers given by hand (demo data), so assigned ones never clash. */
  static final String SKIP_NUMBERS_UP_TO = "select setval('customer_no_seq', greatest($1, (select last_value from customer_no_seq)))";

  static final String BY_ID = "select " + COLUMNS + " from customers where id = $1";

  static final String BY_ID_FOR_UPDATE = BY_ID + " for update";

  static final String BY_CUSTOMER_NO = "select " + COLUMNS + " from customers where lower(customer_no) = lower($1)";

  static final String BY_PHONE = "select " + COLUMNS + " from customers where phone = $1";

  static final String UPDATE = "update customers set customer_no = $2, name = $3, phone = $4, email = $5, address = $6, "
      + "latitude = $7, longitude = $8, plan = $9, plan_speed_mbps = $10, plan_price = $11, status = $12, "
      + "status_reason = $13, password_hash = coalesce($14, password_hash), updated_at = now() where id = $1 returning "
      + COLUMNS;

  /**
   * $2 is an ILIKE pattern for number and name; $3 a phone-digits prefix pattern; both null for no search.
   * $5 a status, or null for every status.
   */
  static final String PAGE = "select " + COLUMNS + " from customers where id < $1 and ($2::text is null "
      + "or customer_no ilike $2 or name ilike $2 or phone like $3) and ($5::text is null or status = $5) "
      + "order by id desc limit $4";
}
