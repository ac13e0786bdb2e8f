package id.aglis.hub.dispatch;

import id.aglis.hub.bus.WaDevices;
import id.aglis.hub.bus.WebhookIngress;
import id.aglis.hub.dispatch.sandbox.SandboxGateway;
import id.aglis.hub.dispatch.sandbox.SandboxReceipts;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.platform.live.LiveStream;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;

/**
 * WhatsApp dispatch as a feature: the dispatcher on every node and its reconciler on one; with no devices
 * configured, the sandbox device, whose fake gateway runs inside the node and posts realistic receipts to
 * the node's own webhook, so the demo is alive without ever reaching WhatsApp. Provides {@link WaDevices} to
 * the webhook ingress.
 */
public final class DispatchFeature implements Feature {

  /** How long a node waits between tries to take over the reconciler when another node runs it. */
  private static final long RECONCILER_RETRY_MS = 2_000;

  private final SandboxReceipts.Fates sandboxFates;
  private Dispatch dispatch;

  public DispatchFeature() {
    this(SandboxReceipts.Fates.realistic());
  }

  /** With the sandbox's messages going as {@code sandboxFates} decides (tests that must see a message read). */
  public DispatchFeature(SandboxReceipts.Fates sandboxFates) {
    this.sandboxFates = sandboxFates;
  }

  @Override
  public String name() {
    return "dispatch";
  }

  @Override
  public ConfigSection<?> config() {
    return DispatchConfig.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    return effectiveSettings(node, node.settings(DispatchConfig.SECTION)).compose(settings -> {
      dispatch = new Dispatch(node.vertx(), node.pool(), node.keyedPool(), node.redisApi(), node.registry(), settings, node.clock());
      node.provide(WaDevices.class, new WaDevices(dispatch.deviceNames(), dispatch.deviceWebhookSecrets()));
      return node.deploy(dispatch.verticle(node.nodeId()))
          .onSuccess(deployed -> node.singleton("dispatch.reconciler", dispatch::reconciler, RECONCILER_RETRY_MS))
          .mapEmpty();
    });
  }

  /** The configured settings, or, with no devices configured, settings pointing at a sandbox gateway started here. */
  private Future<DispatchSettings> effectiveSettings(FeatureContext node, DispatchSettings settings) {
    if (!settings.sandbox()) {
      return Future.succeededFuture(settings);
    }
    DeviceConfig sandbox = DeviceConfig.sandboxDevice();
    SandboxGateway gateway = new SandboxGateway(node.vertx()).device(sandbox.device(), sandbox.token())
        .onAccepted(new ReceiptsToOwnWebhook(node, sandboxFates));
    return gateway.start().map(started -> settings.withBaseUrl(started.baseUrl()));
  }

  /**
   * The sandbox's receipts, posted to this node's webhook. The webhook ingress starts after dispatch, so its
   * secret is looked up when the first receipt is due (on the node's event loop: no race).
   */
  private static final class ReceiptsToOwnWebhook implements Handler<SandboxGateway.Accepted> {
    private final FeatureContext node;
    private final SandboxReceipts.Fates fates;
    private SandboxReceipts receipts;

    ReceiptsToOwnWebhook(FeatureContext node, SandboxReceipts.Fates fates) {
      this.node = node;
      this.fates = fates;
    }

    @Override
    public void handle(SandboxGateway.Accepted accepted) {
      if (receipts == null) {
        receipts = new SandboxReceipts(node.vertx(), node.httpPort(), node.require(WebhookIngress.class).secret()).withFates(fates);
      }
      receipts.handle(accepted);
    }
  }

  @Override
  public void mountApi(Router api) {
    dispatch.mount(api);
  }

  @Override
  public List<LiveStream> liveStreams() {
    return List.of(dispatch.liveStream());
  }

  @Override
  public Set<String> largeBodyPaths() {
    return dispatch.largeBodyPaths();
  }
}
