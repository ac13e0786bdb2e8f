package id.aglis.hub.identity;

import id.aglis.hub.common.Phones;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.SessionEnded;
import id.aglis.hub.web.BrowserSession;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign-in for browsers: {@code POST /auth/staff/login}, {@code POST /auth/customer/login},
 * {@code POST /auth/logout}, {@code GET /auth/me}. Machine clients use bearer tokens instead.
 *
 * <p>A customer who forgot the password asks for a code on WhatsApp ({@code POST /auth/customer/reset-code}
 * {@code {"login"}}: always 202, whether or not the account exists) and sets a new one with it
 * ({@code POST /auth/customer/reset} {@code {"login","code","password"}}), which signs them in and ends every
 * other session of theirs.
 */
public final class AuthRoutes {

  private static final String WRONG = "Wrong login or password.";

  private final StaffRepository staff;
  private final CustomerRepository customers;
  private final Passwords passwords;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final OneTimeCodes codes;

  AuthRoutes(StaffRepository staff, CustomerRepository customers, Passwords passwords, LoginThrottle throttle, AuditLog audit,
             OneTimeCodes codes) {
    this.staff = staff;
    this.customers = customers;
    this.passwords = passwords;
    this.throttle = throttle;
    this.audit = audit;
    this.codes = codes;
  }

  public void mount(Router api) {
    api.post("/auth/staff/login").handler(this::staffLogin);
    api.post("/auth/customer/login").handler(this::customerLogin);
    api.post("/auth/customer/reset-code").handler(this::resetCode);
    api.post("/auth/customer/reset").handler(this::reset);
    api.post("/auth/logout").handler(this::logout);
    api.get("/auth/me").handler(Access.signedIn()).handler(this::me);
  }

  private void staffLogin(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    String username = Fields.requiredString(body, "username", 64).toLowerCase(Locale.ROOT);
    String password = requiredSecret(body);
    Session session = browserSession(ctx);
    String ip = Requests.ip(ctx);
    throttle.attempt("staff", username, ip)
        .compose(ok -> staff.findByUsername(username))
        .compose(found -> {
          Optional<StaffMember> account = found.filter(StaffMember::active);
          return passwords.verify(password, account.map(StaffMember::passwordHash).orElse(null))
              .map(matches -> matches ? account : Optional.<StaffMember>empty());
        })
        .compose(account -> account.isPresent()
            ? signIn(ctx, session, Principal.staff(account.get().id(), account.get().username(), account.get().name(), account.get().role()),
                account.get().passwordHash(), "staff", username, ip)
            : refuse("staff", username, ip))
        .onSuccess(principal -> meFor(principal).onSuccess(me -> Responses.ok(ctx, me)).onFailure(ctx::fail))
        .onFailure(ctx::fail);
  }

  private void customerLogin(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    String login = Fields.requiredString(body, "login", 64);
    String password = requiredSecret(body);
    Session session = browserSession(ctx);
    String ip = Requests.ip(ctx);
    findCustomer(login)
        .compose(found -> throttle.attempt("customer", found.map(c -> "id:" + c.id()).orElse(login), ip).map(found))
        .compose(found -> {
          Optional<Customer> account = found.filter(Customer::canSignIn);
          return passwords.verify(password, account.map(Customer::passwordHash).orElse(null))
              .map(matches -> matches ? account : Optional.<Customer>empty());
        })
        .compose(account -> account.isPresent()
            ? signIn(ctx, session, Principal.customer(account.get().id(), account.get().customerNo(), account.get().name()),
                account.get().passwordHash(), "customer", "id:" + account.get().id(), ip)
            : refuse("customer", login, ip))
        .onSuccess(principal -> meFor(principal).onSuccess(me -> Responses.ok(ctx, me)).onFailure(ctx::fail))
        .onFailure(ctx::fail);
  }

