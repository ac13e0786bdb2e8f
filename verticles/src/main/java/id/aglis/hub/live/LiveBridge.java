package id.aglis.hub.live;

import id.aglis.hub.bus.SessionEnded;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Authentication;
import id.aglis.hub.web.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The SockJS event-bus bridge at {@code /eventbus} (raw WebSocket at {@code /eventbus/websocket}, SockJS's
 * transports and fallbacks beside it), one per node, shared by its HTTP verticles. Browsers only receive:
 * every socket needs a signed-in session and an allowed Origin, every registration is checked against
 * {@link LiveAccess} with the session read afresh, and nothing a browser sends reaches the bus (commands go
 * through the REST API and its CSRF check). A session that signs out loses its sockets on every node at once
 * ({@link SessionEnded}); one that expires, is disabled or changes role or password, within
 * {@code sessionCheckMs}. Frames reach the sockets through {@link FanOut} (encoded once per frame, not once
 * per socket); the bridge's own consumers for {@code ui.*} addresses only hold the registrations.
 */
final class LiveBridge {

  /** Where the bridge is mounted ({@link LiveFeature}), and the path of its raw WebSocket transport. */
  static final String MOUNT = "/eventbus";
  static final String RAW_WEBSOCKET_PATH = MOUNT + "/websocket";
  /** What a page may send in one XHR post: a few register, unregister and ping messages. */
  private static final long XHR_SEND_LIMIT = 16 * 1024;
  /** The browser pings every 10 s; a socket silent for 30 s is gone. */
  static final long PING_TIMEOUT_MS = 30_000;
  private static final int MAX_REGISTRATIONS_PER_SOCKET = 16;

  private final Vertx vertx;
  private final LiveAccess access;
  private final Authentication authentication;
  private final SessionStore sessions;
  private final Set<String> allowedOrigins;
  /** This node's sockets (over all its HTTP verticles) and whose they are. */
  private final Map<SockJSSocket, Owner> sockets = new ConcurrentHashMap<>();
  private final Counter refused;
  private final FanOut fanOut = new FanOut(RAW_WEBSOCKET_PATH);

  /** A socket's session, and whose it turned out to be at its first registration (it may not change hands). */
  private static final class Owner {
    final String sessionId;
    final String sessionDigest;
    /** The event loop the socket lives on: frames are written to it from there. */
    final Context context;
    final Set<String> streams = ConcurrentHashMap.newKeySet();
    /** Registrations being checked; one that is unregistered or whose socket closes meanwhile is refused. */
    final Set<String> pending = ConcurrentHashMap.newKeySet();
    private Principal principal;

    Owner(String sessionId, String sessionDigest, Context context) {
      this.sessionId = sessionId;
      this.sessionDigest = sessionDigest;
      this.context = context;
    }

    synchronized boolean holds(Principal now) {
      if (principal == null) {
        principal = now;
      }
      return sameRights(now, principal);
    }
  }

  LiveBridge(Vertx vertx, LiveAccess access, Authentication authentication, SessionStore sessions, Set<String> allowedOrigins,
             MeterRegistry registry) {
    this.vertx = vertx;
    this.access = access;
    this.authentication = authentication;
    this.sessions = sessions;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    Gauge.builder("aglis_live_sockets", sockets, Map::size).description("Open event-bus bridge sockets on this node").register(registry);
    this.refused = Counter.builder("aglis_live_refused").description("Bridge sockets and registrations refused").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("aglis_live_frames_skipped", fanOut, FanOut::skipped)
        .description("Frames skipped for sockets that could not keep up (they catch up through since)").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("aglis_live_frames_direct", fanOut, FanOut::direct)
        .description("Frames written straight to raw WebSocket sockets (the others go through SockJS)").register(registry);
  }

