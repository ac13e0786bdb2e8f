package id.aglis.hub.ticket;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A ticket being changed inside a transaction: status moves that pause, resume or stop the SLA clock, the first
 * response, priority and assignee. {@link #toTicket} gives the row to write.
 */
final class TicketDraft {

  private final Ticket was;
  private final Sla sla;
  private final OffsetDateTime now;
  String priority;
  String status;
  Long assigneeId;
  String assigneeUsername;
  String assigneeName;
  OffsetDateTime firstResponseAt;
  OffsetDateTime resolvedAt;
  OffsetDateTime closedAt;
  int responseTargetMin;
  int resolutionTargetMin;
  long spentS;
  OffsetDateTime resumedAt;
  Long responseSpentS;

  TicketDraft(Ticket t, Sla sla) {
    this.was = t;
    this.sla = sla;
    this.now = sla.now().atOffset(ZoneOffset.UTC);
    priority = t.priority();
    status = t.status();
    assigneeId = t.assigneeId();
    assigneeUsername = t.assigneeUsername();
    assigneeName = t.assigneeName();
    firstResponseAt = t.firstResponseAt();
    resolvedAt = t.resolvedAt();
    closedAt = t.closedAt();
    responseTargetMin = t.responseTargetMin();
    resolutionTargetMin = t.resolutionTargetMin();
    spentS = t.slaSpentS();
    resumedAt = t.slaResumedAt();
    responseSpentS = t.responseSpentS();
  }

  Ticket was() {
    return was;
  }

  OffsetDateTime now() {
    return now;
  }

  /** Moves to {@code next}, pausing the clock while waiting for the customer and stopping it once resolved or closed. */
  void status(String next) {
    if (next.equals(status)) {
      return;
    }
    boolean running = Ticket.OPEN.equals(next) || Ticket.IN_PROGRESS.equals(next);
    if (running && resumedAt == null) {
      resumedAt = now;
    } else if (!running) {
      stopClock();
    }
    if (Ticket.RESOLVED.equals(next)) {
      resolvedAt = now;
    } else if (Ticket.CLOSED.equals(next)) {
      closedAt = now;
    } else {
      resolvedAt = null;
    }
    status = next;
  }

  private void stopClock() {
    if (resumedAt != null) {
      spentS += sla.calendar(was.slaCalendar()).secondsBetween(resumedAt.toInstant(), now.toInstant());
      resumedAt = null;
    }
  }

  /** The ISP answered the customer: the response target is met (once). */
  void responded() {
    if (firstResponseAt == null) {
      responseSpentS = spentS + (resumedAt == null ? 0 : sla.calendar(was.slaCalendar()).secondsBetween(resumedAt.toInstant(), now.toInstant()));
      firstResponseAt = now;
    }
  }

  /** A new priority; {@code retarget} gives the clock that priority's targets (time spent still counts). */
  void priority(String next, boolean retarget) {
    priority = next;
    if (retarget) {
      TicketSettings.Targets targets = sla.settings().targetsFor(next);
      responseTargetMin = targets.responseMinutes();
      resolutionTargetMin = targets.resolutionMinutes();
    }
  }

  void assignee(Long id, String username, String name) {
    assigneeId = id;
    assigneeUsername = username;
    assigneeName = name;
  }

  Ticket toTicket(String slaState) {
    return new Ticket(was.id(), was.number(), was.customerId(), was.customerNo(), was.customerName(), was.customerPhone(),
        was.category(), was.subject(), was.description(), priority, status, was.source(), assigneeId, assigneeUsername,
        assigneeName, was.createdAt(), now, firstResponseAt, resolvedAt, closedAt, was.slaCalendar(), responseTargetMin,
        resolutionTargetMin, spentS, resumedAt, responseSpentS, slaState);
  }

  Instant nowInstant() {
    return now.toInstant();
  }
}
