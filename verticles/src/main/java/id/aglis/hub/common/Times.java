package id.aglis.hub.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one way the hub writes a time for a client: ISO-8601 in UTC with seconds and six fraction digits
 * always present, {@code 2026-12-03T06:57:00.000000Z}. {@link OffsetDateTime#toString()} and
 * {@link Instant#toString()} leave out zero seconds and zero fractions ({@code 06:57Z} next to
 * {@code 06:56:50.123Z}), which strict parsers refuse and which sort wrongly as text. Microseconds are
 * kept because PostgreSQL stores them and a message's timeline events can be that close; a fixed width
 * in one offset means the text sorts as the times do. Clients may still send any ISO time with an offset.
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
}
