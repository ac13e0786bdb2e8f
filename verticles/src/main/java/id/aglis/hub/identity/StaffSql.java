package id.aglis.hub.identity;

/** SQL of {@link StaffRepository}. */
final class StaffSql {

  private StaffSql() {
  }

  static final String COLUMNS = "id, username, name, role, phone, email, password_hash, active, created_at, updated_at";

  static final String INSERT = "insert into staff (username, name, role, phone, email, password_hash) "
      + "values ($1, $2, $3, $4, $5, $6) returning " + COLUMNS;

  /** Insert unless the username exists; returns no row when it did. */
  static final String INSERT_IF_ABSENT = "insert into staff (username, name, role, phone, email, password_hash) "
      + "values ($1, $2, $3, $4, $5, $6) on conflict (username) do nothing returning " + COLUMNS;

  static final String BY_ID = "select " + COLUMNS + " from staff where id = $1";

  static final String BY_ID_FOR_UPDATE = BY_ID + " for update";

  static final String BY_USERNAME = "select " + COLUMNS + " from staff where username = $1";

  static final String UPDATE = "update staff set name = $2, role = $3, phone = $4, email = $5, active = $6, "
      + "password_hash = coalesce($7, password_hash), updated_at = now() where id = $1 returning " + COLUMNS;

  /** $2 an ILIKE pattern for username and name, $4 a role, $5 active or not; each null for no filter. */
  static final String PAGE = "select " + COLUMNS + " from staff where id < $1 "
      + "and ($2::text is null or username ilike $2 or name ilike $2) and ($4::text is null or role = $4) "
      + "and ($5::boolean is null or active = $5) order by id desc limit $3";
}
