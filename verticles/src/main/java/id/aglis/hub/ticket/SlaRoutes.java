package id.aglis.hub.ticket;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** {@code GET /tickets/sla} (the rules in force) and the holiday list the business calendar skips. */
final class SlaRoutes {

  private final TicketSettings settings;
  private final Holidays holidays;
  private final TicketRepository tickets;

  SlaRoutes(TicketSettings settings, Holidays holidays, TicketRepository tickets) {
    this.settings = settings;
    this.holidays = holidays;
    this.tickets = tickets;
  }

  void mount(Router api) {
    var keepers = Access.staff(Role.ADMIN, Role.SUPERVISOR);
    api.get("/tickets/sla").handler(Access.anyStaff()).handler(ctx -> Responses.ok(ctx, settings.toJson()));
    api.get("/tickets/holidays").handler(Access.anyStaff()).handler(this::list);
    api.post("/tickets/holidays").handler(keepers).handler(this::put);
    api.delete("/tickets/holidays/:date").handler(keepers).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    holidays.list().onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("date", "name"));
    LocalDate day = date(Fields.requiredString(body, "date", 10), "date");
    String name = Fields.requiredString(body, "name", 120);
    holidays.put(day, name)
        .compose(v -> tickets.recheckBusinessCalendar())
        .onSuccess(v -> Responses.json(ctx, 201, new JsonObject().put("date", day.toString()).put("name", name)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    LocalDate day = date(ctx.pathParam("date"), "date");
    // Running business-hours clocks get their next threshold anew: a day that is no longer a holiday brings it closer.
    holidays.remove(day).compose(removed -> tickets.recheckBusinessCalendar().map(removed)).onSuccess(removed -> {
      if (removed) {
        Responses.noContent(ctx);
      } else {
        ctx.fail(ApiError.notFound("Holiday"));
      }
    }).onFailure(ctx::fail);
  }

  /** An ISO date between 2000 and 2100. */
  private static LocalDate date(String raw, String field) {
    try {
      LocalDate day = LocalDate.parse(raw);
      if (day.getYear() >= 2000 && day.getYear() <= 2100) {
        return day;
      }
    } catch (DateTimeParseException | NullPointerException ignored) {
      // falls through
    }
    throw ApiError.invalidField(field, "'" + field + "' must be a date like 2026-12-25.");
  }
}
