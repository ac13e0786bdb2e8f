package id.aglis.hub.identity;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

/**
 * Identity and access, wired: staff, customers, API tokens, the audit log, sign-in and its throttle. The
 * HTTP edge mounts {@link #authenticator()} before every API route and {@link #mount} for the endpoints.
 */
public final class Identity {

  private final StaffRepository staff;
  private final CustomerRepository customers;
  private final ApiTokenRepository tokens;
  private final AuditLog audit;
  private final Passwords passwords;
  private final LoginThrottle throttle;
  private final Authenticator authenticator;
  private final Pool pool;
  private final Vertx vertx;
  private final OneTimeCodes codes;

  public Identity(Vertx vertx, Pool pool, RedisAPI redis, LoginThrottle.Limits limits) {
    this.pool = pool;
    this.vertx = vertx;
    this.codes = new OneTimeCodes(vertx, redis);
    this.staff = new StaffRepository(pool);
    this.customers = new CustomerRepository(pool);
    this.tokens = new ApiTokenRepository(pool);
    this.audit = new AuditLog(vertx, pool);
    this.passwords = new Passwords(vertx);
    this.throttle = new LoginThrottle(redis, limits);
    this.authenticator = new Authenticator(staff, customers, tokens, audit);
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  /**
   * Mounts {@code /auth/*}, {@code /staff}, {@code /customers}, {@code /tokens}, {@code /audit} and the customer's own
   * {@code /portal/profile} and {@code /portal/preferences} on the API router.
   */
  public void mount(Router api) {
    new AuthRoutes(staff, customers, passwords, throttle, audit, codes).mount(api);
    new StaffRoutes(staff, passwords, audit, new StaffContacts(pool)).mount(api);
    new CustomerRoutes(customers, passwords, audit).mount(api);
    new TokenRoutes(tokens, audit).mount(api);
    new AuditRoutes(audit).mount(api);
    new PreferenceRoutes(vertx, pool).mount(api);
    new ProfileRoutes(vertx, customers, passwords, throttle, audit, codes).mount(api);
  }

  public StaffRepository staff() {
    return staff;
  }

  public CustomerRepository customers() {
    return customers;
  }

  public ApiTokenRepository tokens() {
    return tokens;
  }

  public AuditLog audit() {
    return audit;
  }

  public Passwords passwords() {
    return passwords;
  }
}
