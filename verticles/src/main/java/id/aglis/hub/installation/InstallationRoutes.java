package id.aglis.hub.installation;

import id.aglis.hub.common.Times;
import id.aglis.hub.installation.InstallationRepository.Changes;
import id.aglis.hub.installation.InstallationRepository.Filter;
import id.aglis.hub.installation.InstallationRepository.NewInstallation;
import id.aglis.hub.installation.InstallationRepository.Scope;
import id.aglis.hub.installation.InstallationRepository.Step;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.ImageUploads;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The staff API of installations (see {@code docs/tickets.md}): create and edit (admin, supervisor, cs), list and read
 * (all staff), record steps and their photos (all staff); a technician sees and works only the installations assigned
 * to them, and anybody else's answers 404 as if it did not exist.
 */
final class InstallationRoutes {

  static final String PHOTO_PATH = "/installations/:id/progress/:progressId/photo";
  private static final Set<String> CREATE_FIELDS = Set.of("customerNo", "customerId", "scheduledAt", "address", "plan", "technician", "note");
  private static final Set<String> PATCH_FIELDS = Set.of("scheduledAt", "technician", "address", "plan");
  private static final Set<String> STEP_FIELDS = Set.of("stage", "note", "at", "technician");
  /** A step is recorded when it happened; a little ahead is a phone's clock, more is a mistake. */
  private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

  private final Installations installations;
  private final InstallationRepository repository;
  private final CustomerDirectory customers;
  private final StaffDirectory staff;
  private final Clock clock;

  InstallationRoutes(Installations installations, InstallationRepository repository, CustomerDirectory customers, StaffDirectory staff,
                     Clock clock) {
    this.installations = installations;
    this.repository = repository;
    this.customers = customers;
    this.staff = staff;
    this.clock = clock;
  }

