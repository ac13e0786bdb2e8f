package id.aglis.hub.web;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Staff roles. Customers are a separate kind of principal, never a role. */
public enum Role {
  ADMIN, SUPERVISOR, CS, NOC, TECHNICIAN;

  public static final Set<String> NAMES = Arrays.stream(values()).map(Role::wire).collect(Collectors.toUnmodifiableSet());

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Role fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
