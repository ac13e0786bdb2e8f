package id.aglis.hub.ticket;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.common.Times;
import id.aglis.hub.ticket.sla.SlaClock;
import id.aglis.hub.web.Role;
import id.aglis.hub.web.StaffDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SLA escalation: for each ticket whose next threshold has come (the {@code sla_next_at} the last change stored),
 * acts on every threshold crossed and not acted on before — at the warning threshold: state {@code warning}, the
 * priority one step up, supervisors told; at 100 %: state {@code breached}, supervisors and the assignee told, an
 * unassigned ticket given to the least-loaded supervisor. Each threshold is recorded in {@code ticket_escalations} in
 * the same transaction as its actions, so it acts exactly once per ticket, also when the singleton moves to another
 * node halfway. The WhatsApp notices follow the commit, keyed by ticket, threshold and person: a failing dispatcher
 * never undoes or blocks an escalation, at the cost that a node dying between the commit and the notices loses them
 * (the timeline, the state and the console's frame are kept).
 */
public final class Escalations {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Escalations.class);
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.forLanguageTag("id"));
  private static final int BATCH = 100;
  private static final List<String> UP = List.of("low", "normal", "high", "urgent");
  private static final Map<String, String> TARGET_WORDS = Map.of(SlaClock.RESPONSE, "respons pertama", SlaClock.RESOLUTION, "penyelesaian");

  private final Vertx vertx;
  private final Tickets tickets;
  private final StaffDirectory staff;
  private final MeterRegistry registry;

  Escalations(Vertx vertx, Tickets tickets, StaffDirectory staff, MeterRegistry registry) {
    this.vertx = vertx;
    this.tickets = tickets;
    this.staff = staff;
    this.registry = registry;
  }

  /** One pass over the tickets that are due; how many thresholds were acted on. Timed as {@code aglis_ticket_escalation_seconds}. */
  public Future<Integer> run() {
    Instant now = tickets.sla().now();
    io.micrometer.core.instrument.Timer.Sample sample = io.micrometer.core.instrument.Timer.start(registry);
    return tickets.repository().due(now, BATCH).compose(due -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Ticket t : due) {
        // One ticket that cannot be escalated now (a lock timeout, a lost connection) must not hold back the others:
        // it stays due and is tried again on the next pass.
        chain = chain.compose(n -> escalate(t.id()).map(acted -> n + acted).recover(e -> {
          LOG.warn("Ticket {} could not be escalated; the next pass tries again: {}", t.number(), e.getMessage());
          return Future.succeededFuture(n);
        }));
      }
      return chain;
    }).onComplete(done -> sample.stop(registry.timer("aglis_ticket_escalation_seconds")));
  }

  /** A crossed threshold to act on. */
  private record Crossing(SlaClock.Target target, int percent) {
    boolean breach() {
      return percent >= 100;
    }
  }

  private record Outcome(Ticket ticket, List<Crossing> crossings) {
  }

  private Future<Integer> escalate(long id) {
    TicketRepository repo = tickets.repository();
    return repo.pool().withTransaction(tx -> repo.lock(tx, id).compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(new Outcome(null, List.of()));
          }
          Ticket t = found.get();
          return repo.fired(tx, id).compose(fired -> crossings(t, fired)).compose(crossings -> act(tx, t, crossings));
        }))
        .onSuccess(this::announce)
        .compose(outcome -> notify(outcome.ticket(), outcome.crossings()).map(outcome.crossings().size()));
  }

  private Future<List<Crossing>> crossings(Ticket t, Set<String> fired) {
    Instant now = tickets.sla().now();
    SlaClock clock = tickets.sla().clock(t);
    List<Crossing> out = new ArrayList<>();
    for (SlaClock.Target target : List.of(clock.response(now), clock.resolution(now))) {
      if (!target.running()) {
        continue;
      }
      for (int percent : tickets.sla().settings().thresholds()) {
        if (!fired.contains(target.name() + ":" + percent) && target.spent() * 100 >= (long) target.targetMinutes() * 60 * percent) {
          out.add(new Crossing(target, percent));
        }
      }
    }
    out.sort(Comparator.comparingInt(Crossing::percent));
    return Future.succeededFuture(out);
  }

  private Future<Outcome> act(SqlClient tx, Ticket t, List<Crossing> crossings) {
    TicketDraft draft = new TicketDraft(t, tickets.sla());
    TicketRepository repo = tickets.repository();
    List<Crossing> acted = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Crossing c : crossings) {
      chain = chain.compose(v -> repo.recordEscalation(tx, t.id(), c.target().name(), c.percent(), draft.now()).compose(first -> {
        if (!first) {
          return Future.succeededFuture();
        }
        acted.add(c);
        return repo.event(tx, t.id(), draft.now(), Actor.SYSTEM, c.breach() ? "sla.breached" : "sla.warning",
                new JsonObject().put("target", c.target().name()).put("percent", c.percent()))
            .compose(v2 -> c.breach() ? assignIfNobody(tx, draft) : raisePriority(tx, draft));
      }));
    }
    // Saved even when nothing was acted on: that stores the next threshold, so the ticket is not due again at once.
    return chain.compose(v -> tickets.save(tx, draft, null, null, null)).map(saved -> new Outcome(saved, acted));
  }

  private Future<Void> raisePriority(SqlClient tx, TicketDraft draft) {
    int at = UP.indexOf(draft.priority);
    if (!tickets.sla().settings().warningRaisesPriority() || at < 0 || at == UP.size() - 1) {
      return Future.succeededFuture();
    }
    String from = draft.priority;
    // The clock keeps the targets it started with: the new priority's shorter ones would breach the ticket at once.
    draft.priority(UP.get(at + 1), false);
    return tickets.repository().event(tx, draft.was().id(), draft.now(), Actor.SYSTEM, "escalated",
        new JsonObject().put("action", "priority").put("from", from).put("to", draft.priority));
  }

  private Future<Void> assignIfNobody(SqlClient tx, TicketDraft draft) {
    if (!tickets.sla().settings().breachAssignsSupervisor() || draft.assigneeId != null) {
      return Future.succeededFuture();
    }
    return staff.active(Set.of(Role.SUPERVISOR), Set.of()).compose(supervisors -> {
      if (supervisors.isEmpty()) {
        return Future.succeededFuture();
      }
      return tickets.repository().load(tx, supervisors.stream().map(StaffDirectory.Contact::id).toList()).compose(load -> {
        StaffDirectory.Contact least = supervisors.stream()
            .min(Comparator.comparingLong((StaffDirectory.Contact s) -> load.getOrDefault(s.id(), 0L)).thenComparingLong(StaffDirectory.Contact::id))
            .orElseThrow();
        draft.assignee(least.id(), least.username(), least.name());
        return tickets.repository().event(tx, draft.was().id(), draft.now(), Actor.SYSTEM, "assigned",
            new JsonObject().put("from", (String) null).put("to", least.username()).put("reason", "sla.breached"));
      });
    });
  }

  /**
   * Supervisors (and, at a breach, the assignee) on WhatsApp, after the thresholds are recorded: a message that cannot
   * be queued (the dispatcher down, a number it refuses) is logged and never undoes the escalation or holds a ticket's
   * lock. Keyed by ticket, threshold and person, so nobody is told twice.
   */
  private Future<Void> notify(Ticket t, List<Crossing> acted) {
    if (t == null || acted.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<String> assignee = t.assigneeUsername() == null ? Set.of() : Set.of(t.assigneeUsername());
    return staff.active(Set.of(Role.SUPERVISOR), assignee).compose(people -> {
      List<Future<?>> sends = new ArrayList<>();
      for (Crossing c : acted) {
        for (StaffDirectory.Contact person : people) {
          boolean isAssignee = person.username().equals(t.assigneeUsername());
          if (person.phone() == null || (isAssignee && person.role() != Role.SUPERVISOR && !c.breach())) {
            continue;
          }
          EnqueueMessageRequest request = EnqueueMessageRequest.template(person.phone(), "ticket.escalation", params(t, c))
              .withPriority("urgent").withIdempotencyKey("ticket-sla:" + t.id() + ":" + c.target().name() + ":" + c.percent() + ":" + person.id())
              .requestedBy("ticket:" + t.number());
          sends.add(vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, request.toJson(), TIMEOUT)
              .recover(e -> {
                LOG.warn("The SLA notice of ticket {} to {} could not be queued: {}", t.number(), person.username(), e.getMessage());
                return Future.succeededFuture();
              }));
        }
      }
      return Future.all(sends).mapEmpty();
    });
  }

  private static JsonObject params(Ticket t, Crossing c) {
    Instant due = c.target().dueAt();
    return new JsonObject().put("tingkat", c.breach() ? "terlewati" : "hampir habis (" + c.percent() + "%)")
        .put("nomor", t.number()).put("prioritas", t.priority()).put("judul", t.subject())
        .put("pelanggan", t.customerName() + " (" + t.customerNo() + ")")
        .put("target", TARGET_WORDS.get(c.target().name()))
        .put("batas", due == null ? "-" : WHEN.format(due.atZone(Times.BUSINESS_ZONE)))
        .put("petugas", t.assigneeName() == null ? "belum ada" : t.assigneeName());
  }

  private void announce(Outcome outcome) {
    if (outcome.ticket() == null || outcome.crossings().isEmpty()) {
      return;
    }
    boolean breach = outcome.crossings().stream().anyMatch(Crossing::breach);
    outcome.crossings().stream().filter(Crossing::breach).forEach(c ->
        registry.counter("aglis_tickets_sla_breaches_total", "target", c.target().name()).increment());
    tickets.publish(outcome.ticket(), breach ? "sla.breached" : "sla.warning", false);
  }
}
