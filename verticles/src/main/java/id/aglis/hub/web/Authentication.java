package id.aglis.hub.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Works out who is calling (a bearer token, or the signed-in session) and puts the {@link Principal} on the
 * request for {@link Access}; the HTTP edge runs it before every API route. The identity feature provides it.
 */
public interface Authentication extends Handler<RoutingContext> {
}
