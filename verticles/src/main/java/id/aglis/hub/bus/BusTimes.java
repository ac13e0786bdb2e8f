package id.aglis.hub.bus;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times on the bus: ISO-8601 with seconds and offset, e.g. {@code 2026-03-01T08:00:00+07:00}, with a
 * fraction only when there is one. Never {@code OffsetDateTime.toString()}, which drops zero seconds
 * ({@code 08:00+07:00}) and so gives the same instant two spellings.
 */
final class BusTimes {

  private BusTimes() {
  }

  static String format(OffsetDateTime at) {
    return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
  }

  static OffsetDateTime parse(String text) {
    return text == null ? null : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** Like {@link #parse}, but a local time without an offset is read in {@code zone} (as the API reads it). */
  static OffsetDateTime parse(String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    try {
      return parse(text);
    } catch (DateTimeParseException withoutOffset) {
      return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
    }
  }
}
