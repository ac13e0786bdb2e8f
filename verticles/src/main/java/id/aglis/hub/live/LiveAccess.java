package id.aglis.hub.live;

import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.web.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who may see which {@code ui.*} address, from what the features declared: staff (and staff-scoped API tokens,
 * for the REST side) by role; a customer only its own {@code <address>.<customer id>} of a per-customer address.
 */
final class LiveAccess {

  private final Map<String, BridgeAddress> byAddress;

  LiveAccess(List<BridgeAddress> addresses) {
    this.byAddress = addresses.stream().collect(Collectors.toUnmodifiableMap(BridgeAddress::address, Function.identity(), (a, b) -> a));
  }

  /** Whether {@code address} is a stream address some feature declared (for a 400 rather than a 403). */
  boolean known(String address) {
    return byAddress.containsKey(address) || perCustomerBase(address) != null;
  }

  boolean mayReceive(Principal who, String address) {
    if (who == null || address == null) {
      return false;
    }
    if (who.kind() == Principal.Kind.CUSTOMER) {
      BridgeAddress base = perCustomerBase(address);
      return base != null && address.equals(base.address() + "." + who.id());
    }
    BridgeAddress declared = byAddress.get(address);
    return declared != null && !declared.perCustomer() && who.role() != null && declared.staffRoles().contains(who.role());
  }

  private BridgeAddress perCustomerBase(String address) {
    int dot = address.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    BridgeAddress base = byAddress.get(address.substring(0, dot));
    return base != null && base.perCustomer() && address.substring(dot + 1).matches("[1-9][0-9]{0,18}") ? base : null;
  }
}
