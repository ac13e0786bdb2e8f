package id.aglis.hub.billing;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The code printed on an invoice or receipt PDF, which staff type in to check the paper is ours: ten characters of
 * Crockford's base32 (50 random bits, so not guessable), shown as {@code 7KQ2M-XW9TD}. Read forgivingly, as people
 * copy them from paper: any case, with or without the dash or spaces, O for 0 and I or L for 1.
 */
final class VerificationCodes {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int LENGTH = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private VerificationCodes() {
  }

  static String next() {
    StringBuilder out = new StringBuilder(LENGTH + 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i == LENGTH / 2) {
        out.append('-');
      }
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  /** The code in its stored form, or empty when {@code typed} cannot be one. */
  static Optional<String> normalise(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String raw = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1').replace('L', '1');
    if (raw.length() != LENGTH || raw.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
      return Optional.empty();
    }
    return Optional.of(raw.substring(0, LENGTH / 2) + "-" + raw.substring(LENGTH / 2));
  }
}
