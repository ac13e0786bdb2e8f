package id.aglis.hub.platform;

import id.aglis.hub.web.Role;
import java.util.Set;

/**
 * A browser-visible event-bus address a feature declares for the bridge. {@code address} starts with
 * {@code ui.}; {@code staffRoles} are the staff roles that may register it; {@code perCustomer} marks an
 * address a customer may register only with its own id appended ({@code ui.customer.<id>}).
 */
public record BridgeAddress(String address, Set<Role> staffRoles, boolean perCustomer) {

  public BridgeAddress {
    if (!address.startsWith("ui.")) {
      throw new IllegalArgumentException("Browser-visible addresses start with 'ui.': " + address);
    }
    staffRoles = Set.copyOf(staffRoles);
  }

  public static BridgeAddress forStaff(String address, Set<Role> roles) {
    return new BridgeAddress(address, roles, false);
  }
}
