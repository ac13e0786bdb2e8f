package id.aglis.hub.kb;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** Knowledge-base categories under {@code /kb/categories}: every staff member reads them with their counts; writers add them. */
final class KbCategoryRoutes {

  static final int NAME_MAX = 80;
  private static final Set<String> FIELDS = Set.of("slug", "name", "position");

  private final KbRepository repository;

  KbCategoryRoutes(KbRepository repository) {
    this.repository = repository;
  }

  void mount(Router api) {
    api.get("/kb/categories").handler(Access.anyStaff()).handler(this::list);
    api.post("/kb/categories").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS)).handler(this::create);
  }

  private void list(RoutingContext ctx) {
    repository.categories().onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String name = Fields.requiredString(body, "name", NAME_MAX);
    String given = Fields.optionalString(body, "slug", Slugs.INPUT_MAX);
    String slug = given == null ? Slugs.fromTitle(name, "slug") : Slugs.checked(given, "slug");
    Double position = Fields.optionalNumber(body, "position", 0, 10_000);
    if (position != null && position != Math.floor(position)) {
      throw ApiError.invalidField("position", "'position' must be a whole number.");
    }
    repository.insertCategory(slug, name, position == null ? 100 : position.intValue())
        .onSuccess(created -> Responses.json(ctx, 201, created))
        .onFailure(ctx::fail);
  }
}
