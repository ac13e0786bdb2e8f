package id.aglis.hub.installation;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Installations: staff schedule a new customer's installation, technicians record each stage (with a photo) until
 * the connection is activated; the customer follows it in the portal, live on {@code ui.customer.<id>}, and gets a
 * WhatsApp notice at each stage; staff watch {@code ui.installations}. Every node answers the WhatsApp STATUS
 * keyword's question about a customer's installations ({@code installation.customer.summary}).
 */
public final class InstallationFeature implements Feature {

  private InstallationRepository repository;
  private Installations installations;
  private InstallationStream stream;
  private CustomerDirectory customers;
  private StaffDirectory staff;
  private Clock clock;

  @Override
  public String name() {
    return "installation";
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    customers = node.require(CustomerDirectory.class);
    staff = node.require(StaffDirectory.class);
    clock = node.clock();
    repository = new InstallationRepository(node.pool());
    installations = new Installations(repository, new InstallationEvents(node.vertx()), new StageNotices(node.vertx(), customers), clock);
    stream = new InstallationStream(repository);
    return (node.demo() ? new InstallationDemo(node.pool(), clock).seedOnce() : Future.<Void>succeededFuture())
        .compose(v -> node.deploy(new InstallationSummaryVerticle(repository)))
        .mapEmpty();
  }

  @Override
  public void mountApi(Router api) {
    new InstallationRoutes(installations, repository, customers, staff, clock).mount(api);
    new PortalInstallationRoutes(repository).mount(api);
  }

  @Override
  public Set<String> largeBodyPaths() {
    return Set.of("/api/v1/installations/*/progress/*/photo");
  }

  @Override
  public List<LiveStream> liveStreams() {
    return List.of(stream);
  }
}
