package id.aglis.hub.dispatch.api;

import id.aglis.hub.dispatch.EnqueueRequest;
import id.aglis.hub.dispatch.TemplateRepository;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST/GET /templates}, {@code GET/PUT/DELETE /templates/{name}}: texts with {@code {{name}}} placeholders. */
public final class TemplateRoutes {

  private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{1,63}$");

  private final TemplateRepository templates;

  public TemplateRoutes(TemplateRepository templates) {
    this.templates = templates;
  }

  public void mount(Router api) {
    var editors = Access.staff(Role.ADMIN, Role.SUPERVISOR);
    api.post("/templates").handler(editors).handler(this::create);
    api.get("/templates").handler(Access.anyStaff()).handler(this::list);
    api.get("/templates/:name").handler(Access.anyStaff()).handler(this::get);
    api.put("/templates/:name").handler(editors).handler(this::update);
    api.delete("/templates/:name").handler(editors).handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("name", "body"));
    String name = Fields.requiredString(body, "name", 64);
    if (!NAME.matcher(name).matches()) {
      throw ApiError.invalidField("name", "'name' must be 2-64 lower-case letters, digits, '.', '_' or '-'.");
    }
    String text = templateBody(body);
    templates.insert(name, text).onSuccess(t -> Responses.json(ctx, 201, t.toJson())).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    templates.page(before, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, TemplateRepository.Template::id, TemplateRepository.Template::toJson))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    templates.findByName(ctx.pathParam("name"))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Template")))
        .onSuccess(t -> Responses.ok(ctx, t.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    protectedFromChange(ctx.pathParam("name"));
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("name", "body"));
    String text = templateBody(body);
    templates.update(ctx.pathParam("name"), text)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Template")))
        .onSuccess(t -> Responses.ok(ctx, t.toJson()))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    protectedFromChange(ctx.pathParam("name"));
    templates.delete(ctx.pathParam("name"))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Template")))
        .onSuccess(t -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /**
   * The {@code auth.*} templates carry sign-in codes and the warning beside them: edited, a code could go missing or the
   * warning be turned into an invitation to pass the code on; deleted, no customer could reset a password.
   */
  private static void protectedFromChange(String name) {
    if (name != null && name.startsWith("auth.")) {
      throw ApiError.conflict("template_protected", "The template '" + name + "' carries sign-in codes; it cannot be changed or deleted.");
    }
  }

  private static String templateBody(JsonObject body) {
    return Fields.requiredString(body, "body", EnqueueRequest.MAX_TEXT);
  }
}
