package id.aglis.hub.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one place the hub turns times into text and back. Never {@link OffsetDateTime#toString()} or
 * {@link Instant#toString()}: they leave out zero seconds and zero fractions ({@code 06:57Z} next to
 * {@code 06:56:50.123Z}), which strict parsers refuse, which sort wrongly as text, and which give one instant
 * two spellings.
 *
 * <p>For a client ({@link #iso}): ISO-8601 in UTC with seconds and six fraction digits always present,
 * {@code 2026-12-03T06:57:00.000000Z}. Microseconds are kept because PostgreSQL stores them and a message's
 * timeline events can be that close; a fixed width in one offset means the text sorts as the times do.
 * Clients may still send any ISO time with an offset.
 *
 * <p>On the event bus ({@link #withOffset}, {@link #parse}): ISO-8601 with seconds and the sender's offset
 * kept, {@code 2026-03-01T08:00:00+07:00}, with a fraction only when there is one; a receiver gets back the
 * same {@link OffsetDateTime}, offset and all.
 */
public final class Times {

  /** The business time zone (WIB): quiet hours, "today", dates without a time, and days in reports. */
  public static final String BUSINESS_ZONE_ID = "Asia/Jakarta";
  public static final ZoneId BUSINESS_ZONE = ZoneId.of(BUSINESS_ZONE_ID);

  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  private Times() {
  }

  /** The time in UTC, as {@code 2026-12-03T06:57:00.000000Z}; null stays null. */
  public static String iso(OffsetDateTime time) {
    return time == null ? null : ISO.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** The instant in UTC, as {@code 2026-12-03T06:57:00.000000Z}; null stays null. */
  public static String iso(Instant time) {
    return time == null ? null : iso(time.atOffset(ZoneOffset.UTC));
  }

  /** An ISO time with offset as written elsewhere (by PostgreSQL in JSON, say), rewritten in the hub's form. */
  public static String iso(String isoTime) {
    return isoTime == null ? null : iso(OffsetDateTime.parse(isoTime));
  }

  /** Now, in the hub's form. */
  public static String now() {
    return iso(Instant.now());
  }

  /** The time with its own offset, as {@code 2026-03-01T08:00:00+07:00} (seconds always); null stays null. */
  public static String withOffset(OffsetDateTime time) {
    return time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
  }

  /** An ISO-8601 time with offset (seconds optional); null stays null. */
  public static OffsetDateTime parse(String text) {
    return text == null ? null : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** Like {@link #parse(String)}, but a local time without an offset is read in {@code zone} (as the API reads it). */
  public static OffsetDateTime parse(String text, ZoneId zone) {
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
