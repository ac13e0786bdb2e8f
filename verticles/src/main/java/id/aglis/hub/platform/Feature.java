package id.aglis.hub.platform;

import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.platform.live.LiveStream;
import io.vertx.core.Future;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;

/**
 * A capability of the hub (identity, dispatch, webhooks, …), plugged in once: the node and the HTTP edge
 * iterate the registered features, so adding one is a line in the registry plus its own package.
 *
 * <p>Life cycle, on every node: the configuration is loaded with every feature's {@link #config section};
 * after the schema migrations each feature is {@link #start started} in registry order (it wires its domain
 * objects, provides the services later features need, and deploys its verticles through the context, which
 * undeploys them in reverse order on stop); then every HTTP verticle instance asks each feature to mount its
 * routes. Routes call their feature's own domain code; what crosses features goes over the event bus or
 * through a contract type in {@code bus/}.
 */
public interface Feature {

  /** A short name for logs and errors, e.g. {@code "dispatch"}. */
  String name();

  /** The configuration section this feature owns, or null for none. */
  default ConfigSection<?> config() {
    return null;
  }

  /** Wires the feature on this node and deploys its verticles (through {@link FeatureContext#deploy}). */
  Future<Void> start(FeatureContext node);

  /** Routes under {@code /api/v1}, mounted after sessions, authentication and the CSRF check. */
  default void mountApi(Router api) {
  }

  /** Routes on the root router (webhooks, pages), mounted before the static files. */
  default void mountRoot(Router root) {
  }

  /**
   * API paths (full, e.g. {@code /api/v1/messages/batch}; {@code *} stands for one segment) that read their own
   * larger bodies after checking the caller; the edge's default body handler leaves them alone.
   */
  default Set<String> largeBodyPaths() {
    return Set.of();
  }

  /** API paths (full) that sign a browser in: the edge opens a session for them. */
  default Set<String> signInPaths() {
    return Set.of();
  }

  /** Adds this feature's checks to {@code /ready}. */
  default void healthChecks(HealthChecks checks) {
  }

  /**
   * The {@code ui.*} streams this feature feeds (each also a bridge address): the live feature numbers them,
   * keeps their history and serves their snapshots. Asked only after this feature {@link #start started}.
   */
  default List<LiveStream> liveStreams() {
    return List.of();
  }

  /**
   * Other {@code ui.*} addresses browsers may register on the event-bus bridge, and who may (the addresses of
   * {@link #liveStreams} are added by the node).
   */
  default List<BridgeAddress> bridgeAddresses() {
    return List.of();
  }
}
