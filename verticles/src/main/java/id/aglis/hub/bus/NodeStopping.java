package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/** {@link Addresses#SYSTEM_NODE_STOPPING}: a node began a graceful shutdown. */
public record NodeStopping(String nodeId) {

  public JsonObject toJson() {
    return new JsonObject().put("nodeId", nodeId);
  }

  public static NodeStopping fromJson(JsonObject json) {
    return new NodeStopping(json.getString("nodeId"));
  }
}
