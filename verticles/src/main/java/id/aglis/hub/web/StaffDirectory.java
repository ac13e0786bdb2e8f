package id.aglis.hub.web;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who the active staff are and how to reach them, for features that page people (alerts, later ticket
 * escalation). Provided by the identity feature; read-only.
 */
public interface StaffDirectory {

  /** An active staff member; {@code phone} normalised to {@code 62…}, or null when none is on file. */
  record Contact(long id, String username, String name, Role role, String phone) {
  }

  /** Active staff with one of {@code roles} or one of {@code usernames}, in id order. */
  Future<List<Contact>> active(Set<Role> roles, Set<String> usernames);

  /** The active staff member whose phone this is. */
  Future<Optional<Contact>> byPhone(String phone);

  /** Which of {@code usernames} are not active staff (to refuse a rule that names them). */
  Future<Set<String>> unknown(Set<String> usernames);
}
