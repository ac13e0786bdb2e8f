package id.aglis.hub.identity;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Customer administration for admins and supervisors (customer service and the NOC may read): {@code POST /customers}, {@code GET /customers?q=&status=},
 * {@code GET|PUT /customers/{id}}. Phones are normalised to {@code 62…}; a missing customer number is
 * assigned ({@code AGL-000123}). The plan comes as its name ({@code "plan": "Rumah 30 Mbps"}, with
 * {@code planSpeedMbps} and {@code planPrice} beside it) or as one object {@code {"name","speedMbps","price"}}
 * ({@code speed} is read as {@code speedMbps}); {@code statusReason} says why an account is suspended and is shown to
 * the customer. A status change without a reason clears the old one, so a reactivated customer is not told why
 * they were once suspended.
 */
public final class CustomerRoutes {

  static final Set<String> STATUSES = Set.of("prospect", "active", "suspended", "terminated");
  private static final Set<String> FIELDS = Set.of("customerNo", "name", "phone", "email", "address", "latitude",
      "longitude", "plan", "planSpeedMbps", "planPrice", "status", "statusReason", "password");
  private static final Set<String> PLAN_FIELDS = Set.of("name", "speedMbps", "speed", "price");
  private static final Pattern CUSTOMER_NO = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9./-]{1,31}$");

  private final CustomerRepository customers;
  private final Passwords passwords;
  private final AuditLog audit;

  public CustomerRoutes(CustomerRepository customers, Passwords passwords, AuditLog audit) {
    this.customers = customers;
    this.passwords = passwords;
    this.audit = audit;
  }

  public void mount(Router api) {
    var admins = Access.staff(Role.ADMIN, Role.SUPERVISOR);
    // Customer service and the NOC read customers too: the customer 360 page and tickets opened on a caller's behalf.
    var readers = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC);
    api.post("/customers").handler(admins).handler(this::create);
    api.get("/customers").handler(readers).handler(this::search);
    api.get("/customers/:id").handler(readers).handler(this::get);
    api.put("/customers/:id").handler(admins).handler(this::update);
  }

  private void create(RoutingContext ctx) {
    Principal actor = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String customerNo = customerNo(body);
    String name = Fields.requiredString(body, "name", 120);
    String phone = Fields.optionalPhone(body, "phone");
    String email = Fields.optionalEmail(body, "email");
    String address = Fields.optionalString(body, "address", 500);
    Double latitude = Fields.optionalNumber(body, "latitude", -90, 90);
    Double longitude = Fields.optionalNumber(body, "longitude", -180, 180);
    Plan plan = Plan.of(body);
    String status = Fields.optionalEnum(body, "status", STATUSES);
    String statusReason = Fields.optionalString(body, "statusReason", 500);
    String password = Fields.optionalPassword(body, "password");
    Future<String> hash = password == null ? Future.succeededFuture(null) : passwords.hash(password);
    hash.compose(h -> customers.insert(new CustomerRepository.NewCustomer(customerNo, name, phone, email, address,
            latitude, longitude, plan.name(), plan.speedMbps(), plan.price(), status == null ? "active" : status,
            statusReason, h)))
        .compose(created -> audit.record(AuditLog.Entry.by(actor, "customer.created", "customer", created.id(),
            Requests.ip(ctx), new JsonObject().put("customerNo", created.customerNo()))).map(created))
        .onSuccess(created -> Responses.json(ctx, 201, created.toJson()))
        .onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String q = Requests.query(ctx, "q");
    String text = q == null || q.isBlank() ? null : q.strip();
    if (text != null && text.length() > 100) {
      throw ApiError.invalidField("q", "'q' must be at most 100 characters.");
    }
    String status = Requests.queryEnum(ctx, "status", STATUSES);
    customers.search(before, text, phoneDigits(text), status, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Customer::id, Customer::toJson))
        .onFailure(ctx::fail);
  }

  /** A query like {@code 0812 34} searches phones by prefix, as {@code 6281234}. */
  private static String phoneDigits(String text) {
    if (text == null || !text.matches("^\\+?[0-9 ()\\-.]{3,}$")) {
      return null;
    }
    String digits = text.replaceAll("[^0-9]", "");
    return digits.startsWith("0") ? "62" + digits.substring(1) : digits;
  }

  private void get(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Customer");
    customers.findById(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Customer")))
        .onSuccess(found -> Responses.ok(ctx, found.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    Principal actor = Access.principal(ctx);
    long id = Requests.idParam(ctx, "id", "Customer");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String customerNo = customerNo(body);
    String name = Fields.optionalString(body, "name", 120);
    String phone = Fields.optionalPhone(body, "phone");
    String email = Fields.optionalEmail(body, "email");
    String address = Fields.optionalString(body, "address", 500);
    Double latitude = Fields.optionalNumber(body, "latitude", -90, 90);
    Double longitude = Fields.optionalNumber(body, "longitude", -180, 180);
    Plan plan = Plan.of(body);
    String status = Fields.optionalEnum(body, "status", STATUSES);
    String statusReason = Fields.optionalString(body, "statusReason", 500);
    String password = Fields.optionalPassword(body, "password");
    Future<String> hash = password == null ? Future.succeededFuture(null) : passwords.hash(password);
    hash.compose(h -> customers.update(id, c -> new Customer(c.id(),
            customerNo == null ? c.customerNo() : customerNo,
            name == null ? c.name() : name,
            body.containsKey("phone") ? phone : c.phone(),
            body.containsKey("email") ? email : c.email(),
            body.containsKey("address") ? address : c.address(),
            body.containsKey("latitude") ? latitude : c.latitude(),
            body.containsKey("longitude") ? longitude : c.longitude(),
            plan.nameGiven() ? plan.name() : c.plan(),
            plan.speedGiven() ? plan.speedMbps() : c.planSpeedMbps(),
            plan.priceGiven() ? plan.price() : c.planPrice(),
            status == null ? c.status() : status,
            body.containsKey("statusReason") || (status != null && !status.equals(c.status())) ? statusReason : c.statusReason(),
            c.passwordHash(), c.createdAt(), c.updatedAt()), h))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Customer")))
        .compose(updated -> audit.record(AuditLog.Entry.by(actor, "customer.updated", "customer", updated.id(), Requests.ip(ctx),
            AuditLog.changes(body))).map(updated))
        .onSuccess(updated -> Responses.ok(ctx, updated.toJson()))
        .onFailure(ctx::fail);
  }

  private static String customerNo(JsonObject body) {
    String value = Fields.optionalString(body, "customerNo", 32);
    if (value != null && !CUSTOMER_NO.matcher(value).matches()) {
      throw ApiError.invalidField("customerNo", "'customerNo' may hold letters, digits, '.', '/' and '-' (2-32 characters).");
    }
    return value;
  }

  /** The plan as given: flat fields or one object; each part says whether it was given (PUT leaves the rest). */
  private record Plan(String name, boolean nameGiven, Integer speedMbps, boolean speedGiven, Long price, boolean priceGiven) {

    static Plan of(JsonObject body) {
      Object plan = body.getValue("plan");
      if (plan instanceof JsonObject object) {
        if (body.containsKey("planSpeedMbps") || body.containsKey("planPrice")) {
          throw ApiError.invalidField("plan", "Give the plan either as one object or as 'plan', 'planSpeedMbps' and 'planPrice', not both.");
        }
        Fields.onlyKnown(object, PLAN_FIELDS);
        String speedKey = object.containsKey("speedMbps") ? "speedMbps" : "speed";
        Long speed = Fields.optionalWhole(object, speedKey, "plan." + speedKey, 1, 100_000);
        return new Plan(Fields.optionalString(object, "name", "plan.name", 80), object.containsKey("name"),
            speed == null ? null : speed.intValue(), object.containsKey(speedKey),
            Fields.optionalWhole(object, "price", "plan.price", 0, 1_000_000_000), object.containsKey("price"));
      }
      Long speed = Fields.optionalWhole(body, "planSpeedMbps", "planSpeedMbps", 1, 100_000);
      return new Plan(Fields.optionalString(body, "plan", 80), body.containsKey("plan"),
          speed == null ? null : speed.intValue(), body.containsKey("planSpeedMbps"),
          Fields.optionalWhole(body, "planPrice", "planPrice", 0, 1_000_000_000), body.containsKey("planPrice"));
    }
  }
}
