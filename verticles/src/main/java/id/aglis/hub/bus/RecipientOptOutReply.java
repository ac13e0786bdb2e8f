package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/** {@link Addresses#DISPATCH_RECIPIENT_OPT_OUT}, the reply: the phone normalised ({@code 62…}) and its state now. */
public record RecipientOptOutReply(String phone, boolean optedOut) {

  public JsonObject toJson() {
    return new JsonObject().put("phone", phone).put("optedOut", optedOut);
  }

  public static RecipientOptOutReply fromJson(JsonObject json) {
    return new RecipientOptOutReply(json.getString("phone"), json.getBoolean("optedOut", false));
  }
}
