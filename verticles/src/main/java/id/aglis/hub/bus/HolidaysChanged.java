package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/** {@link Addresses#TICKET_HOLIDAYS_CHANGED}: the holiday list changed; the body is empty, every node reads the table again. */
public record HolidaysChanged() {

  public JsonObject toJson() {
    return new JsonObject();
  }

  public static HolidaysChanged fromJson(JsonObject json) {
    return new HolidaysChanged();
  }
}
