package id.aglis.hub.identity;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.web.Authentication;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * Identity and access as a feature: on start, the first admin and the bootstrap token; provides the
 * {@link Authentication} the edge runs before every API route, and {@link Identity} for the demo seeder;
 * mounts {@code /auth/*}, {@code /staff}, {@code /customers}, {@code /tokens} and {@code /audit}.
 */
public final class IdentityFeature implements Feature {

  private Identity identity;

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public ConfigSection<?> config() {
    return IdentitySettings.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    IdentitySettings settings = node.settings(IdentitySettings.SECTION);
    identity = new Identity(node.vertx(), node.pool(), node.redisApi(), settings.loginLimits());
    node.provide(Authentication.class, identity.authenticator());
    node.provide(Identity.class, identity);
    node.provide(StaffDirectory.class, new StaffContacts(node.pool()));
    node.provide(CustomerDirectory.class, new CustomerContacts(node.pool()));
    return new Bootstrap(node.pool(), identity, node.console()).run(settings.adminPassword(), settings.bootstrapToken())
        .compose(v -> node.deploy(new IdentityVerticle(identity)))
        .mapEmpty();
  }

  @Override
  public void mountApi(Router api) {
    identity.mount(api);
  }

  @Override
  public Set<String> signInPaths() {
    return Set.of("/api/v1/auth/staff/login", "/api/v1/auth/customer/login", "/api/v1/auth/customer/reset");
  }
}
