package id.aglis.hub.installation;

import id.aglis.hub.installation.InstallationRepository.Scope;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ImageUploads;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The customer's own installations in the portal ({@code {"items":[installation with progress…]}}, newest first) and
 * their photos; another customer's photo answers 404, whatever the ids.
 */
final class PortalInstallationRoutes {

  private final InstallationRepository repository;

  PortalInstallationRoutes(InstallationRepository repository) {
    this.repository = repository;
  }

  void mount(Router api) {
    api.get("/portal/installations").handler(Access.customer()).handler(this::list);
    api.get("/portal/installations/:id/progress/:progressId/photo").handler(Access.customer()).handler(this::photo);
  }

  private void list(RoutingContext ctx) {
    long customerId = Access.principal(ctx).id();
    repository.ofCustomer(customerId).compose(mine -> repository.progress(mine.stream().map(Installation::id).toList())
            .map(progress -> new JsonArray(mine.stream().map(i -> i.toCustomerJson(progress.get(i.id()))).toList())))
        .onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  private void photo(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Photo");
    long progressId = Requests.idParam(ctx, "progressId", "Photo");
    repository.photo(id, progressId, Scope.customer(Access.principal(ctx).id()))
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Photo")))
        .onSuccess(photo -> ImageUploads.serve(ctx, photo.contentType(), "foto-" + progressId, photo.bytes())).onFailure(ctx::fail);
  }
}
