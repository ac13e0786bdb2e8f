package id.aglis.hub.ticket;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.CustomerNote;
import id.aglis.hub.bus.TicketChanged;
import id.aglis.hub.common.Times;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.StaffDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What can happen to a ticket, each in one transaction that writes the row, its thread and its timeline together;
 * after the commit the change is published ({@link Addresses#TICKET_CHANGED}, and the customer's own address when
 * they should hear of it) and the customer gets a WhatsApp notice where one is due.
 */
public final class Tickets {

  /** Whose tickets a caller may touch: a customer only theirs, a technician only those assigned to them. */
  public record Scope(Long customerId, Long assigneeId) {
    public static final Scope ALL = new Scope(null, null);

    public static Scope customer(long id) {
      return new Scope(id, null);
    }

    public static Scope assignee(long id) {
      return new Scope(null, id);
    }

    boolean allows(Ticket t) {
      return (customerId == null || customerId == t.customerId()) && (assigneeId == null || assigneeId.equals(t.assigneeId()));
    }

    boolean isCustomer() {
      return customerId != null;
    }
  }

  /** A ticket to open. {@code priority} null: by category. {@code sourceRef}: the WhatsApp message it came from. */
  public record Opening(CustomerDirectory.Contact customer, String category, String subject, String description, String priority,
                       String source, String sourceRef, StaffDirectory.Contact assignee) {
  }

  /** The outcome of opening: the ticket, and whether this call created it (false: its source was seen before). */
  public record Opened(Ticket ticket, boolean created) {
  }

  /** A change staff ask for; nulls leave a field alone, {@code unassign} clears the assignee. */
  public record Change(String status, String priority, StaffDirectory.Contact assignee, boolean unassign) {
  }

  static final Set<String> STATUSES = Set.of(Ticket.OPEN, Ticket.IN_PROGRESS, Ticket.WAITING, Ticket.RESOLVED, Ticket.CLOSED);
  static final Set<String> CATEGORIES = Set.of("gangguan", "lambat", "tagihan", "pemasangan", "lainnya");

  private final Vertx vertx;
  private final TicketRepository repository;
  private final Sla sla;
  private final CustomerNotices notices;
  private final MeterRegistry registry;

  Tickets(Vertx vertx, TicketRepository repository, Sla sla, CustomerNotices notices, MeterRegistry registry) {
    this.vertx = vertx;
    this.repository = repository;
    this.sla = sla;
    this.notices = notices;
    this.registry = registry;
  }

  Sla sla() {
    return sla;
  }

  TicketRepository repository() {
    return repository;
  }

  /** Faults are urgent for the customer: they start at {@code high}; the rest at {@code normal}. */
  static String defaultPriority(String category) {
    return "gangguan".equals(category) ? "high" : "normal";
  }

  public Future<Opened> open(Opening o, Actor actor) {
    String priority = o.priority() != null ? o.priority() : defaultPriority(o.category());
    TicketSettings.Targets targets = sla.settings().targetsFor(priority);
    OffsetDateTime now = sla.now().atOffset(ZoneOffset.UTC);
    String calendar = Sla.calendarFor(o.category());
    Instant nextAt = new id.aglis.hub.ticket.sla.SlaClock(sla.calendar(calendar), targets.responseMinutes(),
        targets.resolutionMinutes(), 0, now.toInstant(), null, null, null, true, sla.settings().warningPercent())
        .nextCheck(now.toInstant(), sla.settings().thresholds(), Set.of());
    StaffDirectory.Contact assignee = o.assignee();
    TicketRepository.NewTicket row = new TicketRepository.NewTicket(String.valueOf(now.atZoneSameInstant(Times.BUSINESS_ZONE).getYear()),
        o.customer().id(), o.customer().customerNo(), o.customer().name(), o.customer().phone(), o.category(), o.subject(),
        o.description(), priority, o.source(), o.sourceRef(), assignee == null ? null : assignee.id(),
        assignee == null ? null : assignee.username(), assignee == null ? null : assignee.name(), now, calendar,
        targets.responseMinutes(), targets.resolutionMinutes(), nextAt == null ? null : nextAt.atOffset(ZoneOffset.UTC));
    return repository.pool().withTransaction(tx -> repository.insert(tx, row).compose(created -> created.isEmpty()
            ? Future.succeededFuture(Opened.class.cast(null))
            : repository.event(tx, created.get().id(), now, actor, "created", new JsonObject().put("source", o.source())
                    .put("priority", priority).put("category", o.category())
                    .put("assignee", assignee == null ? null : assignee.username()))
                .map(v -> new Opened(created.get(), true))))
        .compose(opened -> opened != null ? Future.succeededFuture(opened)
            : repository.bySourceRef(o.sourceRef()).map(found -> new Opened(found.orElseThrow(), false)))
        .onSuccess(opened -> {
          if (opened.created()) {
            registry.counter("aglis_tickets_opened_total", "source", o.source()).increment();
            publish(opened.ticket(), "created", true);
            if (!"whatsapp".equals(o.source())) {
              notices.created(opened.ticket());
            }
          }
        });
  }

  /** The ticket if {@code scope} may see it, else 404 (never 403: ids of others' tickets reveal nothing). */
  public Future<Ticket> find(long id, Scope scope) {
    return repository.byId(id).map(found -> found.filter(scope::allows).orElseThrow(() -> ApiError.notFound("Ticket")));
  }

  /** The ticket's JSON with its thread (and, for staff, its timeline). */
  public Future<JsonObject> detail(long id, Scope scope) {
    return find(id, scope).compose(t -> {
      boolean staff = !scope.isCustomer();
      JsonObject json = sla.json(t, !staff);
      Future<Void> thread = repository.messages(id, staff).map(m -> {
        json.put("messages", m);
        return null;
      });
      Future<Void> timeline = staff ? repository.timeline(id).map(e -> {
        json.put("timeline", e);
        return null;
      }) : Future.succeededFuture();
      return Future.all(thread, timeline).map(json);
    });
  }

  /**
   * A reply (or, from staff, an internal note). A customer's reply reopens a resolved ticket and restarts a clock paused
   * for them; the first staff reply the customer can read meets the response target and starts work on an open one.
   */
  public Future<JsonObject> reply(long id, Scope scope, Actor actor, String text, boolean internal) {
    return repository.pool().withTransaction(tx -> locked(tx, id, scope).compose(t -> {
          TicketDraft draft = new TicketDraft(t, sla);
          String event = afterReply(draft, actor, internal);
          return repository.insertMessage(tx, id, internal ? "note" : "reply", actor, text, internal, draft.now())
              .compose(messageId -> save(tx, draft, actor, event, new JsonObject().put("messageId", messageId))
                  .map(saved -> new Done(saved, event, messageId)));
        }))
        .onSuccess(done -> {
          publish(done.ticket(), done.event(), !internal);
          if (actor.isStaffSide() && !internal) {
            notices.replied(done.ticket(), done.messageId(), actor.name(), text);
          }
        })
        .compose(done -> message(done.ticket().id(), done.messageId(), !scope.isCustomer()));
  }

  /** An image in the thread; internal ones only staff see. */
  public Future<JsonObject> attach(long id, Scope scope, Actor actor, String filename, String contentType, Buffer data, boolean internal) {
    return repository.pool().withTransaction(tx -> locked(tx, id, scope).compose(t -> {
          TicketDraft draft = new TicketDraft(t, sla);
          // A photo is a reply: the customer's reopens or resumes the ticket, staff's (not internal) answers them.
          String event = "reopened".equals(afterReply(draft, actor, internal)) ? "reopened" : "attachment";
          return repository.insertMessage(tx, id, "attachment", actor, null, internal, draft.now())
              .compose(messageId -> repository.insertAttachment(tx, id, messageId, filename, contentType, data)
                  .compose(attachmentId -> save(tx, draft, actor, event, new JsonObject().put("messageId", messageId)
                      .put("filename", filename).put("internal", internal)))
                  .map(saved -> new Done(saved, event, messageId)));
        }))
        .onSuccess(done -> publish(done.ticket(), done.event(), !internal))
        .compose(done -> message(done.ticket().id(), done.messageId(), !scope.isCustomer()));
  }

  public Future<TicketRepository.Image> image(long id, long attachmentId, Scope scope) {
    return find(id, scope).compose(t -> repository.attachment(id, attachmentId, !scope.isCustomer()))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Attachment")));
  }

  /** Staff change status, priority or assignee. */
  public Future<Ticket> change(long id, Scope scope, Actor actor, Change change) {
    return repository.pool().withTransaction(tx -> locked(tx, id, scope).compose(t -> apply(tx, t, actor, change)))
        .onSuccess(done -> afterChange(done, change))
        .map(Done::ticket);
  }

  /** The customer closes their own ticket. */
  public Future<Ticket> closeByCustomer(long id, Scope scope, Actor actor) {
    return change(id, scope, actor, new Change(Ticket.CLOSED, null, null, false));
  }

  /** Bulk: each ticket changed in one transaction; closed tickets (or nothing to change) are skipped. */
  public Future<JsonObject> bulk(List<Long> ids, Actor actor, Change change) {
    List<Done> done = new ArrayList<>();
    List<Long> skipped = new ArrayList<>();
    return repository.pool().withTransaction(tx -> repository.lockAll(tx, ids).compose(found -> {
          Set<Long> present = new java.util.HashSet<>();
          Future<Void> chain = Future.succeededFuture();
          for (Ticket t : found) {
            present.add(t.id());
            chain = chain.compose(v -> Ticket.CLOSED.equals(t.status()) ? skip(skipped, t.id())
                : apply(tx, t, actor, change).map(d -> {
                  if (d.event() == null) {
                    skipped.add(t.id());
                  } else {
                    done.add(d);
                  }
                  return null;
                }));
          }
          ids.stream().filter(i -> !present.contains(i)).forEach(skipped::add);
          return chain;
        }))
        .map(v -> {
          done.forEach(d -> afterChange(d, change));
          return new JsonObject().put("updated", new io.vertx.core.json.JsonArray(done.stream().map(d -> (Object) d.ticket().id()).toList()))
              .put("skipped", new io.vertx.core.json.JsonArray(skipped.stream().map(Object.class::cast).toList()));
        });
  }

  private static Future<Void> skip(List<Long> skipped, long id) {
    skipped.add(id);
    return Future.succeededFuture();
  }

  /** Applies a change inside {@code tx}; {@code event} is null when it changed nothing. */
  private Future<Done> apply(SqlClient tx, Ticket t, Actor actor, Change change) {
    if (Ticket.CLOSED.equals(t.status())) {
      throw ApiError.conflict("ticket_closed", "Ticket " + t.number() + " is closed; a new problem needs a new ticket.");
    }
    TicketDraft draft = new TicketDraft(t, sla);
    List<String[]> events = new ArrayList<>();
    if (change.status() != null && !change.status().equals(t.status())) {
      draft.status(change.status());
      events.add(new String[] {"status", t.status(), change.status()});
    }
    if (change.priority() != null && !change.priority().equals(t.priority())) {
      draft.priority(change.priority(), true);
      events.add(new String[] {"priority", t.priority(), change.priority()});
    }
    if (change.unassign() && t.assigneeId() != null) {
      draft.assignee(null, null, null);
      events.add(new String[] {"assigned", t.assigneeUsername(), null});
    } else if (change.assignee() != null && !Long.valueOf(change.assignee().id()).equals(t.assigneeId())) {
      draft.assignee(change.assignee().id(), change.assignee().username(), change.assignee().name());
      events.add(new String[] {"assigned", t.assigneeUsername(), change.assignee().username()});
    }
    if (events.isEmpty()) {
      return Future.succeededFuture(new Done(t, null, 0));
    }
    Future<Void> written = Future.succeededFuture();
    for (String[] e : events) {
      String name = "status".equals(e[0]) && Ticket.CLOSED.equals(e[2]) ? "closed" : e[0];
      written = written.compose(v -> repository.event(tx, t.id(), draft.now(), actor, name,
          new JsonObject().put("from", e[1]).put("to", e[2])));
    }
    String main = events.get(0)[0];
    String published = "status".equals(main) && Ticket.CLOSED.equals(change.status()) ? "closed" : main;
    // New targets: a threshold acted on under the old ones but not crossed under these is owed again when it is.
    boolean retargeted = draft.responseTargetMin != t.responseTargetMin() || draft.resolutionTargetMin != t.resolutionTargetMin();
    Future<Void> forgotten = !retargeted ? Future.succeededFuture() : repository.forgetUncrossed(tx, t.id(),
        sla.clock(draft.toTicket(t.slaState())).crossed(draft.nowInstant(), sla.settings().thresholds()));
    return written.compose(v -> forgotten).compose(v -> save(tx, draft, null, null, null)).map(saved -> new Done(saved, published, 0));
  }

  private void afterChange(Done done, Change change) {
    if (done.event() == null) {
      return;
    }
    publish(done.ticket(), done.event(), !"assigned".equals(done.event()));
    if (Ticket.RESOLVED.equals(change.status()) && Ticket.RESOLVED.equals(done.ticket().status())) {
      notices.resolved(done.ticket());
    }
  }

  /** What a reply does to the ticket; the event name for the timeline. */
  private static String afterReply(TicketDraft draft, Actor actor, boolean internal) {
    Ticket t = draft.was();
    if (actor.isCustomer()) {
      if (Ticket.RESOLVED.equals(t.status())) {
        draft.status(Ticket.OPEN);
        return "reopened";
      }
      if (Ticket.WAITING.equals(t.status())) {
        draft.status(Ticket.IN_PROGRESS);
      }
      return "replied";
    }
    if (internal) {
      return "noted";
    }
    draft.responded();
    if (Ticket.OPEN.equals(t.status())) {
      draft.status(Ticket.IN_PROGRESS);
    }
    return "replied";
  }

  /** The locked row, or 404 if it is not the caller's; a closed ticket takes nothing more (409). */
  private Future<Ticket> locked(SqlClient tx, long id, Scope scope) {
    return repository.lock(tx, id).map(found -> {
      Ticket t = found.filter(scope::allows).orElseThrow(() -> ApiError.notFound("Ticket"));
      if (Ticket.CLOSED.equals(t.status())) {
        throw ApiError.conflict("ticket_closed", "Ticket " + t.number() + " is closed; a new problem needs a new ticket.");
      }
      return t;
    });
  }

  /** Writes the draft with its SLA state and next escalation check; an event too when {@code event} is given. */
  Future<Ticket> save(SqlClient tx, TicketDraft draft, Actor actor, String event, JsonObject detail) {
    Future<Void> logged = event == null ? Future.succeededFuture()
        : repository.event(tx, draft.was().id(), draft.now(), actor, event, detail);
    return logged.compose(v -> repository.fired(tx, draft.was().id())).compose(fired -> {
      var clock = sla.clock(draft.toTicket(draft.was().slaState()));
      Instant now = draft.nowInstant();
      Ticket row = draft.toTicket(clock.state(now));
      return repository.update(tx, row, clock.nextCheck(now, sla.settings().thresholds(), fired));
    });
  }

  private Future<JsonObject> message(long ticketId, long messageId, boolean staff) {
    return repository.messages(ticketId, staff).map(all -> all.stream().map(JsonObject.class::cast)
        .filter(m -> m.getLong("id") == messageId).findFirst().orElseThrow());
  }

  void publish(Ticket t, String event, boolean customerVisible) {
    JsonObject json = sla.json(t, false);
    vertx.eventBus().publish(Addresses.TICKET_CHANGED,
        new TicketChanged(t.id(), t.number(), t.customerId(), event, customerVisible, json).toJson());
    if (customerVisible) {
      vertx.eventBus().publish(Addresses.uiCustomer(t.customerId()), CustomerNote.ticket(t.id(), t.number(), t.status(), event).toJson());
    }
  }

  record Done(Ticket ticket, String event, long messageId) {
  }
}
