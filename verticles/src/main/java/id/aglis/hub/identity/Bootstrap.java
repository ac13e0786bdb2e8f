package id.aglis.hub.identity;

import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * First-start identity: the {@code admin} account and the {@code HUB_BOOTSTRAP_TOKEN}. Both are
 * insert-if-absent, so N nodes starting together create each once, and a restart changes nothing (a
 * password set later in {@code HUB_ADMIN_PASSWORD} does not overwrite the one in use).
 */
public final class Bootstrap {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final Identity identity;
  /** Where the one-time random admin password is shown: the console, never the log files. */
  private final Consumer<String> console;

  public Bootstrap(Pool pool, Identity identity, Consumer<String> console) {
    this.pool = pool;
    this.identity = identity;
    this.console = console;
  }

  public Future<Void> run(String adminPassword, String bootstrapToken) {
    return ensureAdmin(adminPassword).compose(v -> ensureBootstrapToken(bootstrapToken));
  }

  private Future<Void> ensureAdmin(String configuredPassword) {
    return identity.staff().findByUsername("admin").compose(existing -> {
      if (existing.isPresent()) {
        return Future.succeededFuture();
      }
      String password = configuredPassword != null ? configuredPassword : randomPassword();
      return identity.passwords().hash(password)
          .compose(hash -> identity.staff().insertIfAbsent(pool,
              new StaffRepository.NewStaff("admin", "Administrator", Role.ADMIN.wire(), null, null, hash)))
          .compose(created -> announce(created, configuredPassword == null ? password : null));
    });
  }

  private Future<Void> announce(Optional<StaffMember> created, String generatedPassword) {
    if (created.isEmpty()) {
      return Future.succeededFuture();
    }
    if (generatedPassword != null) {
      console.accept("Created staff user 'admin' with the one-time password: " + generatedPassword
          + "\n  (shown only now; sign in and change it, or set HUB_ADMIN_PASSWORD before the first start)");
    } else {
      console.accept("Created staff user 'admin' with the password from HUB_ADMIN_PASSWORD.");
    }
    return identity.audit().record(new AuditLog.Entry("system", null, "hub", "staff.created", "staff",
        String.valueOf(created.get().id()), null, new JsonObject().put("username", "admin").put("role", "admin")));
  }

  private Future<Void> ensureBootstrapToken(String secret) {
    if (secret == null) {
      return Future.succeededFuture();
    }
    return identity.tokens().insertIfAbsent(pool, "bootstrap (HUB_BOOTSTRAP_TOKEN)", Role.ADMIN.wire(), secret)
        .compose(created -> created.isEmpty() ? Future.succeededFuture()
            : identity.audit().record(new AuditLog.Entry("system", null, "hub", "token.created", "token",
                String.valueOf(created.get().id()), null, new JsonObject().put("name", created.get().name()).put("role", "admin"))));
  }

  private static String randomPassword() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
