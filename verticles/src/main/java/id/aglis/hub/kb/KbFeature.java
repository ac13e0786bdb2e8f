package id.aglis.hub.kb;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The knowledge base: staff write help articles in Markdown (rendered and sanitised once, at save), group them in
 * categories and publish them; customers, and visitors before they sign in, read and search them in Bahasa Indonesia
 * (full text on unaccented words with the Indonesian stemmer, trigram titles for typos) and say whether they helped.
 * No verticles of its own: its routes call the repository directly. See docs/kb.md.
 */
public final class KbFeature implements Feature {

  private Vertx vertx;
  private KbSettings settings;
  private KbRepository repository;
  private PublicReads publicReads;

  @Override
  public String name() {
    return "kb";
  }

  @Override
  public ConfigSection<?> config() {
    return KbSettings.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    vertx = node.vertx();
    settings = node.settings(KbSettings.SECTION);
    repository = new KbRepository(node.pool());
    publicReads = new PublicReads(node.redisApi(), settings.publicReadsPerMinute());
    return node.demo() ? new KbDemo(repository, node.require(CustomerDirectory.class), node.clock()).seedOnce() : Future.succeededFuture();
  }

  @Override
  public void mountApi(Router api) {
    new KbCategoryRoutes(repository).mount(api);
    new KbRoutes(vertx, repository).mount(api);
    new PortalKbRoutes(repository, settings, publicReads).mount(api);
  }
}