  /**
   * Sends a reset code to the account's WhatsApp number. The answer is the same for an unknown login, an account
   * without a number and one that cannot sign in (throttled the same, under the login as normalised, and answered
   * before anything is sent), so it tells nobody which accounts exist.
   */
  private void resetCode(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, java.util.Set.of("login"));
    String login = Fields.requiredString(body, "login", 64);
    String ip = Requests.ip(ctx);
    findCustomer(login)
        .compose(found -> {
          Optional<Customer> account = found.filter(c -> !"terminated".equals(c.status()) && c.phone() != null);
          return codes.issue(OneTimeCodes.Purpose.PASSWORD_RESET, resetSubject(found, login), ip, null).onSuccess(issued -> account.ifPresent(c -> {
            codes.deliver(issued, c.phone());
            audit.recordCommitted(AuditLog.Entry.by(null, "auth.reset.requested", "customer", c.id(), ip, null));
          }));
        })
        .onSuccess(issued -> Responses.json(ctx, 202, OneTimeCodes.issuedJson()))
        .onFailure(ctx::fail);
  }

  /**
   * A right code sets the new password and signs in; the new password hash ends every other session. Wrong codes
   * count as failed sign-ins (per account and address, per address), on top of each code's own five tries.
   */
  private void reset(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, java.util.Set.of("login", "code", "password"));
    String login = Fields.requiredString(body, "login", 64);
    String code = Fields.requiredString(body, "code", 16);
    String password = Fields.optionalPassword(body, "password");
    if (password == null) {
      throw ApiError.invalidField("password", "'password' is required: 8 to 128 characters.");
    }
    Session session = browserSession(ctx);
    String ip = Requests.ip(ctx);
    findCustomer(login).compose(found -> {
      String subject = resetSubject(found, login);
      return throttle.attempt("reset", subject, ip)
          .map(v -> found.filter(c -> !"terminated".equals(c.status())).orElseThrow(OneTimeCodes::invalid))
          .compose(account -> codes.check(OneTimeCodes.Purpose.PASSWORD_RESET, subject, code.replace(" ", ""))
              .compose(ok -> passwords.hash(password))
              .compose(hash -> customers.update(account.id(), c -> c, hash)))
          .map(updated -> updated.orElseThrow(OneTimeCodes::invalid))
          .compose(c -> throttle.succeeded("reset", subject, ip).map(c));
    })
        .compose(c -> audit.recordCommitted(AuditLog.Entry.by(Principal.customer(c.id(), c.customerNo(), c.name()), "auth.reset",
                "customer", c.id(), ip, null))
            .compose(v -> signIn(ctx, session, Principal.customer(c.id(), c.customerNo(), c.name()), c.passwordHash(),
                "customer", "id:" + c.id(), ip)))
        .onSuccess(principal -> meFor(principal).onSuccess(me -> Responses.ok(ctx, me)).onFailure(ctx::fail))
        .onFailure(ctx::fail);
  }

  /**
   * Whose reset codes these are: the account's id, or for a login that names no account the login as normalised
   * (a phone in any spelling, a customer number in any case), so that asking twice is throttled alike either way.
   */
  private static String resetSubject(Optional<Customer> found, String login) {
    return found.map(c -> "id:" + c.id()).orElseGet(() -> "login:" + (Phones.looksLikePhone(login)
        ? Phones.normalise(login).orElse(login) : login).toLowerCase(Locale.ROOT));
  }

  /** By WhatsApp number when the login looks like one, else (or when no phone matches) by customer number. */
  private Future<Optional<Customer>> findCustomer(String login) {
    Optional<String> phone = Phones.looksLikePhone(login) ? Phones.normalise(login) : Optional.empty();
    if (phone.isEmpty()) {
      return customers.findByCustomerNo(login);
    }
    return customers.findByPhone(phone.get())
        .compose(found -> found.isPresent() ? Future.succeededFuture(found) : customers.findByCustomerNo(login));
  }

  private void logout(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    Session session = ctx.session();
    if (session != null) {
      // Its sockets on every node are closed too: a signed-out page must stop receiving live data at once.
      ctx.vertx().eventBus().publish(Addresses.IDENTITY_SESSION_ENDED, SessionEnded.of(session.id()).toJson());
      session.destroy();
    }
    if (who != null && who.kind() != Principal.Kind.TOKEN) {
      audit.record(AuditLog.Entry.by(who, "auth.logout", who.kindWire(), who.id(), Requests.ip(ctx), null));
    }
    Responses.noContent(ctx);
  }

  private void me(RoutingContext ctx) {
    meFor(Access.principal(ctx)).onSuccess(me -> Responses.ok(ctx, me)).onFailure(ctx::fail);
  }

  /** The principal as the API shows it: staff and tokens with their role, customers with their account basics. */
  private Future<JsonObject> meFor(Principal who) {
    return switch (who.kind()) {
      case STAFF -> Future.succeededFuture(new JsonObject().put("kind", "staff").put("id", who.id())
          .put("username", who.login()).put("name", who.name()).put("role", who.role().wire()));
      case TOKEN -> Future.succeededFuture(new JsonObject().put("kind", "token").put("id", who.id())
          .put("name", who.name()).put("role", who.role().wire()));
      case CUSTOMER -> customers.findById(who.id()).map(found -> {
        Customer c = found.orElseThrow(ApiError::unauthenticated);
        return new JsonObject().put("kind", "customer").put("id", c.id()).put("customerNo", c.customerNo())
            .put("name", c.name()).put("phone", c.phone()).put("plan", c.plan()).put("planSpeedMbps", c.planSpeedMbps())
            .put("planPrice", c.planPrice()).put("status", c.status()).put("statusReason", c.statusReason());
      });
    };
  }

  private Future<Principal> signIn(RoutingContext ctx, Session session, Principal principal, String passwordHash, String kind,
                                   String login, String ip) {
    // A new session id on sign-in, so an id planted before login (session fixation) is worthless after it.
    session.regenerateId();
    session.put(Authenticator.SESSION_KEY, principal.toSessionJson().encode());
    // Ties the session to this password: once it is changed or reset, the session ends (see Authenticator).
    session.put(Authenticator.CREDENTIAL_KEY, Authenticator.credentialStamp(passwordHash));
    BrowserSession.signedIn(ctx);
    return throttle.succeeded(kind, login, ip)
        .compose(v -> audit.record(AuditLog.Entry.by(principal, "auth.login", kind, principal.id(), ip, null)))
        .map(principal);
  }

  private Future<Principal> refuse(String kind, String login, String ip) {
    return audit.record(AuditLog.Entry.by(null, "auth.login.failed", kind, null, ip, new JsonObject().put("login", login)))
        .compose(v -> Future.failedFuture(ApiError.of(401, "invalid_credentials", WRONG)));
  }

  private static String requiredSecret(JsonObject body) {
    Object value = body.getValue("password");
    if (!(value instanceof String s) || s.isEmpty()) {
      throw ApiError.invalidField("password", "'password' is required.");
    }
    if (s.length() > 1024) {
      throw ApiError.invalidField("password", "'password' is too long.");
    }
    return s;
  }

  private static Session browserSession(RoutingContext ctx) {
    Session session = ctx.session();
    if (session == null) {
      throw ApiError.badRequest("no_session", "Sign-in is for browser sessions; machine clients use 'Authorization: Bearer <token>'.");
    }
    return session;
  }
}
