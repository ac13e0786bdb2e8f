package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/** {@link Addresses#INSTALLATION_CUSTOMER_SUMMARY}, the reply: the customer's installations in progress, oldest first. */
public record InstallationSummaryReply(List<Item> installations) {

  /**
   * One installation.
   *
   * @param technician the assigned technician's name, or null while nobody is
   */
  public record Item(long id, String number, String stage, OffsetDateTime scheduledAt, String technician) {

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("number", number).put("stage", stage).put("scheduledAt", Times.withOffset(scheduledAt))
          .put("technician", technician);
    }

    static Item fromJson(JsonObject json) {
      return new Item(json.getLong("id"), json.getString("number"), json.getString("stage"), Times.parse(json.getString("scheduledAt")),
          json.getString("technician"));
    }
  }

  public InstallationSummaryReply {
    installations = List.copyOf(installations);
  }

  public JsonObject toJson() {
    return new JsonObject().put("installations", new JsonArray(installations.stream().map(Item::toJson).toList()));
  }

  public static InstallationSummaryReply fromJson(JsonObject json) {
    return new InstallationSummaryReply(json.getJsonArray("installations", new JsonArray()).stream()
        .map(JsonObject.class::cast).map(Item::fromJson).toList());
  }
}
