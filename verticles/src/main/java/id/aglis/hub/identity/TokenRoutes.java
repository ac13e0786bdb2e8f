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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * API tokens for machine clients, admins only: {@code POST /tokens} ({@code {"name","role","expiresAt"?}};
 * the answer is the only time the secret is shown), {@code GET /tokens?q=&active=}, {@code GET /tokens/{id}} (without
 * its secret), {@code DELETE /tokens/{id}} or
 * {@code POST /tokens/{id}/revoke} to revoke.
 */
public final class TokenRoutes {

  private static final Set<String> FIELDS = Set.of("name", "role", "expiresAt");

  private final ApiTokenRepository tokens;
  private final AuditLog audit;

  public TokenRoutes(ApiTokenRepository tokens, AuditLog audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  public void mount(Router api) {
    var admin = Access.staff(Role.ADMIN);
    api.post("/tokens").handler(admin).handler(this::create);
    api.get("/tokens").handler(admin).handler(this::list);
    api.get("/tokens/:id").handler(admin).handler(this::get);
    api.delete("/tokens/:id").handler(admin).handler(this::revoke);
    api.post("/tokens/:id/revoke").handler(admin).handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    Principal actor = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String name = Fields.requiredString(body, "name", 80);
    String role = Fields.optionalEnum(body, "role", Role.NAMES);
    if (role == null) {
      throw ApiError.invalidField("role", "'role' is required: one of admin, supervisor, cs, noc, technician.");
    }
    OffsetDateTime expiresAt = expiresAt(body);
    String secret = ApiTokenRepository.newSecret();
    Long createdBy = actor.kind() == Principal.Kind.STAFF ? actor.id() : null;
    tokens.insert(name, role, secret, createdBy, expiresAt)
        .compose(token -> audit.record(AuditLog.Entry.by(actor, "token.created", "token", token.id(), Requests.ip(ctx),
            new JsonObject().put("name", name).put("role", role))).map(token))
        .onSuccess(token -> Responses.json(ctx, 201, token.toJson().put("token", secret)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String q = Requests.query(ctx, "q");
    Boolean active = Requests.queryBoolean(ctx, "active");
    tokens.page(before, q, active, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, ApiToken::id, ApiToken::toJson))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    tokens.findById(Requests.idParam(ctx, "id", "Token"))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Token")))
        .onSuccess(token -> Responses.ok(ctx, token.toJson()))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    Principal actor = Access.principal(ctx);
    long id = Requests.idParam(ctx, "id", "Token");
    tokens.revoke(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Token")))
        .compose(token -> audit.record(AuditLog.Entry.by(actor, "token.revoked", "token", id, Requests.ip(ctx), null)).map(token))
        .onSuccess(token -> Responses.ok(ctx, token.toJson()))
        .onFailure(ctx::fail);
  }

  private static OffsetDateTime expiresAt(JsonObject body) {
    String text = Fields.optionalString(body, "expiresAt", 40);
    if (text == null) {
      return null;
    }
    try {
      OffsetDateTime at = Fields.saneTime(OffsetDateTime.parse(text), "expiresAt");
      if (!at.isAfter(OffsetDateTime.now())) {
        throw ApiError.invalidField("expiresAt", "'expiresAt' must be in the future.");
      }
      return at;
    } catch (DateTimeParseException e) {
      throw ApiError.invalidField("expiresAt", "'expiresAt' must be an ISO-8601 time with offset, e.g. 2027-01-31T17:00:00+07:00.");
    }
  }
}
