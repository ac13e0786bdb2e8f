package id.aglis.hub.ticket;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.ImageUploads;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The staff side of tickets under {@code /tickets} (see docs/tickets.md): the queue with its filters and summary, a
 * ticket with its thread and timeline, opening one for a customer, replies and internal notes, photos, changes of
 * status, priority and assignee, and bulk assign and close. Technicians see and work only tickets assigned to them.
 */
final class TicketRoutes {

  static final int SUBJECT_MAX = 120;
  static final int TEXT_MAX = 4_000;
  private static final Set<String> OPEN_FIELDS = Set.of("customerNo", "customerId", "category", "subject", "description",
      "priority", "assignee");
  private static final Set<String> PATCH_FIELDS = Set.of("status", "priority", "assignee");
  private static final Set<String> REPLY_FIELDS = Set.of("text", "internal");
  private static final Set<String> PRIORITIES = Set.copyOf(TicketSettings.PRIORITIES);
  private static final Set<String> SLA_STATES = Set.of("ok", "warning", "breached");
  private static final int BULK_MAX = 200;

  private final Tickets tickets;
  private final CustomerDirectory customers;
  private final StaffDirectory staff;

  TicketRoutes(Tickets tickets, CustomerDirectory customers, StaffDirectory staff) {
    this.tickets = tickets;
    this.customers = customers;
    this.staff = staff;
  }

