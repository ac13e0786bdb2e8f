package id.aglis.hub.billing;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * Billing: the billing system posts invoices and the bank or gateway posts payments, idempotent by their own number and
 * reference; statuses are computed (unpaid, partially paid, paid, overdue in WIB, void); a payment reaches the
 * customer's page live ({@code ui.customer.<id>}) and their WhatsApp as a receipt notice; customers read their own
 * invoices and payments in the portal and download PDFs that carry a code staff can verify. See docs/billing.md.
 */
public final class BillingFeature implements Feature {

  private Billing billing;
  private BillingDocuments documents;
  private CustomerDirectory customers;

  @Override
  public String name() {
    return "billing";
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    customers = node.require(CustomerDirectory.class);
    BillingRepository repository = new BillingRepository(node.pool());
    billing = new Billing(repository, new BillingEvents(node.vertx()), new PaymentNotices(node.vertx(), customers, true), node.clock());
    documents = new BillingDocuments(node.vertx(), billing, customers, node.clock());
    return node.demo()
        ? new BillingDemo(node.vertx(), repository, customers, node.clock()).seedOnce()
        : Future.succeededFuture();
  }

  @Override
  public void mountApi(Router api) {
    new BillingRoutes(billing, documents, customers).mount(api);
    new PortalBillingRoutes(billing, documents).mount(api);
  }
}
