package id.aglis.hub.web;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who a customer is and how (and whether) to reach them, for features that act for or notify customers
 * (tickets, installations). Provided by the identity feature; read-only.
 */
public interface CustomerDirectory {

  /**
   * A customer as other features need it; {@code phone} normalised to {@code 62…} or null. The two notice flags are
   * the customer's own choice (portal preferences) of WhatsApp notices about tickets and installations.
   */
  record Contact(long id, String customerNo, String name, String phone, String address, String plan, String status,
                 boolean ticketNotices, boolean installationNotices) {

    public io.vertx.core.json.JsonObject toJson() {
      return new io.vertx.core.json.JsonObject().put("id", id).put("customerNo", customerNo).put("name", name)
          .put("phone", phone);
    }
  }

  Future<Optional<Contact>> byId(long id);

  /** Case-insensitive, as customers type it. */
  Future<Optional<Contact>> byCustomerNo(String customerNo);
}
