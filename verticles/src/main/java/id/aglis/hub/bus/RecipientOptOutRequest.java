package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@link Addresses#DISPATCH_RECIPIENT_OPT_OUT}, the request.
 *
 * @param phone    in any spelling; the dispatcher refuses one that is not a phone number
 * @param optedOut true to opt out of promotional messages, false to opt back in (default true)
 * @param via      how the recipient asked (the keyword, e.g. {@code STOP}), for the record
 */
public record RecipientOptOutRequest(String phone, boolean optedOut, String via) {

  public JsonObject toJson() {
    return new JsonObject().put("phone", phone).put("optedOut", optedOut).put("via", via);
  }

  public static RecipientOptOutRequest fromJson(JsonObject json) {
    return new RecipientOptOutRequest(json.getString("phone"), json.getBoolean("optedOut", true), json.getString("via"));
  }
}
