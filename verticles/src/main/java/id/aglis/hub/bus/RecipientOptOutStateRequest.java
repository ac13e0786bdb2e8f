package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/** {@link Addresses#DISPATCH_RECIPIENT_OPT_OUT_STATE}, the request: whether {@code phone} (any spelling) has opted out. */
public record RecipientOptOutStateRequest(String phone) {

  public JsonObject toJson() {
    return new JsonObject().put("phone", phone);
  }

  public static RecipientOptOutStateRequest fromJson(JsonObject json) {
    return new RecipientOptOutStateRequest(json.getString("phone"));
  }
}
