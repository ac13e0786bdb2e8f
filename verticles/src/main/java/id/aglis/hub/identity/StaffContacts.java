package id.aglis.hub.identity;

import id.aglis.hub.web.Role;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link StaffDirectory} over the staff table. */
final class StaffContacts implements StaffDirectory {

  private static final String COLUMNS = "id, username, name, role, phone";
  private static final String ACTIVE = "select " + COLUMNS + " from staff where active and (role = any($1) or username = any($2)) order by id";
  private static final String BY_PHONE = "select " + COLUMNS + " from staff where active and phone = $1 order by id limit 1";
  private static final String KNOWN = "select username from staff where active and username = any($1)";

  private final Pool pool;

  StaffContacts(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Contact>> active(Set<Role> roles, Set<String> usernames) {
    String[] roleNames = roles.stream().map(Role::wire).toArray(String[]::new);
    // Built explicitly: Tuple.of(String[], String[]) would spread the second array as varargs.
    Tuple args = Tuple.tuple().addArrayOfString(roleNames).addArrayOfString(usernames.toArray(String[]::new));
    return pool.preparedQuery(ACTIVE).execute(args).map(StaffContacts::contacts);
  }

  @Override
  public Future<Optional<Contact>> byPhone(String phone) {
    return pool.preparedQuery(BY_PHONE).execute(Tuple.of(phone)).map(rows -> contacts(rows).stream().findFirst());
  }

  @Override
  public Future<Set<String>> unknown(Set<String> usernames) {
    if (usernames.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery(KNOWN).execute(Tuple.tuple().addArrayOfString(usernames.toArray(String[]::new))).map(rows -> {
      Set<String> missing = new HashSet<>(usernames);
      rows.forEach(row -> missing.remove(row.getString("username")));
      return missing;
    });
  }

  private static List<Contact> contacts(RowSet<Row> rows) {
    List<Contact> contacts = new ArrayList<>();
    rows.forEach(row -> contacts.add(new Contact(row.getLong("id"), row.getString("username"), row.getString("name"),
        Role.fromWire(row.getString("role")), row.getString("phone"))));
    return contacts;
  }
}
