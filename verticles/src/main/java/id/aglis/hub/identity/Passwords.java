package id.aglis.hub.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id password hashing (password4j), off the event loop.
 *
 * <p>Parameters follow OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): about 30 ms per hash on
 * this hardware, slow enough to blunt offline guessing, fast enough for a login burst at shift change.
 * Hashes are stored in the PHC string format, so parameters can be raised later without a migration.
 */
public final class Passwords {

  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  /** Verified against when the account does not exist, so both failures take the same time. */
  private static final String DUMMY_HASH = hashNow("not-a-real-password-" + System.nanoTime());

  private final Vertx vertx;

  public Passwords(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hash(String plain) {
    return vertx.executeBlocking(() -> hashNow(plain), false);
  }

  /** True only when {@code storedHash} is present and matches; a null hash still costs one verification. */
  public Future<Boolean> verify(String plain, String storedHash) {
    return vertx.executeBlocking(() -> {
      if (storedHash == null) {
        check(plain, DUMMY_HASH);
        return false;
      }
      return check(plain, storedHash);
    }, false);
  }

  public static String hashNow(String plain) {
    return Password.hash(plain).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  private static boolean check(String plain, String hash) {
    try {
      return Password.check(plain, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException unreadableHash) {
      return false;
    }
  }
}
