package id.aglis.hub.ticket;

import id.aglis.hub.ticket.sla.SlaCalendar;
import id.aglis.hub.ticket.sla.SlaClock;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The SLA rules in force: which calendar a category runs on, the targets of a priority, and each ticket's clock at
 * an instant. Time is the feature's clock (a test moves it through business hours and holidays).
 */
public final class Sla {

  private final TicketSettings settings;
  private final SlaCalendar business;
  private final Clock clock;

  Sla(TicketSettings settings, SlaCalendar business, Clock clock) {
    this.settings = settings;
    this.business = business;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public TicketSettings settings() {
    return settings;
  }

  /** Faults run around the clock; everything else in business hours. */
  static String calendarFor(String category) {
    return "gangguan".equals(category) ? "24x7" : "business";
  }

  SlaCalendar calendar(String name) {
    return "24x7".equals(name) ? SlaCalendar.ALWAYS : business;
  }

  public SlaClock clock(Ticket t) {
    return new SlaClock(calendar(t.slaCalendar()), t.responseTargetMin(), t.resolutionTargetMin(), t.slaSpentS(),
        instant(t.slaResumedAt()), t.responseSpentS(), instant(t.firstResponseAt()), instant(t.resolvedAt()), t.open(),
        settings.warningPercent());
  }

  /** A ticket's JSON with its SLA now. */
  public JsonObject json(Ticket t, boolean forCustomer) {
    return t.baseJson(forCustomer).put("sla", clock(t).toJson(now()));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
