package id.aglis.hub.webhook;

import id.aglis.hub.bus.WaDevices;
import id.aglis.hub.bus.WebhookIngress;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * Fonnte webhook ingress as a feature: {@code /hooks/fonnte/{secret}/…} on the root router, the inbox and
 * webhook URLs on the API, and the verticle that applies recorded callbacks on every node. Takes callbacks
 * for the devices dispatch configured ({@link WaDevices}); provides {@link WebhookIngress}.
 */
public final class WebhookFeature implements Feature {

  private Webhooks webhooks;

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public ConfigSection<?> config() {
    return WebhookSettings.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    WebhookSettings settings = node.settings(WebhookSettings.SECTION);
    WaDevices devices = node.require(WaDevices.class);
    return Webhooks.secret(node.pool(), settings.secret()).compose(secret -> {
      webhooks = new Webhooks(node.vertx(), node.pool(), devices.numbers(), secret, devices.webhookSecrets(),
          settings.orphanTtl(), AttachmentRules.of(settings.attachmentHosts()));
      node.provide(WebhookIngress.class, () -> secret);
      return node.deploy(webhooks.verticle()).mapEmpty();
    });
  }

  @Override
  public void mountRoot(Router root) {
    webhooks.mount(root);
  }

  @Override
  public void mountApi(Router api) {
    webhooks.mountAdmin(api);
  }
}
