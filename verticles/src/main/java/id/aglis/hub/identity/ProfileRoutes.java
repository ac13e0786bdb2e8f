package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.RecipientOptOutReply;
import id.aglis.hub.bus.RecipientOptOutRequest;
import id.aglis.hub.bus.RecipientOptOutStateRequest;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.BrowserSession;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Set;

/**
 * A signed-in customer's own account: {@code GET|PATCH /portal/profile} (e-mail and address), a new WhatsApp
 * number proved by a code sent to it ({@code POST /portal/profile/phone}, then {@code …/phone/confirm}), and a new
 * password ({@code POST /portal/profile/password}), which ends every other session of theirs.
 */
final class ProfileRoutes {

  private static final Set<String> CONTACT_FIELDS = Set.of("email", "address");
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final CustomerRepository customers;
  private final Passwords passwords;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final OneTimeCodes codes;

  ProfileRoutes(Vertx vertx, CustomerRepository customers, Passwords passwords, LoginThrottle throttle, AuditLog audit,
                OneTimeCodes codes) {
    this.vertx = vertx;
    this.customers = customers;
    this.passwords = passwords;
    this.throttle = throttle;
    this.audit = audit;
    this.codes = codes;
  }

  void mount(Router api) {
    var customer = Access.customer();
    api.get("/portal/profile").handler(customer).handler(this::read);
    api.patch("/portal/profile").handler(customer).handler(this::updateContact);
    api.post("/portal/profile/phone").handler(customer).handler(this::askPhoneCode);
    api.post("/portal/profile/phone/confirm").handler(customer).handler(this::confirmPhone);
    api.post("/portal/profile/password").handler(customer).handler(this::changePassword);
  }

  private void read(RoutingContext ctx) {
    mine(ctx).onSuccess(c -> Responses.ok(ctx, c.toProfileJson())).onFailure(ctx::fail);
  }

