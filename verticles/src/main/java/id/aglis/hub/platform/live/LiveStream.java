package id.aglis.hub.platform.live;

import id.aglis.hub.platform.BridgeAddress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A browser-visible stream ({@code ui.*}) a feature feeds: what a page shows when it opens, and what this
 * node's own domain events change. The live feature does the rest on every node: every
 * {@link #FRAME_INTERVAL_MS} it drains each projection, appends what changed to the stream's bounded history
 * shared by all nodes (which numbers it: an epoch and a sequence), and publishes the numbered frame on the
 * clustered bus at {@link #address()}, where the bridge hands it to every socket registered there.
 *
 * <p>A frame's {@code data} is the projection's own JSON; a projection may add {@code "counts"} (an object of
 * non-negative whole numbers): they are added to the stream's running totals for the business day (WIB),
 * which every frame and every snapshot carry whole, so pages show the same figures on every node.
 */
public interface LiveStream {

  /** How often a projection is drained: a few frames a second per stream at most, from each node. */
  long FRAME_INTERVAL_MS = 500;

  /** The address and who may see it. */
  BridgeAddress address();

  /** How many frames of history all nodes keep, for pages that reconnect. */
  default int history() {
    return 1_000;
  }

  /** The current state, for a page that opens (the live feature adds the epoch, sequence and totals). */
  Future<JsonObject> snapshot();

  /**
   * Starts this node's projection: it listens to the node's own domain events (local consumers: each node
   * projects what it produced) on the calling context, which is also where {@link Projection#drain} runs.
   */
  Projection project(Vertx vertx);

  /** One node's view of a stream between two frames. */
  interface Projection {

    /** What changed since the last call, or null when nothing did. May be asynchronous (e.g. a queue depth read). */
    Future<JsonObject> drain();

    /** Stops listening. */
    default void close() {
    }
  }
}