  /** The bridge's router, for {@code /eventbus/*} (after the edge loaded the session). */
  Router router() {
    SockJSHandlerOptions options = new SockJSHandlerOptions()
        // Any node serves any socket: no sticky-session cookie for a load balancer to follow.
        .setInsertJSESSIONID(false)
        .setRegisterWriteHandler(false)
        // JSONP, htmlfile and EventSource are loaded as <script>/<iframe>/EventSource without an Origin header, so
        // a page of a sibling origin could ride on the session cookie; WebSocket and XHR are all bus.js uses.
        .addDisabledTransport("JSON_P").addDisabledTransport("HTML_FILE").addDisabledTransport("EVENT_SOURCE");
    SockJSBridgeOptions bridge = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex("ui\\.[a-z0-9.-]{1,120}"))
        .setPingTimeout(PING_TIMEOUT_MS)
        .setMaxHandlersPerSocket(MAX_REGISTRATIONS_PER_SOCKET);
    Router router = Router.router(vertx);
    // SockJS's own transports name their session in the path, request after request: each must come from an allowed
    // page, not only the one that opened the session (its first request went through admit).
    router.route("/:server/:session/*").handler(ctx -> {
      if (originAllowed(ctx.request().headers())) {
        ctx.next();
      } else {
        refused.increment();
        ctx.fail(ApiError.forbidden("This page's origin may not use the live connection"));
      }
    });
    // SockJS's XHR transports post what the page sends; the SockJS handler reads it from a body handler before it.
    router.post("/:server/:session/xhr_send").handler(BodyHandler.create(false).setBodyLimit(XHR_SEND_LIMIT));
    router.route("/*").subRouter(SockJSHandler.create(vertx, options).bridge(bridge, this::handle));
    return router;
  }

  int openSockets() {
    return sockets.size();
  }

  private void handle(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case SOCKET_CREATED -> admit(event);
      case REGISTER -> register(event);
      case REGISTERED -> registered(event);
      case UNREGISTER -> {
        Owner owner = sockets.get(event.socket());
        String address = event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
        if (owner != null && address != null) {
          owner.pending.remove(address);
          if (owner.streams.remove(address)) {
            fanOut.remove(address, owner.context, event.socket());
          }
        }
        event.complete(true);
      }
      // A socket that stopped pinging is closed by the bridge after this event: no frame may follow its close frame.
      case SOCKET_CLOSED, SOCKET_IDLE -> {
        forget(event.socket());
        event.complete(true);
      }
      // Browsers never send or publish onto the bus: commands go through the API.
      case SEND, PUBLISH -> refuse(event);
      default -> event.complete(true);
    }
  }

  /**
   * Decided at once (the bridge reads nothing from a socket until this answer, and would drop what arrives
   * meanwhile): an allowed Origin and a session someone signed in to. Whose it is, is read at each registration.
   */
  private void admit(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    Session session = socket.webSession();
    if (!originAllowed(socket.headers()) || session == null || session.isEmpty()) {
      refuse(event);
      return;
    }
    sockets.put(socket, new Owner(session.id(), SessionEnded.digest(session.id()), eventLoopOf(vertx.getOrCreateContext())));
    event.complete(true);
  }

  /**
   * The socket's event loop, as the context frames are written from. The bridge calls us on the request's
   * duplicated context, a new one per socket: grouped by that, every frame became one cross-thread task (and an
   * epoll wakeup) per socket instead of one per event loop, which at 10,000 sockets was most of the node's CPU.
   */
  private static Context eventLoopOf(Context context) {
    return ((ContextInternal) context).unwrap();
  }

  /** Checked with the session as it is now in Redis, not as the socket found it when it opened. */
  private void register(BridgeEvent event) {
    Owner owner = sockets.get(event.socket());
    String address = event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
    if (owner == null || address == null || !owner.pending.add(address)) {
      refuseNaming(event, address);
      return;
    }
    current(owner.sessionId).onComplete(now -> {
      Principal who = now.succeeded() ? now.result().orElse(null) : null;
      // The socket may have closed, or the page unregistered, while the session was read: then nothing is installed.
      boolean stillWanted = sockets.get(event.socket()) == owner && owner.pending.remove(address);
      if (stillWanted && who != null && owner.holds(who) && access.mayReceive(who, address)) {
        event.complete(true);
      } else {
        refuseNaming(event, address);
      }
    });
  }

  /**
   * A refusal the page can match to its stream (the bridge's own error names no address, and checks of several
   * registrations may finish in any order).
   */
  private void refuseNaming(BridgeEvent event, String address) {
    if (address != null) {
      event.socket().write(new JsonObject().put("type", "err").put("body", "rejected").put("address", address).encode());
    }
    refuse(event);
  }

  /**
   * Tells the page its registration holds (the bridge protocol itself says nothing on success): frames from
   * now on reach it, so this is when it fetches its snapshot, and no frame falls between the two.
   */
  private void registered(BridgeEvent event) {
    String address = event.getRawMessage().getString("address");
    Owner owner = sockets.get(event.socket());
    if (owner != null && owner.streams.add(address)) {
      fanOut.add(address, owner.context, event.socket());
    }
    event.socket().write(new JsonObject().put("type", "registered").put("address", address).encode());
    event.complete(true);
  }

  /** Hands a frame (from any node) to this node's sockets registered on its stream. */
  void deliver(String stream, JsonObject frame) {
    fanOut.deliver(stream, frame);
  }

  private void forget(SockJSSocket socket) {
    Owner owner = sockets.remove(socket);
    if (owner != null) {
      owner.streams.forEach(stream -> fanOut.remove(stream, owner.context, socket));
    }
  }

  private void refuse(BridgeEvent event) {
    refused.increment();
    event.complete(false);
  }

  /** Who the session belongs to now, or empty when it ended, expired, or its account changed. */
  private Future<Optional<Principal>> current(String sessionId) {
    return sessions.get(sessionId).compose(session -> session == null
        ? Future.succeededFuture(Optional.empty())
        : authentication.principalOf(session));
  }

  private static boolean sameRights(Principal now, Principal then) {
    return now.kind() == then.kind() && now.id() == then.id() && now.role() == then.role();
  }

  /**
   * Browsers always send Origin on a WebSocket and on SockJS's cross-origin requests: it must be this hub
   * itself (the Host it was asked for) or one of the configured origins. A client with no Origin is not a
   * browser page, so no other site can be riding on its cookie.
   */
  private boolean originAllowed(MultiMap headers) {
    String origin = headers.get("Origin");
    if (origin == null) {
      return true;
    }
    String host = headers.get("Host");
    return allowedOrigins.contains(origin)
        || (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)));
  }

  /** Closes the sockets of a session that was signed out (on whichever node). */
  void sessionEnded(SessionEnded ended) {
    sockets.forEach((socket, owner) -> {
      if (owner.sessionDigest.equals(ended.sessionDigest())) {
        close(socket);
      }
    });
  }

  /** Closes the sockets whose session expired, or whose account was disabled or changed, since they opened. */
  Future<Void> recheckSessions() {
    Map<String, List<Map.Entry<SockJSSocket, Owner>>> bySession = sockets.entrySet().stream()
        .collect(Collectors.groupingBy(e -> e.getValue().sessionId));
    List<Future<Void>> checks = new ArrayList<>();
    bySession.forEach((sessionId, entries) -> checks.add(current(sessionId).map(now -> {
      entries.stream().filter(e -> now.filter(p -> e.getValue().holds(p)).isEmpty())
          .forEach(e -> close(e.getKey()));
      return null;
    })));
    return Future.join(checks).mapEmpty();
  }

  private void close(SockJSSocket socket) {
    forget(socket);
    // An error frame first, so the page knows to sign in again rather than reconnect.
    socket.write(new JsonObject().put("type", "err").put("body", "session_ended").encode());
    socket.close();
  }
}
