package id.aglis.hub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  @DisplayName("zero seconds and zero fractions are written out, so every time has the same shape")
  void zeroSecondsAreKept() {
    OffsetDateTime onTheMinute = OffsetDateTime.parse("2026-12-03T06:57Z");
    assertThat(onTheMinute.toString()).as("what the JDK writes").isEqualTo("2026-12-03T06:57Z");
    assertThat(Times.iso(onTheMinute)).isEqualTo("2026-12-03T06:57:00.000000Z");
    assertThat(Times.iso(Instant.parse("2026-12-03T06:57:00Z"))).isEqualTo("2026-12-03T06:57:00.000000Z");
  }

  @Test
  @DisplayName("times are written in UTC with microseconds (what PostgreSQL keeps); nanoseconds are cut, not rounded")
  void utcWithMicroseconds() {
    assertThat(Times.iso(OffsetDateTime.parse("2026-12-03T13:56:50.123456789+07:00"))).isEqualTo("2026-12-03T06:56:50.123456Z");
    assertThat(Times.iso("2026-12-03T13:56:50.5+07:00")).isEqualTo("2026-12-03T06:56:50.500000Z");
    assertThat(Times.iso((OffsetDateTime) null)).isNull();
    assertThat(Times.iso((Instant) null)).isNull();
    assertThat(Times.iso((String) null)).isNull();
  }

  @Test
  @DisplayName("what it writes parses back as ISO-8601 with offset, and sorts as text the way the times do")
  void parsesBackAndSorts() {
    List<OffsetDateTime> times = List.of(OffsetDateTime.parse("2026-12-03T06:56:50.9Z"), OffsetDateTime.parse("2026-12-03T06:57Z"),
        OffsetDateTime.parse("2026-12-03T13:57:00.000001+07:00"), OffsetDateTime.parse("2026-12-03T06:57:01Z"));
    List<String> written = times.stream().map(Times::iso).toList();
    assertThat(written).isSorted();
    for (int i = 0; i < times.size(); i++) {
      assertThat(OffsetDateTime.parse(written.get(i), DateTimeFormatter.ISO_OFFSET_DATE_TIME)).isEqualTo(times.get(i).toInstant().atOffset(java.time.ZoneOffset.UTC));
    }
    assertThat(Times.now()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
  }

  @Test
  @DisplayName("on the bus a time keeps its own offset and its seconds, and reads back as the same time")
  void busFormKeepsTheOffset() {
    OffsetDateTime wib = OffsetDateTime.parse("2026-03-01T08:00+07:00");
    assertThat(Times.withOffset(wib)).isEqualTo("2026-03-01T08:00:00+07:00");
    assertThat(Times.parse(Times.withOffset(wib))).isEqualTo(wib);
    assertThat(Times.parse("2026-03-01T08:00:00", Times.BUSINESS_ZONE)).isEqualTo(wib);
    assertThat(Times.withOffset(null)).isNull();
    assertThat(Times.parse(null, Times.BUSINESS_ZONE)).isNull();
  }
}
