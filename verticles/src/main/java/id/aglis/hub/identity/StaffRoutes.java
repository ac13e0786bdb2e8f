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
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Staff administration: {@code POST /staff}, {@code GET /staff?q=&role=&active=}, {@code GET|PUT|DELETE /staff/{id}}.
 *
 * <p>Admins manage everyone. Supervisors manage the front-line roles (cs, noc, technician) but can neither
 * grant nor touch admin and supervisor accounts, so the role cannot be used to promote oneself. Nobody can
 * disable or demote their own account. DELETE disables (accounts are kept for the audit trail).
 */
public final class StaffRoutes {

  private static final Set<String> FIELDS = Set.of("username", "name", "role", "phone", "email", "password", "active");
  private static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{2,31}$");
  private static final Set<Role> SUPERVISOR_MANAGES = EnumSet.of(Role.CS, Role.NOC, Role.TECHNICIAN);

  private final StaffRepository staff;
  private final Passwords passwords;
  private final AuditLog audit;
  private final id.aglis.hub.web.StaffDirectory directory;

  public StaffRoutes(StaffRepository staff, Passwords passwords, AuditLog audit, id.aglis.hub.web.StaffDirectory directory) {
    this.staff = staff;
    this.passwords = passwords;
    this.audit = audit;
    this.directory = directory;
  }

  public void mount(Router api) {
    var admins = Access.staff(Role.ADMIN, Role.SUPERVISOR);
    api.post("/staff").handler(admins).handler(this::create);
    api.get("/staff").handler(admins).handler(this::list);
    // Who can be given work: every staff role picks assignees and technicians, so every role reads names and roles
    // (never phones or e-mail addresses).
    api.get("/staff/directory").handler(Access.anyStaff()).handler(this::directory);
    api.get("/staff/:id").handler(admins).handler(this::get);
    api.put("/staff/:id").handler(admins).handler(this::update);
    api.delete("/staff/:id").handler(admins).handler(this::disable);
  }

