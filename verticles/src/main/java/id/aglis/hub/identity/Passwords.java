package id.aglis.hub.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Argon2id password hashing (password4j), off the event loop, on a worker pool of its own: one thread per core. On
 * Vert.x's shared worker pool (20 threads) a crowd signing in at once (say, a thousand customers after an outage)
 * crowded the event loops off the cores and the whole node stalled for everyone, staff included (browsing p99 14 s);
 * bounded to the cores, sign-ins queue among themselves while everything else keeps answering (p99 43 ms in the same
 * burst), and half the cores would halve the sign-ins answered (measured with {@code bench/portal.sh}).
 *
 * <p>Parameters follow OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): about 30 ms per hash on
 * this hardware, slow enough to blunt offline guessing, fast enough for a login burst at shift change.
 * Hashes are stored in the PHC string format, so parameters can be raised later without a migration.
 */
public final class Passwords {

  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  /** Verified against when the account does not exist, so both failures take the same time. */
  private static final String DUMMY_HASH = hashNow("not-a-real-password-" + System.nanoTime());

  static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final WorkerExecutor workers;

  public Passwords(Vertx vertx) {
    this.workers = vertx.createSharedWorkerExecutor("password-hashing", WORKERS);
  }

  public Future<String> hash(String plain) {
    return workers.executeBlocking(() -> hashNow(plain), false);
  }

  /** True only when {@code storedHash} is present and matches; a null hash still costs one verification. */
  public Future<Boolean> verify(String plain, String storedHash) {
    return workers.executeBlocking(() -> {
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
