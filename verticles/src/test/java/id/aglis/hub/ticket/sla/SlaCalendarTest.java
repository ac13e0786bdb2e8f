package id.aglis.hub.ticket.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The business calendar counts WIB opening hours only, skips holidays, and finds due times across nights and weekends. */
class SlaCalendarTest {

  private static final BusinessHours HOURS = BusinessHours.parse("mon-fri 08:00-17:00, sat 08:00-12:00");
  private static final SlaCalendar BUSINESS = SlaCalendar.business(HOURS, () -> Set.of(LocalDate.parse("2026-12-25")));

  private static Instant wib(String local) {
    return OffsetDateTime.parse(local + "+07:00").toInstant();
  }

  @Test
  @DisplayName("Friday 16:30 to Saturday 09:00 is 90 business minutes; 24x7 counts every second")
  void countsOpeningHoursOnly() {
    assertThat(BUSINESS.secondsBetween(wib("2026-12-04T16:30:00"), wib("2026-12-05T09:00:00"))).isEqualTo(90 * 60);
    assertThat(SlaCalendar.ALWAYS.secondsBetween(wib("2026-12-04T16:30:00"), wib("2026-12-05T09:00:00"))).isEqualTo(990 * 60);
    assertThat(BUSINESS.secondsBetween(wib("2026-12-05T12:00:00"), wib("2026-12-07T08:00:00"))).as("Saturday afternoon and Sunday").isZero();
    assertThat(BUSINESS.secondsBetween(wib("2026-12-07T09:00:00"), wib("2026-12-07T08:00:00"))).as("backwards").isZero();
  }

  @Test
  @DisplayName("a due time steps over the night, the weekend and a holiday (Christmas on a Friday)")
  void dueTimesSkipClosedDays() {
    assertThat(BUSINESS.plus(wib("2026-12-04T16:00:00"), 240 * 60)).isEqualTo(wib("2026-12-05T11:00:00"));
    assertThat(BUSINESS.plus(wib("2026-12-05T11:00:00"), 120 * 60)).isEqualTo(wib("2026-12-07T09:00:00"));
    assertThat(BUSINESS.plus(wib("2026-12-24T16:00:00"), 120 * 60)).as("25th is a holiday").isEqualTo(wib("2026-12-26T09:00:00"));
    assertThat(BUSINESS.plus(wib("2026-12-06T23:00:00"), 0)).as("zero from a closed time is the next opening").isEqualTo(wib("2026-12-07T08:00:00"));
    assertThat(BUSINESS.secondsBetween(wib("2026-12-24T16:00:00"), wib("2026-12-26T09:00:00"))).isEqualTo(120 * 60);
  }

  @Test
  @DisplayName("opening hours are read as operators write them, and refused with a reason when wrong")
  void parsesOpeningHours() {
    assertThat(HOURS.describe()).containsExactly("mon 08:00-17:00", "tue 08:00-17:00", "wed 08:00-17:00", "thu 08:00-17:00",
        "fri 08:00-17:00", "sat 08:00-12:00");
    assertThat(BusinessHours.parse("sun 00:00-24:00").describe()).containsExactly("sun 00:00-24:00");
    assertThatThrownBy(() -> BusinessHours.parse("mon-fri 17:00-08:00")).hasMessageContaining("must end after it starts");
    assertThatThrownBy(() -> BusinessHours.parse("mon-fri 08:00-17:00, fri 08:00-12:00")).hasMessageContaining("names a day twice");
    assertThatThrownBy(() -> BusinessHours.parse("weekdays 8-5")).hasMessageContaining("is not like");
  }

  @Test
  @DisplayName("a clock paused while waiting for the customer spends nothing; warning at 75 %, breach at 100 %, next threshold ahead")
  void clockStatesAndThresholds() {
    Instant created = wib("2026-12-07T09:00:00");
    // 60 minutes spent before a pause; resumed at 13:00 on a 240-minute response target.
    SlaClock running = new SlaClock(BUSINESS, 240, 1440, 3600, wib("2026-12-07T13:00:00"), null, null, null, true, 75);
    assertThat(running.spent(wib("2026-12-07T14:00:00"))).isEqualTo(7200);
    assertThat(running.response(wib("2026-12-07T14:00:00")).dueAt()).isEqualTo(wib("2026-12-07T16:00:00"));
    assertThat(running.state(wib("2026-12-07T14:00:00"))).isEqualTo("ok");
    assertThat(running.state(wib("2026-12-07T15:00:00"))).isEqualTo("warning");
    assertThat(running.state(wib("2026-12-07T16:00:00"))).isEqualTo("breached");
    assertThat(running.nextCheck(wib("2026-12-07T14:00:00"), new int[] {75, 100}, Set.of())).isEqualTo(wib("2026-12-07T15:00:00"));
    assertThat(running.nextCheck(wib("2026-12-07T15:30:00"), new int[] {75, 100}, Set.of("response:75")))
        .isEqualTo(wib("2026-12-07T16:00:00"));

    SlaClock paused = new SlaClock(BUSINESS, 240, 1440, 3600, null, null, null, null, true, 75);
    assertThat(paused.paused()).isTrue();
    assertThat(paused.spent(wib("2026-12-09T14:00:00"))).isEqualTo(3600);
    assertThat(paused.nextCheck(wib("2026-12-09T14:00:00"), new int[] {75, 100}, Set.of())).isNull();
    assertThat(paused.response(created).leftSeconds()).isEqualTo(3 * 3600);

    SlaClock answered = new SlaClock(BUSINESS, 240, 1440, 3600, wib("2026-12-07T13:00:00"), 1800L, created.plusSeconds(1800), null, true, 75);
    assertThat(answered.response(wib("2026-12-08T16:00:00")).running()).isFalse();
    assertThat(answered.response(wib("2026-12-08T16:00:00")).state(75)).isEqualTo("ok");
    assertThat(answered.nextCheck(wib("2026-12-07T14:00:00"), new int[] {75, 100}, Set.of()))
        .as("only resolution thresholds remain: 75 % of 1440 minutes is 1080, 1020 of them after 13:00")
        .isEqualTo(BUSINESS.plus(wib("2026-12-07T13:00:00"), 1020 * 60));
  }
}
