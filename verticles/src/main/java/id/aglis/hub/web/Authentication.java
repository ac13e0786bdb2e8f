package id.aglis.hub.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Optional;

/**
 * Works out who is calling (a bearer token, or the signed-in session) and puts the {@link Principal} on the
 * request for {@link Access}; the HTTP edge runs it before every API route. The identity feature provides it.
 */
public interface Authentication extends Handler<RoutingContext> {

  /**
   * Who a browser session belongs to now: empty when nobody signed in to it, or when its account was
   * disabled or its password changed since (the event-bus bridge asks this for every socket and registration).
   */
  Future<Optional<Principal>> principalOf(Session session);
}
