package id.aglis.hub.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): the Unix time in milliseconds, then 74 random bits. Ids made one after the
 * other sort together, so a table's primary-key index takes new rows at its right edge, where the pages
 * are already in memory, instead of on a random page of the whole index; they are as hard to guess as
 * {@link UUID#randomUUID()}'s, and reveal only when the row was made.
 */
public final class TimeOrderedIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TimeOrderedIds() {
  }

  public static UUID next() {
    return at(System.currentTimeMillis());
  }

  /** An id made at {@code millis} (Unix time): tests give the times instead of waiting for them to pass. */
  static UUID at(long millis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long mostSignificant = millis << 16 | 0x7000L | (random[0] & 0x0FL) << 8 | random[1] & 0xFFL;
    long leastSignificant = 0x8000_0000_0000_0000L | (random[2] & 0x3FL) << 56;
    for (int i = 3; i < 10; i++) {
      leastSignificant |= (random[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(mostSignificant, leastSignificant);
  }
}
