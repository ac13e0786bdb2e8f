package id.aglis.hub;

import id.aglis.hub.alert.AlertFeature;
import id.aglis.hub.billing.BillingFeature;
import id.aglis.hub.demo.DemoFeature;
import id.aglis.hub.dispatch.DispatchFeature;
import id.aglis.hub.identity.IdentityFeature;
import id.aglis.hub.installation.InstallationFeature;
import id.aglis.hub.kb.KbFeature;
import id.aglis.hub.live.LiveFeature;
import id.aglis.hub.ops.OpsFeature;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.speedtest.SpeedTestFeature;
import id.aglis.hub.ticket.TicketFeature;
import id.aglis.hub.webhook.WebhookFeature;
import java.util.List;

/**
 * The registry: every capability of the hub, in start order (a feature may use what an earlier one
 * provides). Adding a capability is one line here plus its own package.
 */
public final class Features {

  private Features() {
  }

  public static List<Feature> all() {
    return List.of(
        new IdentityFeature(),
        new DemoFeature(),
        new DispatchFeature(),
        new WebhookFeature(),
        new OpsFeature(),
        new AlertFeature(),
        new TicketFeature(),
        new InstallationFeature(),
        new BillingFeature(),
        new KbFeature(),
        new SpeedTestFeature(),
        // Last: it serves the live streams of the features above.
        new LiveFeature());
  }
}
