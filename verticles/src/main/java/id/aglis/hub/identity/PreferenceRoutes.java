package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.RecipientOptOutReply;
import id.aglis.hub.bus.RecipientOptOutRequest;
import id.aglis.hub.bus.RecipientOptOutStateRequest;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Set;

/**
 * A signed-in customer's notice preferences: {@code GET|PUT /portal/preferences} with {@code ticketNotices} and
 * {@code installationNotices} (WhatsApp notices about their tickets and installation; on by default), and
 * {@code promotions} (promotional WhatsApp messages; on unless they opted out). Promotions are the dispatcher's to
 * keep, by number, because a STOP reply on WhatsApp changes the same choice: this asks it over the bus.
 */
final class PreferenceRoutes {

  private static final Set<String> FIELDS = Set.of("ticketNotices", "installationNotices", "promotions");
  private static final String READ = "select ticket_notices, installation_notices, phone from customers where id = $1";
  private static final String UPDATE = "update customers set ticket_notices = coalesce($2, ticket_notices), "
      + "installation_notices = coalesce($3, installation_notices), updated_at = now() where id = $1 "
      + "returning ticket_notices, installation_notices, phone";
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final Pool pool;

  PreferenceRoutes(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  void mount(Router api) {
    api.get("/portal/preferences").handler(Access.customer()).handler(this::read);
    api.put("/portal/preferences").handler(Access.customer()).handler(this::update);
  }

  private void read(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    pool.preparedQuery(READ).execute(Tuple.of(who.id()))
        .map(PreferenceRoutes::mine)
        .compose(row -> promotions(row.getString("phone")).map(promotions -> json(row, promotions)))
        .onSuccess(prefs -> Responses.ok(ctx, prefs))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    Boolean tickets = Fields.optionalBoolean(body, "ticketNotices");
    Boolean installations = Fields.optionalBoolean(body, "installationNotices");
    Boolean promotions = Fields.optionalBoolean(body, "promotions");
    Future<Void> checked = promotions == null ? Future.succeededFuture()
        : pool.preparedQuery(READ).execute(Tuple.of(who.id())).map(PreferenceRoutes::mine).map(row -> {
          if (row.getString("phone") == null) {
            throw ApiError.invalidField("promotions", "There is no WhatsApp number on this account to send promotions to.");
          }
          return null;
        });
    checked.compose(v -> pool.preparedQuery(UPDATE).execute(Tuple.of(who.id(), tickets, installations)))
        .map(PreferenceRoutes::mine)
        .compose(row -> (promotions == null ? promotions(row.getString("phone")) : setPromotions(row.getString("phone"), promotions))
            .map(now -> json(row, now)))
        .onSuccess(prefs -> Responses.ok(ctx, prefs))
        .onFailure(ctx::fail);
  }

  /** The signed-in customer's row, or 401 when it is gone. */
  private static Row mine(RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw ApiError.unauthenticated();
    }
    return rows.iterator().next();
  }

  /**
   * Without a WhatsApp number no promotion can reach them: shown as off. Null when the dispatcher cannot say just
   * now: the other preferences are still answered (and saved), and the page leaves that one switch out.
   */
  private Future<Boolean> promotions(String phone) {
    if (phone == null) {
      return Future.succeededFuture(false);
    }
    return vertx.eventBus().<JsonObject>request(Addresses.DISPATCH_RECIPIENT_OPT_OUT_STATE,
            new RecipientOptOutStateRequest(phone).toJson(), TIMEOUT)
        .map(reply -> !RecipientOptOutReply.fromJson(reply.body()).optedOut())
        .otherwise((Boolean) null);
  }

  private Future<Boolean> setPromotions(String phone, boolean wanted) {
    if (phone == null) {
      return Future.failedFuture(ApiError.invalidField("promotions", "There is no WhatsApp number on this account to send promotions to."));
    }
    return vertx.eventBus().<JsonObject>request(Addresses.DISPATCH_RECIPIENT_OPT_OUT,
            new RecipientOptOutRequest(phone, !wanted, "portal").toJson(), TIMEOUT)
        .map(reply -> !RecipientOptOutReply.fromJson(reply.body()).optedOut());
  }

  private static JsonObject json(Row row, Boolean promotions) {
    return new JsonObject().put("ticketNotices", row.getBoolean("ticket_notices"))
        .put("installationNotices", row.getBoolean("installation_notices")).put("promotions", promotions);
  }
}