  void mount(Router api) {
    var anyStaff = Access.anyStaff();
    var desk = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC);
    var leads = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS);
    api.get("/tickets").handler(anyStaff).handler(this::list);
    api.get("/tickets/summary").handler(desk).handler(this::summary);
    api.post("/tickets").handler(desk).handler(this::open);
    api.post("/tickets/bulk/assign").handler(leads).handler(this::bulkAssign);
    api.post("/tickets/bulk/close").handler(leads).handler(this::bulkClose);
    api.get("/tickets/:id").handler(anyStaff).handler(this::get);
    api.patch("/tickets/:id").handler(anyStaff).handler(this::change);
    api.post("/tickets/:id/replies").handler(anyStaff).handler(this::reply);
    api.post("/tickets/:id/attachments").handler(anyStaff);
    api.post("/tickets/:id/attachments").handler(ImageUploads.body()).handler(this::attach);
    api.get("/tickets/:id/attachments/:attachmentId").handler(anyStaff).handler(this::image);
  }

  /**
   * A technician works only tickets assigned to them. A technician-scoped API token is nobody's account, so it is
   * assigned nothing (id 0 matches no staff member); a token's own id is never taken for a staff id.
   */
  static Tickets.Scope scope(Principal who) {
    return who.role() == Role.TECHNICIAN ? Tickets.Scope.assignee(staffId(who)) : Tickets.Scope.ALL;
  }

  /** The caller's staff id, or 0 (no staff member) for an API token. */
  static long staffId(Principal who) {
    return who.kind() == Principal.Kind.STAFF ? who.id() : 0;
  }

  private void list(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    List<String> statuses = statuses(Requests.query(ctx, "status"));
    String priority = Requests.queryEnum(ctx, "priority", PRIORITIES);
    String category = Requests.queryEnum(ctx, "category", Tickets.CATEGORIES);
    String sla = Requests.queryEnum(ctx, "sla", SLA_STATES);
    String customerNo = Requests.query(ctx, "customerNo");
    Long customerId = Requests.queryId(ctx, "customerId");
    String pattern = Requests.querySearch(ctx, "q", 100);
    assigneeFilter(who, Requests.query(ctx, "assignee"))
        .compose(assignee -> tickets.repository().page(before, new TicketRepository.Filter(statuses, priority, category,
            assignee, sla, customerNo, customerId, pattern), limit + 1))
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Ticket::id, t -> tickets.sla().json(t, false)))
        .onFailure(ctx::fail);
  }

  /** {@code open} or {@code open,in_progress}; null for every status. */
  static List<String> statuses(String raw) {
    if (raw == null) {
      return null;
    }
    List<String> out = Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (out.isEmpty() || !Tickets.STATUSES.containsAll(out)) {
      throw ApiError.invalidField("status", "'status' must be one or more (comma separated) of closed, in_progress, open, resolved, waiting_customer.");
    }
    return out;
  }

  /** The assignee id to filter by: a technician always their own; {@code me}, {@code none} (-1), or a username. */
  private Future<Long> assigneeFilter(Principal who, String raw) {
    if (who.role() == Role.TECHNICIAN) {
      return Future.succeededFuture(staffId(who));
    }
    if (raw == null) {
      return Future.succeededFuture(null);
    }
    if ("me".equals(raw)) {
      return Future.succeededFuture(staffId(who));
    }
    if ("none".equals(raw)) {
      return Future.succeededFuture(-1L);
    }
    return staffByUsername(raw, "assignee").map(StaffDirectory.Contact::id);
  }

  private Future<StaffDirectory.Contact> staffByUsername(String username, String field) {
    return staff.active(Set.of(), Set.of(username)).map(found -> found.stream().findFirst()
        .orElseThrow(() -> ApiError.invalidField(field, "'" + field + "': no active staff member is called '" + username + "'.")));
  }

  private void summary(RoutingContext ctx) {
    tickets.repository().summary(staffId(Access.principal(ctx))).onSuccess(s -> Responses.ok(ctx, s)).onFailure(ctx::fail);
  }

  private void open(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, OPEN_FIELDS);
    String customerNo = Fields.optionalString(body, "customerNo", 32);
    Double customerId = Fields.optionalNumber(body, "customerId", 1, Long.MAX_VALUE);
    if (customerNo == null && customerId == null) {
      throw ApiError.invalidField("customerNo", "'customerNo' (or 'customerId') names the customer the ticket is for.");
    }
    if (customerId != null && customerId != Math.rint(customerId)) {
      throw ApiError.invalidField("customerId", "'customerId' must be a whole number.");
    }
    String category = requiredEnum(body, "category", Tickets.CATEGORIES);
    String subject = Fields.requiredString(body, "subject", SUBJECT_MAX);
    String description = Fields.requiredString(body, "description", TEXT_MAX);
    String priority = Fields.optionalEnum(body, "priority", PRIORITIES);
    String assignee = Fields.optionalString(body, "assignee", 64);
    Future<CustomerDirectory.Contact> customer = (customerNo != null ? customers.byCustomerNo(customerNo)
        : customers.byId(customerId.longValue()))
        .map(found -> found.orElseThrow(() -> customerNo != null
            ? ApiError.invalidField("customerNo", "No customer has the number '" + customerNo + "'.")
            : ApiError.invalidField("customerId", "No customer has the id " + customerId.longValue() + ".")));
    Future<StaffDirectory.Contact> assigned = assignee == null ? Future.succeededFuture() : staffByUsername(assignee, "assignee");
    Future.all(customer, assigned)
        .compose(both -> tickets.open(new Tickets.Opening(customer.result(), category, subject, description, priority, "staff",
            null, assigned.result()), Actor.of(who)))
        .onSuccess(opened -> Responses.json(ctx, 201, new JsonObject().put("id", opened.ticket().id())
            .put("number", opened.ticket().number())))
        .onFailure(ctx::fail);
  }

  static String requiredEnum(JsonObject body, String field, Set<String> allowed) {
    String value = Fields.optionalEnum(body, field, allowed);
    if (value == null) {
      throw ApiError.invalidField(field, "'" + field + "' is required: one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
    }
    return value;
  }

  private void get(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Ticket");
    tickets.detail(id, scope(Access.principal(ctx))).onSuccess(t -> Responses.ok(ctx, t)).onFailure(ctx::fail);
  }

  private void change(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    long id = Requests.idParam(ctx, "id", "Ticket");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, PATCH_FIELDS);
    if (who.role() == Role.TECHNICIAN && (body.containsKey("priority") || body.containsKey("assignee"))) {
      throw ApiError.forbidden("Technicians change only the status of tickets assigned to them.");
    }
    String status = Fields.optionalEnum(body, "status", Tickets.STATUSES);
    String priority = Fields.optionalEnum(body, "priority", PRIORITIES);
    boolean unassign = body.containsKey("assignee") && body.getValue("assignee") == null;
    String assignee = Fields.optionalString(body, "assignee", 64);
    if (status == null && priority == null && assignee == null && !unassign) {
      throw ApiError.badRequest("nothing_to_change", "Send at least one of 'status', 'priority' or 'assignee'.");
    }
    Future<StaffDirectory.Contact> assigned = assignee == null ? Future.succeededFuture() : staffByUsername(assignee, "assignee");
    assigned.compose(a -> tickets.change(id, scope(who), Actor.of(who), new Tickets.Change(status, priority, a, unassign)))
        .compose(t -> tickets.detail(t.id(), scope(who)))
        .onSuccess(t -> Responses.ok(ctx, t))
        .onFailure(ctx::fail);
  }

  private void reply(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    long id = Requests.idParam(ctx, "id", "Ticket");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, REPLY_FIELDS);
    String text = Fields.requiredString(body, "text", TEXT_MAX);
    boolean internal = Boolean.TRUE.equals(Fields.optionalBoolean(body, "internal"));
    tickets.reply(id, scope(who), Actor.of(who), text, internal)
        .onSuccess(message -> Responses.json(ctx, 201, message))
        .onFailure(ctx::fail);
  }

  private void attach(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    long id = Requests.idParam(ctx, "id", "Ticket");
    boolean internal = Boolean.TRUE.equals(Requests.queryBoolean(ctx, "internal"));
    ImageUploads.Image image = ImageUploads.read(ctx);
    tickets.attach(id, scope(who), Actor.of(who), image.filename(), image.contentType(), image.data(), internal)
        .onSuccess(message -> Responses.json(ctx, 201, message))
        .onFailure(ctx::fail);
  }

  private void image(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Ticket");
    long attachmentId = Requests.idParam(ctx, "attachmentId", "Attachment");
    tickets.image(id, attachmentId, scope(Access.principal(ctx)))
        .onSuccess(image -> ImageUploads.serve(ctx, image.contentType(), image.filename(), image.data()))
        .onFailure(ctx::fail);
  }

  private void bulkAssign(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("ids", "assignee"));
    List<Long> ids = ids(body);
    if (!body.containsKey("assignee")) {
      throw ApiError.invalidField("assignee", "'assignee' is required: a username, or null to unassign.");
    }
    String assignee = Fields.optionalString(body, "assignee", 64);
    Future<StaffDirectory.Contact> assigned = assignee == null ? Future.succeededFuture() : staffByUsername(assignee, "assignee");
    assigned.compose(a -> tickets.bulk(ids, Actor.of(Access.principal(ctx)), new Tickets.Change(null, null, a, a == null)))
        .onSuccess(result -> Responses.ok(ctx, result))
        .onFailure(ctx::fail);
  }

  private void bulkClose(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("ids"));
    tickets.bulk(ids(body), Actor.of(Access.principal(ctx)), new Tickets.Change(Ticket.CLOSED, null, null, false))
        .onSuccess(result -> Responses.ok(ctx, result))
        .onFailure(ctx::fail);
  }

  /** {@code "ids"}: 1 to 200 distinct positive whole numbers. */
  static List<Long> ids(JsonObject body) {
    Object raw = body.getValue("ids");
    if (!(raw instanceof JsonArray array) || array.isEmpty() || array.size() > BULK_MAX) {
      throw ApiError.invalidField("ids", "'ids' must be a list of 1 to " + BULK_MAX + " ticket ids.");
    }
    List<Long> ids = new ArrayList<>();
    for (Object v : array) {
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1) {
        throw ApiError.invalidField("ids", "'ids' must hold positive whole numbers.");
      }
      if (!ids.contains(n.longValue())) {
        ids.add(n.longValue());
      }
    }
    return ids;
  }
}
