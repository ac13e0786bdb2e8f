package id.aglis.hub.installation;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;

/** An installation as the API shows it, with the customer's and the technician's names joined in. */
record Installation(long id, String number, long customerId, String customerNo, String customerName, String address, String plan,
                    String stage, OffsetDateTime scheduledAt, Long technicianId, String technicianUsername, String technicianName,
                    OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime activatedAt) {

  static Installation of(Row row) {
    return new Installation(row.getLong("id"), row.getString("number"), row.getLong("customer_id"), row.getString("customer_no"),
        row.getString("customer_name"), row.getString("address"), row.getString("plan"), row.getString("stage"),
        row.getOffsetDateTime("scheduled_at"), row.getLong("technician_id"), row.getString("technician_username"),
        row.getString("technician_name"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
        row.getOffsetDateTime("activated_at"));
  }

  boolean activated() {
    return activatedAt != null;
  }

  /** As staff see it, without {@code progress}. */
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("number", number)
        .put("customer", new JsonObject().put("id", customerId).put("customerNo", customerNo).put("name", customerName))
        .put("address", address).put("plan", plan).put("stage", stage).put("scheduledAt", Times.iso(scheduledAt))
        .put("technician", technicianId == null ? null : staff(technicianId, technicianUsername, technicianName))
        .put("createdAt", Times.iso(createdAt)).put("updatedAt", Times.iso(updatedAt)).put("activatedAt", Times.iso(activatedAt));
  }

  JsonObject toJson(List<Progress> progress) {
    return toJson().put("progress", new JsonArray(progress.stream().map(p -> p.toJson(false)).toList()));
  }

  /** As the customer sees it in the portal: the technician by name only. */
  JsonObject toCustomerJson(List<Progress> progress) {
    return toJson().put("technician", technicianId == null ? null : new JsonObject().put("name", technicianName))
        .put("progress", new JsonArray(progress.stream().map(p -> p.toJson(true)).toList()));
  }

  static JsonObject staff(long id, String username, String name) {
    return new JsonObject().put("id", id).put("username", username).put("name", name);
  }

  /** One recorded step; {@code photoContentType} is null when it has no photo. */
  record Progress(long id, long installationId, String stage, String note, OffsetDateTime at, Long technicianId,
                  String technicianUsername, String technicianName, String actor, String photoContentType, Integer photoSize) {

    static Progress of(Row row) {
      return new Progress(row.getLong("id"), row.getLong("installation_id"), row.getString("stage"), row.getString("note"),
          row.getOffsetDateTime("at"), row.getLong("technician_id"), row.getString("technician_username"),
          row.getString("technician_name"), row.getString("actor"), row.getString("photo_content_type"), row.getInteger("photo_size"));
    }

    JsonObject toJson(boolean forCustomer) {
      JsonObject technician = technicianId == null ? null
          : forCustomer ? new JsonObject().put("name", technicianName) : staff(technicianId, technicianUsername, technicianName);
      JsonObject json = new JsonObject().put("id", id).put("stage", stage).put("note", note).put("at", Times.iso(at))
          .put("technician", technician)
          .put("photo", photoContentType == null ? null
              : new JsonObject().put("id", id).put("contentType", photoContentType).put("sizeBytes", photoSize));
      return forCustomer ? json : json.put("actor", actor);
    }
  }
}
