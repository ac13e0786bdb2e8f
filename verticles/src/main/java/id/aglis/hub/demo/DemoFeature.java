package id.aglis.hub.demo;

import id.aglis.hub.identity.Identity;
import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import io.vertx.core.Future;

/** Demo data (a small ISP around Sleman and Yogyakarta), seeded once per database when demo is on. */
public final class DemoFeature implements Feature {

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    return node.demo() ? new DemoSeeder(node.pool(), node.require(Identity.class)).seedOnce().mapEmpty() : Future.succeededFuture();
  }
}