  private void updateContact(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, CONTACT_FIELDS);
    String email = Fields.optionalEmail(body, "email");
    String address = Fields.optionalString(body, "address", 500);
    customers.update(who.id(), c -> c.withContact(body.containsKey("email") ? email : c.email(),
            body.containsKey("address") ? address : c.address()), null)
        .map(found -> found.orElseThrow(ApiError::unauthenticated))
        .compose(updated -> audit.record(AuditLog.Entry.by(who, "customer.profile.updated", "customer", who.id(),
            Requests.ip(ctx), AuditLog.changes(body))).map(updated))
        .onSuccess(updated -> Responses.ok(ctx, updated.toProfileJson()))
        .onFailure(ctx::fail);
  }

  /** The code goes to the new number: holding it is what proves the number is theirs. */
  private void askPhoneCode(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("phone"));
    String phone = requiredPhone(body);
    mine(ctx)
        .compose(me -> {
          if (phone.equals(me.phone())) {
            return Future.failedFuture(ApiError.invalidField("phone", "That is already your WhatsApp number."));
          }
          return numberFree(phone, me.id());
        })
        .compose(v -> codes.send(OneTimeCodes.Purpose.PHONE_CHANGE, "id:" + who.id(), Requests.ip(ctx), phone, phone))
        .onSuccess(v -> Responses.json(ctx, 202, OneTimeCodes.issuedJson().put("phone", phone)))
        .onFailure(ctx::fail);
  }

  private void confirmPhone(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("phone", "code"));
    String phone = requiredPhone(body);
    String code = Fields.requiredString(body, "code", 16).replace(" ", "");
    codes.check(OneTimeCodes.Purpose.PHONE_CHANGE, "id:" + who.id(), code)
        .compose(provedFor -> provedFor.equals(phone) ? Future.succeededFuture() : Future.<Void>failedFuture(OneTimeCodes.invalid()))
        .compose(v -> mine(ctx))
        .compose(before -> customers.update(who.id(), c -> c.withPhone(phone), null)
            .recover(failure -> Future.failedFuture(taken(failure)))
            .map(found -> found.orElseThrow(ApiError::unauthenticated))
            .compose(updated -> keepPromotionChoice(before.phone(), phone).map(updated)))
        .compose(updated -> audit.record(AuditLog.Entry.by(who, "customer.phone.changed", "customer", who.id(),
            Requests.ip(ctx), null)).map(updated))
        .onSuccess(updated -> Responses.ok(ctx, updated.toProfileJson()))
        .onFailure(ctx::fail);
  }

  /**
   * The current password proves it is the customer at the keyboard (throttled like a sign-in). The new hash ends
   * every other session (see {@link Authenticator}); this one gets a new id and the new stamp and stays signed in.
   */
  private void changePassword(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("currentPassword", "newPassword"));
    Object current = body.getValue("currentPassword");
    if (!(current instanceof String currentPassword) || currentPassword.isEmpty() || currentPassword.length() > 1024) {
      throw ApiError.invalidField("currentPassword", "'currentPassword' is required.");
    }
    String newPassword = Fields.optionalPassword(body, "newPassword");
    if (newPassword == null) {
      throw ApiError.invalidField("newPassword", "'newPassword' is required: 8 to 128 characters.");
    }
    Session session = ctx.session();
    String ip = Requests.ip(ctx);
    String account = "id:" + who.id();
    throttle.attempt("customer", account, ip)
        .compose(v -> mine(ctx))
        .compose(me -> passwords.verify(currentPassword, me.passwordHash()))
        .compose(matches -> matches ? passwords.hash(newPassword)
            : Future.failedFuture(ApiError.badRequest("wrong_password", "The current password is wrong.", "currentPassword")))
        .compose(hash -> customers.update(who.id(), c -> c, hash))
        .map(found -> found.orElseThrow(ApiError::unauthenticated))
        .compose(updated -> throttle.succeeded("customer", account, ip).map(updated))
        .compose(updated -> audit.record(AuditLog.Entry.by(who, "customer.password.changed", "customer", who.id(), ip, null))
            .map(updated))
        .onSuccess(updated -> {
          if (session != null) {
            session.regenerateId();
            session.put(Authenticator.CREDENTIAL_KEY, Authenticator.credentialStamp(updated.passwordHash()));
            BrowserSession.signedIn(ctx);
          }
          BrowserSession.thenSend(ctx, () -> Responses.noContent(ctx));
        })
        .onFailure(ctx::fail);
  }

  private Future<Customer> mine(RoutingContext ctx) {
    return customers.findById(Access.principal(ctx).id()).map(found -> found.orElseThrow(ApiError::unauthenticated));
  }

  private Future<Void> numberFree(String phone, long myId) {
    return customers.findByPhone(phone).compose(owner -> owner.isPresent() && owner.get().id() != myId
        ? Future.failedFuture(phoneTaken()) : Future.succeededFuture());
  }

  private static Throwable taken(Throwable failure) {
    return failure instanceof ApiError e && e.status() == 409 ? phoneTaken() : failure;
  }

  private static ApiError phoneTaken() {
    return ApiError.conflict("phone_taken", "That WhatsApp number belongs to another account. Contact customer service.", "phone");
  }

  /** A customer who opted out of promotions on the old number stays opted out on the new one. */
  private Future<Void> keepPromotionChoice(String oldPhone, String newPhone) {
    if (oldPhone == null) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().<JsonObject>request(Addresses.DISPATCH_RECIPIENT_OPT_OUT_STATE,
            new RecipientOptOutStateRequest(oldPhone).toJson(), TIMEOUT)
        .map(reply -> RecipientOptOutReply.fromJson(reply.body()).optedOut())
        .compose(optedOut -> optedOut
            ? vertx.eventBus().request(Addresses.DISPATCH_RECIPIENT_OPT_OUT,
                new RecipientOptOutRequest(newPhone, true, "portal").toJson(), TIMEOUT).<Void>mapEmpty()
            : Future.<Void>succeededFuture())
        // The number is already changed; a lost promotion choice is not worth failing that for.
        .recover(e -> Future.succeededFuture());
  }

  private static String requiredPhone(JsonObject body) {
    String phone = Fields.optionalPhone(body, "phone");
    if (phone == null) {
      throw ApiError.invalidField("phone", "'phone' is required.");
    }
    return phone;
  }
}
