package id.aglis.hub.web;

import io.vertx.core.json.JsonObject;

/**
 * Who is calling: a staff member (session), a customer (session), or an API token (bearer), which acts
 * with the role it was scoped to. Kept in the session as JSON and on the routing context per request.
 */
public record Principal(Kind kind, long id, String login, String name, Role role) {

  public enum Kind { STAFF, CUSTOMER, TOKEN }

  /** Routing-context key under which the authenticated principal of a request is stored. */
  public static final String CONTEXT_KEY = "aglis.principal";

  public static Principal staff(long id, String username, String name, Role role) {
    return new Principal(Kind.STAFF, id, username, name, role);
  }

  public static Principal customer(long id, String customerNo, String name) {
    return new Principal(Kind.CUSTOMER, id, customerNo, name, null);
  }

  public static Principal token(long id, String tokenName, Role role) {
    return new Principal(Kind.TOKEN, id, tokenName, tokenName, role);
  }

  /** True for staff sessions and staff-scoped tokens. */
  public boolean isStaffSide() {
    return kind != Kind.CUSTOMER;
  }

  public String kindWire() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  public JsonObject toSessionJson() {
    return new JsonObject().put("kind", kindWire()).put("id", id).put("login", login).put("name", name)
        .put("role", role == null ? null : role.wire());
  }

  public static Principal fromSessionJson(JsonObject json) {
    String role = json.getString("role");
    return new Principal(Kind.valueOf(json.getString("kind").toUpperCase(java.util.Locale.ROOT)), json.getLong("id"),
        json.getString("login"), json.getString("name"), role == null ? null : Role.fromWire(role));
  }
}
