package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** {@link Addresses#SYSTEM_NODE_STARTED}: a node finished starting. */
public record NodeStarted(String nodeId, boolean clustered, OffsetDateTime startedAt) {

  public JsonObject toJson() {
    return new JsonObject().put("nodeId", nodeId).put("clustered", clustered).put("startedAt", Times.withOffset(startedAt));
  }

  public static NodeStarted fromJson(JsonObject json) {
    return new NodeStarted(json.getString("nodeId"), json.getBoolean("clustered", false), Times.parse(json.getString("startedAt")));
  }
}
