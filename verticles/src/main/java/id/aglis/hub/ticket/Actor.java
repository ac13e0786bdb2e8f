package id.aglis.hub.ticket;

import id.aglis.hub.web.Principal;
import io.vertx.core.json.JsonObject;

/** Who did something to a ticket, as its thread and timeline name them. */
public record Actor(String kind, Long id, String name) {

  public static final Actor SYSTEM = new Actor("system", null, "AGLIS");

  public static Actor of(Principal who) {
    return new Actor(who.kindWire(), who.id(), who.name());
  }

  public boolean isCustomer() {
    return "customer".equals(kind);
  }

  /** Staff sessions and staff tokens; their replies count as the ISP's. */
  public boolean isStaffSide() {
    return "staff".equals(kind) || "token".equals(kind);
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind).put("id", id).put("name", name);
  }
}
