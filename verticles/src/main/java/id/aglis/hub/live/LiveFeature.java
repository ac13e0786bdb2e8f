package id.aglis.hub.live;

import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Authentication;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.sstore.redis.RedisSessionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live data for the console and the portal: the event-bus bridge at {@code /eventbus}, every feature's
 * {@code ui.*} streams numbered and kept in a shared history, and their snapshots and catch-up over REST
 * ({@code /api/v1/live/snapshot}, {@code /api/v1/live/since}). It feeds {@code ui.ops} (the nodes) and
 * {@code ui.metrics} (their performance) itself. It comes last in the registry: it serves the streams of the
 * features started before it.
 */
public final class LiveFeature implements Feature {

  private Clock clock;
  private final List<LiveStream> own = new ArrayList<>();
  private StreamLog log;
  private LiveBridge bridge;
  private LiveAccess access;
  private Map<String, LiveStream> streams;

  @Override
  public String name() {
    return "live";
  }

  @Override
  public ConfigSection<?> config() {
    return LiveSettings.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    LiveSettings settings = node.settings(LiveSettings.SECTION);
    clock = node.clock();
    log = new StreamLog(node.redisApi(), clock);
    own.add(new OpsStream(node.nodeId(), node.redisApi(), clock));
    own.add(new MetricsStream(node.nodeId(), node.registry(), node.redisApi(), log, () -> bridge.openSockets(), clock));
    access = new LiveAccess(node.bridgeAddresses());
    bridge = new LiveBridge(node.vertx(), access, node.require(Authentication.class), RedisSessionStore.create(node.vertx(), node.redis()),
        settings.allowedOrigins(), node.registry());
    streams = new LinkedHashMap<>();
    node.liveStreams().forEach(stream -> streams.put(stream.address().address(), stream));
    return node.deploy(new LiveVerticle(List.copyOf(streams.values()), log, bridge, settings.sessionCheck().toMillis())).mapEmpty();
  }

  @Override
  public List<LiveStream> liveStreams() {
    return own;
  }

  /** The portal's per-customer stream: a customer registers {@code ui.customer.<its own id>}, nobody else. */
  @Override
  public List<BridgeAddress> bridgeAddresses() {
    return List.of(new BridgeAddress("ui.customer", Set.of(), true));
  }

  @Override
  public void mountApi(Router api) {
    new LiveRoutes(streams, access, log, clock).mount(api);
  }

  @Override
  public void mountRoot(Router root) {
    root.route(LiveBridge.MOUNT + "/*").subRouter(bridge.router());
  }
}
