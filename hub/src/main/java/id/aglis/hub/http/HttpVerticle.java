package id.aglis.hub.http;

import id.aglis.hub.config.HubConfig;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.FailureHandler;
import id.aglis.hub.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.sstore.redis.RedisSessionStore;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.web.Authentication;
import id.aglis.hub.web.BrowserSession;
import id.aglis.hub.web.Requests;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The HTTP edge of a node (deployed once per core). One root router:
 * {@code /health /ready /metrics}, {@code /api/v1/*} (sessions, bearer tokens, CSRF, then every feature's
 * API routes), every feature's root routes ({@code /hooks/*}, the live feature's {@code /eventbus/*} bridge,
 * which gets the session loaded here), the WebJars, and the static {@code webroot/} last. Every failure is rendered by the one
 * {@link FailureHandler}.
 */
public final class HttpVerticle extends VerticleBase {

  /** Default request-body limit for the API; routes that need more mount their own BodyHandler first. */
  static final long API_BODY_LIMIT = 256 * 1024;
  static final String SESSION_COOKIE = "aglis.sid";
  private static final long SHUTDOWN_GRACE_SECONDS = 5;
  private static final int WEBJAR_MAX_AGE_SECONDS = 7 * 24 * 3600;

  private final HubConfig config;
  private final FeatureContext node;
  private final List<Feature> features;
  private final JsonObject info;
  private final Supplier<JsonObject> cluster;
  private HttpServer server;

  /** {@code cluster} tells what the node knows of its cluster membership: null when not clustered. */
  public HttpVerticle(HubConfig config, FeatureContext node, List<Feature> features, String version, Supplier<JsonObject> cluster) {
    this.config = config;
    this.node = node;
    this.features = features;
    this.cluster = cluster;
    this.info = new JsonObject().put("name", "AGLIS Hub").put("version", version).put("nodeId", node.nodeId())
        .put("clustered", config.cluster().enabled()).put("demo", config.demo());
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    FailureHandler failures = new FailureHandler();
    HubConfig.Http http = config.http();
    ConnectionGuard guard = new ConnectionGuard(vertx, node.registry(), http.maxConnectionsPerAddress(),
        TimeUnit.SECONDS.toMillis(http.requestTimeoutSeconds()), TimeUnit.SECONDS.toMillis(http.idleTimeoutSeconds()),
        http.trustedProxies());
    Sessions sessions = new Sessions();
    router.route().handler(guard::requestStarted);
    router.route().handler(new SecurityHeaders());
    router.route().handler(new ClientAddress(http.trustedProxies()));
    HealthRoutes.mount(router, vertx, node, cluster, features);
    router.route("/api/v1/*").subRouter(apiRouter(failures, sessions));
    // The bridge's sockets belong to the signed-in session whose cookie the browser sends with them.
    router.route("/eventbus/*").handler(ctx -> {
      if (ctx.request().getCookie(SESSION_COOKIE) == null) {
        ctx.next();
      } else {
        sessions.handler(ctx).handle(ctx);
      }
    });
    features.forEach(feature -> feature.mountRoot(router));
    router.route("/hooks/*").handler(ctx -> ctx.fail(ApiError.notFound("The resource")));
    // Front-end libraries, from the WebJars on the class path (no CDN at run time); versioned paths, cached long.
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(WEBJAR_MAX_AGE_SECONDS));
    // Vert.x's type table has no entry for web app manifests; browsers accept them best as what they are.
    router.getWithRegex(".*\\.webmanifest").handler(ctx -> {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/manifest+json");
      ctx.next();
    });
    router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setMaxAgeSeconds(300));
    router.route().handler(new Unmatched(router, ""));
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(500, failures);

    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(http.host())
            .setPort(http.port())
            .setCompressionSupported(true)
            .setMaxFormAttributeSize((int) API_BODY_LIMIT)
            // Browsers speak HTTP/2 only over TLS, which a proxy in front terminates; without cleartext HTTP/2 the
            // server knows a connection is HTTP/1.x at once, so the guard's deadline starts when it opens.
            .setHttp2ClearTextEnabled(false)
            .setIdleTimeout(http.idleTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS))
        .connectionHandler(guard::opened)
        .invalidRequestHandler(MalformedRequests::answer)
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  /** Sessions live in Redis, so any node serves any session; over HTTPS the cookie is marked Secure. */
  private final class Sessions {
    private final CookiePolicy cookies = new CookiePolicy(config.http().cookieSecure());
    private final RedisSessionStore store = RedisSessionStore.create(vertx, node.redis());
    private final long timeoutMs = TimeUnit.MINUTES.toMillis(config.http().sessionTimeoutMinutes());
    private final SessionHandler overHttps = sessions(store, true, timeoutMs);
    private final SessionHandler overHttp = sessions(store, false, timeoutMs);

    SessionHandler handler(RoutingContext ctx) {
      return cookies.secure(ctx) ? overHttps : overHttp;
    }
  }

  private Router apiRouter(FailureHandler failures, Sessions sessions) {
    Router api = Router.router(vertx);
    CsrfGuard csrf = new CsrfGuard(sessions.cookies);

    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(API_BODY_LIMIT).setHandleFileUploads(false);
    LargeBodyPaths largeBodies = new LargeBodyPaths(features.stream().flatMap(f -> f.largeBodyPaths().stream()).toList());
    Set<String> signIns = features.stream().flatMap(f -> f.signInPaths().stream()).collect(Collectors.toUnmodifiableSet());
    api.route().handler(ctx -> {
      if (largeBodies.contains(ctx.normalizedPath())) {
        // Held until the route's own body handler, after authentication (which is asynchronous).
        ctx.request().pause();
        ctx.next();
      } else {
        bodies.handle(ctx);
      }
    });
    // Sessions exist only for browsers that signed in: requests with the session cookie, and sign-in
    // itself. Machine clients (bearer tokens) and anonymous visitors never create one in Redis.
    api.route().handler(ctx -> {
      if (Requests.hasBearer(ctx) || (ctx.request().getCookie(SESSION_COOKIE) == null && !isSignIn(ctx, signIns))) {
        ctx.next();
        return;
      }
      SessionHandler handler = sessions.handler(ctx);
      ctx.put(BrowserSession.FLUSH, (Function<RoutingContext, Future<Void>>) c -> handler.flush(c, true));
      ctx.put(BrowserSession.SIGNED_IN, (Handler<RoutingContext>) csrf::issue);
      handler.handle(ctx);
    });
    // The session handler resumes the request once its Redis read is back; a large body must stay held until
    // its own BodyHandler, after authentication. Resuming only schedules delivery on the event loop, and the
    // session handler calls next() in the same turn, so pausing again here loses no data.
    api.route().handler(ctx -> {
      if (largeBodies.contains(ctx.normalizedPath())) {
        ctx.request().pause();
      }
      ctx.next();
    });
    api.route().handler(node.require(Authentication.class));
    api.route().handler(csrf.check());

    api.get("/info").handler(ctx -> Responses.ok(ctx, info));
    features.forEach(feature -> feature.mountApi(api));

    api.route().handler(new Unmatched(api, "/api/v1"));
    api.route().failureHandler(failures);
    return api;
  }

  private static boolean isSignIn(RoutingContext ctx, Set<String> signIns) {
    return ctx.request().method() == io.vertx.core.http.HttpMethod.POST && signIns.contains(ctx.normalizedPath());
  }

  /** Sessions live in Redis, so any node serves any session; the cookie is HttpOnly and SameSite=Lax. */
  private static SessionHandler sessions(RedisSessionStore store, boolean secureCookie, long timeoutMs) {
    return SessionHandler.create(store)
        .setSessionCookieName(SESSION_COOKIE)
        .setCookieHttpOnlyFlag(true)
        .setCookieSecureFlag(secureCookie)
        .setCookieSameSite(CookieSameSite.LAX)
        .setSessionTimeout(timeoutMs)
        .setLazySession(true)
        .setMinLength(32);
  }

  @Override
  public Future<?> stop() {
    // Stop accepting, let in-flight requests finish (bounded), then close.
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
