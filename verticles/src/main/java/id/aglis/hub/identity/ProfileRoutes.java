package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.common.Phones;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in customer's own account: {@code GET|PATCH /portal/profile} (e-mail and address), a new WhatsApp
 * number proved by the current password and a code sent to it ({@code POST /portal/profile/phone}, then
 * {@code …/phone/confirm}), and a new password ({@code POST /portal/profile/password}), which ends every other session
 * of theirs.
 */
final class ProfileRoutes {

  private static final Set<String> CONTACT_FIELDS = Set.of("email", "address");
  private static final Logger LOG = LoggerFactory.getLogger(ProfileRoutes.class);
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
        .compose(updated -> audit.recordCommitted(AuditLog.Entry.by(who, "customer.profile.updated", "customer", who.id(),
            Requests.ip(ctx), AuditLog.changes(body))).map(updated))
        .onSuccess(updated -> Responses.ok(ctx, updated.toProfileJson()))
        .onFailure(ctx::fail);
  }

  /**
   * The code goes to the new number: holding it is what proves the number is theirs. The current password is asked
   * too (throttled like a sign-in): with only a session, someone at an unlocked phone could move the number to their
   * own and then reset the password with it. Whether the number is taken is told only after a code was counted, so
   * probing other people's numbers is as slow as asking for codes.
   */
  private void askPhoneCode(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("phone", "currentPassword"));
    String phone = requiredPhone(body);
    String currentPassword = requiredCurrentPassword(body);
    String ip = Requests.ip(ctx);
    provePassword(who, currentPassword, ip)
        .compose(me -> phone.equals(me.phone())
            ? Future.<Customer>failedFuture(ApiError.invalidField("phone", "That is already your WhatsApp number."))
            : Future.succeededFuture(me))
        .compose(me -> codes.issue(OneTimeCodes.Purpose.PHONE_CHANGE, "id:" + who.id(), ip, phone)
            .compose(issued -> numberFree(phone, me.id()).map(issued)))
        .onSuccess(issued -> {
          codes.deliver(issued, phone);
          Responses.json(ctx, 202, OneTimeCodes.issuedJson().put("phone", phone));
        })
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
            .onSuccess(updated -> afterPhoneChange(before.phone(), phone)))
        .compose(updated -> audit.recordCommitted(AuditLog.Entry.by(who, "customer.phone.changed", "customer", who.id(),
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
    String currentPassword = requiredCurrentPassword(body);
    String newPassword = Fields.optionalPassword(body, "newPassword");
    if (newPassword == null) {
      throw ApiError.invalidField("newPassword", "'newPassword' is required: 8 to 128 characters.");
    }
    Session session = ctx.session();
    String ip = Requests.ip(ctx);
    provePassword(who, currentPassword, ip)
        .compose(me -> passwords.hash(newPassword))
        .compose(hash -> customers.update(who.id(), c -> c, hash))
        .map(found -> found.orElseThrow(ApiError::unauthenticated))
        .compose(updated -> audit.recordCommitted(AuditLog.Entry.by(who, "customer.password.changed", "customer", who.id(), ip, null))
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

  /** The signed-in customer, once {@code password} is theirs; wrong ones count as failed sign-ins of the account. */
  private Future<Customer> provePassword(Principal who, String password, String ip) {
    String account = "id:" + who.id();
    return throttle.attempt("customer", account, ip)
        .compose(v -> customers.findById(who.id()))
        .map(found -> found.orElseThrow(ApiError::unauthenticated))
        .compose(me -> passwords.verify(password, me.passwordHash()).compose(matches -> matches
            ? throttle.succeeded("customer", account, ip).map(me)
            : Future.failedFuture(ApiError.badRequest("wrong_password", "The current password is wrong.", "currentPassword"))));
  }

  private static String requiredCurrentPassword(JsonObject body) {
    Object current = body.getValue("currentPassword");
    if (!(current instanceof String currentPassword) || currentPassword.isEmpty() || currentPassword.length() > 1024) {
      throw ApiError.invalidField("currentPassword", "'currentPassword' is required.");
    }
    return currentPassword;
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

  /**
   * After the number moved: the old number hears about it (should it not have been them, they know whom to call), and
   * a customer who opted out of promotions on the old number stays opted out on the new one. Both in the background:
   * the number is already changed, and neither is worth failing that answer for.
   */
  private void afterPhoneChange(String oldPhone, String newPhone) {
    if (oldPhone == null) {
      return;
    }
    EnqueueMessageRequest notice = EnqueueMessageRequest.template(oldPhone, "auth.phone_changed",
            new JsonObject().put("nomor", Phones.masked(newPhone)))
        .withPriority("high").requestedBy("identity:phone-changed");
    vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, notice.toJson(), TIMEOUT)
        .onFailure(e -> LOG.warn("The number-change notice to the old number could not be queued: {}", e.getMessage()));
    vertx.eventBus().<JsonObject>request(Addresses.DISPATCH_RECIPIENT_OPT_OUT_STATE,
            new RecipientOptOutStateRequest(oldPhone).toJson(), TIMEOUT)
        .map(reply -> RecipientOptOutReply.fromJson(reply.body()).optedOut())
        .compose(optedOut -> optedOut
            ? vertx.eventBus().request(Addresses.DISPATCH_RECIPIENT_OPT_OUT,
                new RecipientOptOutRequest(newPhone, true, "portal").toJson(), TIMEOUT).<Void>mapEmpty()
            : Future.<Void>succeededFuture())
        .onFailure(e -> LOG.warn("A promotions opt-out could not be carried to the new number: {}", e.getMessage()));
  }

  private static String requiredPhone(JsonObject body) {
    String phone = Fields.optionalPhone(body, "phone");
    if (phone == null) {
      throw ApiError.invalidField("phone", "'phone' is required.");
    }
    return phone;
  }
}
