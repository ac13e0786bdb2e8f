package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#DISPATCH_MESSAGE_ENQUEUE}, the request: a WhatsApp message as {@code POST /api/v1/messages}
 * takes it ({@code text}, or {@code template} with {@code params}), plus who asked for it. Everything but
 * {@code to} is optional; absent fields are left out of the JSON, as a client of the API leaves them out.
 *
 * <p>This is the sender's view. The dispatcher validates the JSON it receives field by field (as it does an
 * API request), so that a bad body is refused with {@link BusErrors#BAD_REQUEST} naming the field.
 *
 * @param priority {@code urgent}, {@code high}, {@code normal} (the default) or {@code low}
 * @param requestedBy who asked, for the message's timeline; default {@code bus}
 */
public record EnqueueMessageRequest(String to, String text, String template, JsonObject params, String priority,
                                    String idempotencyKey, OffsetDateTime notBefore, String device, String requestedBy) {

  /** The field that is not part of the API's message; the dispatcher takes it off before validating the rest. */
  public static final String REQUESTED_BY = "requestedBy";

  public static EnqueueMessageRequest text(String to, String text) {
    return new EnqueueMessageRequest(to, text, null, null, null, null, null, null, null);
  }

  public static EnqueueMessageRequest template(String to, String template, JsonObject params) {
    return new EnqueueMessageRequest(to, null, template, params, null, null, null, null, null);
  }

  public EnqueueMessageRequest withPriority(String priority) {
    return new EnqueueMessageRequest(to, text, template, params, priority, idempotencyKey, notBefore, device, requestedBy);
  }

  public EnqueueMessageRequest withIdempotencyKey(String idempotencyKey) {
    return new EnqueueMessageRequest(to, text, template, params, priority, idempotencyKey, notBefore, device, requestedBy);
  }

  public EnqueueMessageRequest withNotBefore(OffsetDateTime notBefore) {
    return new EnqueueMessageRequest(to, text, template, params, priority, idempotencyKey, notBefore, device, requestedBy);
  }

  public EnqueueMessageRequest withDevice(String device) {
    return new EnqueueMessageRequest(to, text, template, params, priority, idempotencyKey, notBefore, device, requestedBy);
  }

  public EnqueueMessageRequest requestedBy(String requestedBy) {
    return new EnqueueMessageRequest(to, text, template, params, priority, idempotencyKey, notBefore, device, requestedBy);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("to", to);
    putPresent(json, "text", text);
    putPresent(json, "template", template);
    putPresent(json, "params", params);
    putPresent(json, "priority", priority);
    putPresent(json, "idempotencyKey", idempotencyKey);
    putPresent(json, "notBefore", Times.withOffset(notBefore));
    putPresent(json, "device", device);
    putPresent(json, REQUESTED_BY, requestedBy);
    return json;
  }

  public static EnqueueMessageRequest fromJson(JsonObject json) {
    return new EnqueueMessageRequest(json.getString("to"), json.getString("text"), json.getString("template"),
        json.getJsonObject("params"), json.getString("priority"), json.getString("idempotencyKey"),
        Times.parse(json.getString("notBefore"), Times.BUSINESS_ZONE), json.getString("device"), json.getString(REQUESTED_BY));
  }

  private static void putPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