  void mount(Router api) {
    var everyone = Access.anyStaff();
    var office = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS);
    api.post("/installations").handler(office).handler(this::create);
    api.get("/installations").handler(everyone).handler(this::list);
    api.get("/installations/:id").handler(everyone).handler(this::get);
    api.patch("/installations/:id").handler(office).handler(this::update);
    api.post("/installations/:id/progress").handler(everyone).handler(this::progress);
    // The caller is checked before the (large) body is read; Vert.x wants body handlers first on a route.
    api.post(PHOTO_PATH).handler(everyone);
    api.post(PHOTO_PATH).handler(ImageUploads.body()).handler(this::upload);
    // The edge holds back bodies on this path for every method; a GET has none to wait for.
    api.get(PHOTO_PATH).handler(ctx -> {
      ctx.request().resume();
      ctx.next();
    }).handler(everyone).handler(this::photo);
  }

  /** A technician's own installations only; a technician's API token is nobody's technician and sees none. */
  static Scope scope(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    if (who.role() != Role.TECHNICIAN) {
      return Scope.ALL;
    }
    return Scope.technician(who.kind() == Principal.Kind.STAFF ? who.id() : 0);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, CREATE_FIELDS);
    OffsetDateTime scheduledAt = time(body, "scheduledAt", true);
    String address = Fields.optionalString(body, "address", 500);
    String plan = Fields.optionalString(body, "plan", 120);
    String technician = Fields.optionalString(body, "technician", 64);
    String note = Fields.optionalString(body, "note", 2_000);
    Future<CustomerDirectory.Contact> customer = customer(body);
    Future<Long> technicianId = technician == null ? Future.succeededFuture(null) : technician(technician);
    String actor = actor(ctx);
    Future.all(customer, technicianId).compose(v -> {
      CustomerDirectory.Contact who = customer.result();
      String where = address != null ? address : who.address();
      String what = plan != null ? plan : who.plan();
      if (where == null) {
        throw ApiError.invalidField("address", "'address' is required: the customer has none on file.");
      }
      if (what == null) {
        throw ApiError.invalidField("plan", "'plan' is required: the customer has none on file.");
      }
      return installations.create(new NewInstallation(who.id(), where, what, scheduledAt, technicianId.result(), note, actor));
    }).onSuccess(json -> Responses.json(ctx, 201, json)).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    List<String> stages = stages(Requests.query(ctx, "stage"));
    String technician = Requests.query(ctx, "technician");
    Long customerId = Requests.queryId(ctx, "customerId");
    String customerNo = Requests.query(ctx, "customerNo");
    String like = Requests.querySearch(ctx, "q", 100);
    repository.page(new Filter(stages, technician, customerId, customerNo, like), before, scope(ctx).technicianId(), limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Installation::id, Installation::toJson)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    installations.get(Requests.idParam(ctx, "id", "Installation"), scope(ctx))
        .onSuccess(json -> Responses.ok(ctx, json)).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Installation");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, PATCH_FIELDS);
    if (body.isEmpty()) {
      throw ApiError.badRequest("missing_body", "Name at least one of: address, plan, scheduledAt, technician.");
    }
    OffsetDateTime scheduledAt = time(body, "scheduledAt", false);
    String address = Fields.optionalString(body, "address", 500);
    String plan = Fields.optionalString(body, "plan", 120);
    boolean technicianGiven = body.containsKey("technician");
    String technician = Fields.optionalString(body, "technician", 64);
    Future<Long> technicianId = technician == null ? Future.succeededFuture(null) : technician(technician);
    technicianId.compose(tech -> installations.update(id, new Changes(scheduledAt, tech, technicianGiven, address, plan)))
        .onSuccess(json -> Responses.ok(ctx, json)).onFailure(ctx::fail);
  }

  private void progress(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Installation");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, STEP_FIELDS);
    String stage = Fields.requiredString(body, "stage", 64);
    if (!Stages.ALL.contains(stage)) {
      throw ApiError.invalidField("stage", "'stage' must be one of " + String.join(", ", Stages.ORDER) + ".");
    }
    String note = Fields.optionalString(body, "note", 2_000);
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime at = time(body, "at", false);
    if (at != null && at.isAfter(now.plus(FUTURE_SLACK))) {
      throw ApiError.invalidField("at", "'at' is when the step happened; it may be at most 5 minutes ahead (a phone's clock runs a little fast).");
    }
    String technician = Fields.optionalString(body, "technician", 64);
    Principal who = Access.principal(ctx);
    Future<Long> technicianId = technician != null ? technician(technician)
        : Future.succeededFuture(who.role() == Role.TECHNICIAN && who.kind() == Principal.Kind.STAFF ? who.id() : null);
    technicianId.compose(tech -> installations.record(new Step(id, stage, note, at == null ? now : at, tech, actor(ctx)), scope(ctx)))
        .onSuccess(json -> Responses.json(ctx, 201, json)).onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Installation");
    long progressId = Requests.idParam(ctx, "progressId", "Progress entry");
    ImageUploads.Image image = ImageUploads.read(ctx);
    installations.photo(id, progressId, scope(ctx), image.data(), image.contentType())
        .onSuccess(json -> Responses.json(ctx, 201, json)).onFailure(ctx::fail);
  }

  private void photo(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Installation");
    long progressId = Requests.idParam(ctx, "progressId", "Photo");
    repository.photo(id, progressId, scope(ctx))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Photo")))
        .onSuccess(photo -> ImageUploads.serve(ctx, photo.contentType(), "foto-" + progressId, photo.bytes())).onFailure(ctx::fail);
  }

  /** {@code customerId} or {@code customerNo} (one of them), an existing customer: otherwise 400 naming the field. */
  private Future<CustomerDirectory.Contact> customer(JsonObject body) {
    Object rawId = body.getValue("customerId");
    String customerNo = Fields.optionalString(body, "customerNo", 32);
    if (rawId != null && customerNo != null) {
      throw ApiError.invalidField("customerId", "Give 'customerId' or 'customerNo', not both.");
    }
    if (rawId != null) {
      if (!(rawId instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() <= 0) {
        throw ApiError.invalidField("customerId", "'customerId' must be a customer's id (a positive whole number).");
      }
      return customers.byId(n.longValue()).map(found -> found.orElseThrow(() ->
          ApiError.invalidField("customerId", "No customer has the id " + n.longValue() + ".")));
    }
    if (customerNo == null) {
      throw ApiError.invalidField("customerNo", "'customerNo' (or 'customerId') is required.");
    }
    return customers.byCustomerNo(customerNo).map(found -> found.orElseThrow(() ->
        ApiError.invalidField("customerNo", "No customer has the number '" + customerNo + "'.")));
  }

  /** The staff id of an active technician with this username; otherwise 400 naming {@code technician}. */
  private Future<Long> technician(String username) {
    return staff.active(Set.of(), Set.of(username)).map(found -> {
      Optional<StaffDirectory.Contact> technician = found.stream()
          .filter(c -> c.username().equals(username) && c.role() == Role.TECHNICIAN).findFirst();
      return technician.orElseThrow(() -> ApiError.invalidField("technician",
          "'technician' must be the username of an active technician.")).id();
    });
  }

  private static String actor(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    return who.kindWire() + ":" + who.login();
  }

  /** An ISO time with offset (or a local time, read in WIB), from 2000 to ten years ahead; otherwise 400 naming it. */
  static OffsetDateTime time(JsonObject body, String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw ApiError.invalidField(field, "'" + field + "' is required.");
      }
      return null;
    }
    if (value instanceof String text) {
      try {
        return Fields.saneTime(Times.parse(text.strip(), Times.BUSINESS_ZONE), field);
      } catch (DateTimeParseException malformed) {
        // falls through to the 400 below
      }
    }
    throw ApiError.invalidField(field, "'" + field + "' must be an ISO time with offset, e.g. 2026-12-07T09:00:00+07:00.");
  }

  private static List<String> stages(String raw) {
    if (raw == null) {
      return null;
    }
    List<String> stages = Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    for (String stage : stages) {
      if (!Stages.ALL.contains(stage)) {
        throw ApiError.invalidField("stage", "'stage' lists stages of " + String.join(", ", Stages.ORDER) + ".");
      }
    }
    return stages.isEmpty() ? null : stages;
  }
}
