package id.aglis.hub.ticket.sla;

import id.aglis.hub.common.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The time an SLA counts: all of it ({@code 24x7}, for faults), or the business hours in WIB outside public holidays
 * ({@code business}, for everything else). Works in whole seconds.
 */
public interface SlaCalendar {

  /** Calendar seconds between {@code from} and {@code to} (0 when {@code to} is not after {@code from}). */
  long secondsBetween(Instant from, Instant to);

  /** The instant at which {@code seconds} calendar seconds have passed since {@code from} ({@code seconds ≥ 0}). */
  Instant plus(Instant from, long seconds);

  String name();

  SlaCalendar ALWAYS = new SlaCalendar() {
    @Override
    public long secondsBetween(Instant from, Instant to) {
      return Math.max(0, Duration.between(from, to).getSeconds());
    }

    @Override
    public Instant plus(Instant from, long seconds) {
      return from.plusSeconds(seconds);
    }

    @Override
    public String name() {
      return "24x7";
    }
  };

  /** Business hours; {@code holidays} is asked each time, so edits apply to running clocks at once. */
  static SlaCalendar business(BusinessHours hours, Supplier<Set<LocalDate>> holidays) {
    return new Business(hours, holidays);
  }

  final class Business implements SlaCalendar {
    /** A calendar with no open day in this many days is a configuration error; bounds every walk. */
    private static final int MAX_DAYS = 3 * 366;

    private final BusinessHours hours;
    private final Supplier<Set<LocalDate>> holidays;

    Business(BusinessHours hours, Supplier<Set<LocalDate>> holidays) {
      this.hours = hours;
      this.holidays = holidays;
    }

    @Override
    public String name() {
      return "business";
    }

    @Override
    public long secondsBetween(Instant from, Instant to) {
      if (!to.isAfter(from)) {
        return 0;
      }
      Set<LocalDate> closed = holidays.get();
      LocalDate day = from.atZone(Times.BUSINESS_ZONE).toLocalDate();
      LocalDate last = to.atZone(Times.BUSINESS_ZONE).toLocalDate();
      long total = 0;
      for (; !day.isAfter(last); day = day.plusDays(1)) {
        Instant[] open = openOn(day, closed);
        if (open != null) {
          Instant start = open[0].isAfter(from) ? open[0] : from;
          Instant end = open[1].isBefore(to) ? open[1] : to;
          if (end.isAfter(start)) {
            total += Duration.between(start, end).getSeconds();
          }
        }
      }
      return total;
    }

    @Override
    public Instant plus(Instant from, long seconds) {
      Set<LocalDate> closed = holidays.get();
      LocalDate day = from.atZone(Times.BUSINESS_ZONE).toLocalDate();
      long left = seconds;
      for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
        Instant[] open = openOn(day, closed);
        if (open == null || !open[1].isAfter(from)) {
          continue;
        }
        Instant start = open[0].isAfter(from) ? open[0] : from;
        long available = Duration.between(start, open[1]).getSeconds();
        if (left <= available) {
          return start.plusSeconds(left);
        }
        left -= available;
      }
      throw new IllegalStateException("The business calendar has no open hours within " + MAX_DAYS + " days");
    }

    /** The day's open window as instants, or null on a closed day or holiday. */
    private Instant[] openOn(LocalDate day, Set<LocalDate> closed) {
      BusinessHours.Window window = hours.days().get(day.getDayOfWeek());
      if (window == null || closed.contains(day)) {
        return null;
      }
      Instant start = ZonedDateTime.of(day, window.start(), Times.BUSINESS_ZONE).toInstant();
      Instant end = window.end().equals(LocalTime.MAX)
          ? ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, Times.BUSINESS_ZONE).toInstant()
          : ZonedDateTime.of(day, window.end(), Times.BUSINESS_ZONE).toInstant();
      return new Instant[] {start, end};
    }
  }
}
