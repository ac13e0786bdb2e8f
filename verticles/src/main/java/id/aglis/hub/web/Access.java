package id.aglis.hub.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Route guards. Authentication happened earlier in the chain (it only identifies the caller); these decide
 * whether that caller may use the route: 401 when nobody is signed in, 403 when the wrong one is.
 */
public final class Access {

  private Access() {
  }

  public static Principal principal(RoutingContext ctx) {
    return ctx.get(Principal.CONTEXT_KEY);
  }

  /** Staff sessions or tokens whose role is one of {@code roles}. */
  public static Handler<RoutingContext> staff(Role first, Role... more) {
    Set<Role> allowed = EnumSet.of(first, more);
    return ctx -> {
      Principal who = principal(ctx);
      if (who == null) {
        ctx.fail(ApiError.unauthenticated());
      } else if (!who.isStaffSide() || !allowed.contains(who.role())) {
        ctx.fail(ApiError.forbidden("This needs one of the roles: " + describe(allowed) + "."));
      } else {
        ctx.next();
      }
    };
  }

  /** Any staff session or token, whatever the role. */
  public static Handler<RoutingContext> anyStaff() {
    return staff(Role.ADMIN, Role.values());
  }

  /** A staff member signed in with a session (not an API token): for what belongs to a person, like saved views. */
  public static Handler<RoutingContext> staffPerson() {
    return ctx -> {
      Principal who = principal(ctx);
      if (who == null) {
        ctx.fail(ApiError.unauthenticated());
      } else if (who.kind() != Principal.Kind.STAFF) {
        ctx.fail(ApiError.forbidden("This is for staff members signed in to the console."));
      } else {
        ctx.next();
      }
    };
  }

  /** A signed-in customer; the handler behind it must only ever read that customer's own data. */
  public static Handler<RoutingContext> customer() {
    return ctx -> {
      Principal who = principal(ctx);
      if (who == null) {
        ctx.fail(ApiError.unauthenticated());
      } else if (who.kind() != Principal.Kind.CUSTOMER) {
        ctx.fail(ApiError.forbidden("This is for customers only."));
      } else {
        ctx.next();
      }
    };
  }

  /** Anyone signed in, staff or customer. */
  public static Handler<RoutingContext> signedIn() {
    return ctx -> {
      if (principal(ctx) == null) {
        ctx.fail(ApiError.unauthenticated());
      } else {
        ctx.next();
      }
    };
  }

  private static String describe(Set<Role> roles) {
    return String.join(", ", roles.stream().map(Role::wire).sorted().toList());
  }
}
