package id.aglis.hub.ticket;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.ImageUploads;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * A customer's own tickets under {@code /portal/tickets} (customer sessions only): report, list, read with the thread
 * (never internal notes), reply, add a photo, close. Anything that is not the caller's answers 404.
 */
final class PortalTicketRoutes {

  private static final Set<String> OPEN_FIELDS = Set.of("category", "subject", "description");

  private final Tickets tickets;
  private final CustomerDirectory customers;

  PortalTicketRoutes(Tickets tickets, CustomerDirectory customers) {
    this.tickets = tickets;
    this.customers = customers;
  }

  void mount(Router api) {
    var customer = Access.customer();
    api.post("/portal/tickets").handler(customer).handler(this::open);
    api.get("/portal/tickets").handler(customer).handler(this::list);
    api.get("/portal/tickets/:id").handler(customer).handler(this::get);
    api.post("/portal/tickets/:id/replies").handler(customer).handler(this::reply);
    api.post("/portal/tickets/:id/close").handler(customer).handler(this::close);
    api.post("/portal/tickets/:id/attachments").handler(customer);
    api.post("/portal/tickets/:id/attachments").handler(ImageUploads.body()).handler(this::attach);
    api.get("/portal/tickets/:id/attachments/:attachmentId").handler(customer).handler(this::image);
  }

  private static Tickets.Scope scope(RoutingContext ctx) {
    return Tickets.Scope.customer(Access.principal(ctx).id());
  }

  private void open(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, OPEN_FIELDS);
    String category = TicketRoutes.requiredEnum(body, "category", Tickets.CATEGORIES);
    String subject = Fields.requiredString(body, "subject", TicketRoutes.SUBJECT_MAX);
    String description = Fields.requiredString(body, "description", TicketRoutes.TEXT_MAX);
    customers.byId(who.id())
        .map(found -> found.orElseThrow(id.aglis.hub.web.ApiError::unauthenticated))
        .compose(me -> tickets.open(new Tickets.Opening(me, category, subject, description, null, "portal", null, null), Actor.of(who)))
        .onSuccess(opened -> Responses.json(ctx, 201, new JsonObject().put("id", opened.ticket().id())
            .put("number", opened.ticket().number())))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    var statuses = TicketRoutes.statuses(Requests.query(ctx, "status"));
    tickets.repository().customerPage(Access.principal(ctx).id(), before, statuses, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Ticket::id, t -> tickets.sla().json(t, true)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Ticket");
    tickets.detail(id, scope(ctx)).onSuccess(t -> Responses.ok(ctx, t)).onFailure(ctx::fail);
  }

  private void reply(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Ticket");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("text"));
    String text = Fields.requiredString(body, "text", TicketRoutes.TEXT_MAX);
    tickets.reply(id, scope(ctx), Actor.of(Access.principal(ctx)), text, false)
        .onSuccess(message -> Responses.json(ctx, 201, message))
        .onFailure(ctx::fail);
  }

  private void close(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Ticket");
    tickets.closeByCustomer(id, scope(ctx), Actor.of(Access.principal(ctx)))
        .compose(t -> tickets.detail(t.id(), scope(ctx)))
        .onSuccess(t -> Responses.ok(ctx, t))
        .onFailure(ctx::fail);
  }

  private void attach(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Ticket");
    ImageUploads.Image image = ImageUploads.read(ctx);
    tickets.attach(id, scope(ctx), Actor.of(Access.principal(ctx)), image.filename(), image.contentType(), image.data(), false)
        .onSuccess(message -> Responses.json(ctx, 201, message))
        .onFailure(ctx::fail);
  }

  private void image(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Ticket");
    long attachmentId = Requests.idParam(ctx, "attachmentId", "Attachment");
    tickets.image(id, attachmentId, scope(ctx))
        .onSuccess(image -> ImageUploads.serve(ctx, image.contentType(), image.filename(), image.data()))
        .onFailure(ctx::fail);
  }
}