  private void create(RoutingContext ctx) {
    Principal actor = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String username = Fields.requiredString(body, "username", 32).toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(username).matches()) {
      throw ApiError.invalidField("username", "'username' must be 3-32 characters: a letter, then letters, digits, '.', '_' or '-'.");
    }
    String name = Fields.requiredString(body, "name", 120);
    Role role = role(Fields.requiredString(body, "role", 32));
    mayGrant(actor, role);
    String phone = Fields.optionalPhone(body, "phone");
    String email = Fields.optionalEmail(body, "email");
    String password = Fields.optionalPassword(body, "password");
    if (password == null) {
      throw ApiError.invalidField("password", "'password' is required.");
    }
    passwords.hash(password)
        .compose(hash -> staff.insert(new StaffRepository.NewStaff(username, name, role.wire(), phone, email, hash)))
        .compose(created -> audit.record(AuditLog.Entry.by(actor, "staff.created", "staff", created.id(), Requests.ip(ctx),
                new JsonObject().put("username", created.username()).put("role", created.role().wire())))
            .map(created))
        .onSuccess(created -> Responses.json(ctx, 201, created.toJson()))
        .onFailure(ctx::fail);
  }

  private void directory(RoutingContext ctx) {
    directory.active(java.util.EnumSet.allOf(Role.class), java.util.Set.of())
        .onSuccess(people -> Responses.ok(ctx, new JsonObject().put("items", new io.vertx.core.json.JsonArray(people.stream()
            .map(p -> (Object) new JsonObject().put("id", p.id()).put("username", p.username()).put("name", p.name())
                .put("role", p.role().wire()))
            .toList()))))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String q = Requests.query(ctx, "q");
    String role = Requests.queryEnum(ctx, "role", Role.NAMES);
    Boolean active = Requests.queryBoolean(ctx, "active");
    staff.page(before, q, role, active, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, StaffMember::id, StaffMember::toJson))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Staff member");
    staff.findById(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Staff member")))
        .onSuccess(found -> Responses.ok(ctx, found.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    Principal actor = Access.principal(ctx);
    long id = Requests.idParam(ctx, "id", "Staff member");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String username = Fields.optionalString(body, "username", 32);
    String name = Fields.optionalString(body, "name", 120);
    String roleText = Fields.optionalString(body, "role", 32);
    Role role = roleText == null ? null : role(roleText);
    if (role != null) {
      mayGrant(actor, role);
    }
    boolean phoneGiven = body.containsKey("phone");
    String phone = Fields.optionalPhone(body, "phone");
    boolean emailGiven = body.containsKey("email");
    String email = Fields.optionalEmail(body, "email");
    Boolean active = Fields.optionalBoolean(body, "active");
    String password = Fields.optionalPassword(body, "password");
    Future<String> newHash = password == null ? Future.succeededFuture(null) : passwords.hash(password);
    newHash.compose(hash -> staff.update(id, current -> {
          mayManage(actor, current);
          // Usernames are identities in the audit trail: they can be shown, never changed.
          if (username != null && !username.toLowerCase(Locale.ROOT).equals(current.username())) {
            throw ApiError.invalidField("username", "'username' cannot be changed.");
          }
          if (current.id() == actor.id() && actor.kind() == Principal.Kind.STAFF
              && ((active != null && !active) || (role != null && role != current.role()))) {
            throw ApiError.conflict("self_change", "You cannot disable or change the role of your own account.");
          }
          return new StaffMember(current.id(), current.username(), name == null ? current.name() : name,
              role == null ? current.role() : role, phoneGiven ? phone : current.phone(), emailGiven ? email : current.email(),
              current.passwordHash(), active == null ? current.active() : active, current.createdAt(), current.updatedAt());
        }, hash))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Staff member")))
        .onSuccess(updated -> keepOwnSession(ctx, actor, updated))
        .compose(updated -> audit.record(AuditLog.Entry.by(actor, "staff.updated", "staff", updated.id(), Requests.ip(ctx),
                AuditLog.changes(body))).map(updated))
        .onSuccess(updated -> Responses.ok(ctx, updated.toJson()))
        .onFailure(ctx::fail);
  }

  private void disable(RoutingContext ctx) {
    Principal actor = Access.principal(ctx);
    long id = Requests.idParam(ctx, "id", "Staff member");
    staff.update(id, current -> {
          mayManage(actor, current);
          if (current.id() == actor.id() && actor.kind() == Principal.Kind.STAFF) {
            throw ApiError.conflict("self_change", "You cannot disable your own account.");
          }
          return new StaffMember(current.id(), current.username(), current.name(), current.role(), current.phone(),
              current.email(), current.passwordHash(), false, current.createdAt(), current.updatedAt());
        }, null)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Staff member")))
        .compose(updated -> audit.record(AuditLog.Entry.by(actor, "staff.disabled", "staff", updated.id(), Requests.ip(ctx), null))
            .map(updated))
        .onSuccess(updated -> Responses.ok(ctx, updated.toJson()))
        .onFailure(ctx::fail);
  }

  /**
   * A new password ends every session of the account (the Authenticator compares stamps); the session that
   * changed its own password takes the new stamp and stays signed in.
   */
  private static void keepOwnSession(RoutingContext ctx, Principal actor, StaffMember updated) {
    if (actor.kind() == Principal.Kind.STAFF && actor.id() == updated.id() && ctx.session() != null
        && ctx.session().get(Authenticator.SESSION_KEY) != null) {
      ctx.session().put(Authenticator.CREDENTIAL_KEY, Authenticator.credentialStamp(updated.passwordHash()));
    }
  }

  private static void mayGrant(Principal actor, Role role) {
    if (actor.role() != Role.ADMIN && !SUPERVISOR_MANAGES.contains(role)) {
      throw ApiError.forbidden("Only an admin can grant the role '" + role.wire() + "'.");
    }
  }

  private static void mayManage(Principal actor, StaffMember target) {
    if (actor.role() != Role.ADMIN && !SUPERVISOR_MANAGES.contains(target.role())) {
      throw ApiError.forbidden("Only an admin can change an account with the role '" + target.role().wire() + "'.");
    }
  }

  private static Role role(String text) {
    if (!Role.NAMES.contains(text)) {
      throw ApiError.invalidField("role", "'role' must be one of admin, supervisor, cs, noc, technician.");
    }
    return Role.fromWire(text);
  }

}
