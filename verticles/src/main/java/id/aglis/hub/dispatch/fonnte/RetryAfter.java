package id.aglis.hub.dispatch.fonnte;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): delay seconds, or an HTTP date. */
final class RetryAfter {

  private RetryAfter() {
  }

  /** Milliseconds to wait, or null when the header is absent or unreadable (the caller's backoff then applies). */
  static Long millis(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      return seconds(value);
    }
    return untilDate(value, now);
  }

  private static Long seconds(String digits) {
    try {
      return Math.multiplyExact(Long.parseLong(digits), 1000L);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      return null;
    }
  }

  private static Long untilDate(String value, Instant now) {
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0L, at.toEpochMilli() - now.toEpochMilli());
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }
}
