package id.aglis.hub.webhook;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.CallbacksRecorded;
import id.aglis.hub.bus.StatusCallbackReceived;
import id.aglis.hub.common.Phones;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Responses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/fonnte/{secret}/status|incoming|device}: Fonnte's three webhooks. A callback is
 * answered 200 only once it is committed to PostgreSQL (so a crash right after the 200 loses nothing),
 * and applied afterwards by {@link WebhookVerticle}. The secret is compared in constant time; a wrong one
 * is a bare 404. Fonnte retries anything but 200, so only malformed callbacks get a 4xx.
 */
final class WebhookRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
  /** Fonnte's callbacks are a few hundred bytes; attachments come as URLs, not bodies. */
  static final long BODY_LIMIT = 64 * 1024;
  private static final Set<String> KINDS = Set.of("status", "incoming", "device");

  private final Vertx vertx;
  private final CallbackRepository callbacks;
  private final Set<String> devices;
  private final byte[] secret;
  private final Map<String, byte[]> deviceSecrets;

  WebhookRoutes(Vertx vertx, CallbackRepository callbacks, Set<String> devices, String secret, Map<String, String> deviceSecrets) {
    this.vertx = vertx;
    this.callbacks = callbacks;
    this.devices = devices;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> bytes = new java.util.HashMap<>();
    deviceSecrets.forEach((device, s) -> bytes.put(device, s.getBytes(StandardCharsets.UTF_8)));
    this.deviceSecrets = Map.copyOf(bytes);
  }

  /**
   * The device a per-device secret belongs to, "" for the hub-wide secret, or null for no match. Every
   * candidate is compared in full, so the time taken says nothing about which one was close.
   */
  private String secretOwner(String given) {
    byte[] candidate = given.getBytes(StandardCharsets.UTF_8);
    String owner = MessageDigest.isEqual(secret, candidate) ? "" : null;
    for (Map.Entry<String, byte[]> e : deviceSecrets.entrySet()) {
      if (MessageDigest.isEqual(e.getValue(), candidate) && owner == null) {
        owner = e.getKey();
      }
    }
    return owner;
  }

  void mount(Router root) {
    root.post("/hooks/fonnte/:secret/:kind").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT).setHandleFileUploads(false))
        .handler(this::receive);
  }

  private void receive(RoutingContext ctx) {
    String owner = secretOwner(ctx.pathParam("secret"));
    if (owner == null || !KINDS.contains(ctx.pathParam("kind"))) {
      throw ApiError.notFound("The resource");
    }
    String kind = ctx.pathParam("kind");
    JsonObject body;
    String device;
    try {
      body = Payloads.read(ctx);
      device = device(body);
      if (!owner.isEmpty() && !owner.equals(device)) {
        throw ApiError.invalidField("device", "This webhook URL belongs to another device.");
      }
      validate(kind, body);
    } catch (ApiError refused) {
      LOG.warn("Refused a Fonnte {} callback ({}): {}", kind, refused.getMessage(), truncated(ctx));
      throw refused;
    }
    callbacks.record(kind, device, body)
        .onSuccess(id -> {
          Responses.ok(ctx, new JsonObject().put("ok", true));
          if (kind.equals("status")) {
            vertx.eventBus().publish(Addresses.WEBHOOK_STATUS_RECEIVED, new StatusCallbackReceived(id, body).toJson());
          }
          vertx.eventBus().publish(Addresses.WEBHOOK_CALLBACKS_RECORDED, CallbacksRecorded.INSTANCE.toJson());
        })
        .onFailure(ctx::fail);
  }

  /** The configured device the callback names, as normalised digits (the sandbox by its name). */
  private String device(JsonObject body) {
    String raw = Payloads.text(body, "device");
    if (raw == null) {
      throw ApiError.invalidField("device", "'device' is required.");
    }
    String device = devices.contains(raw) ? raw : Phones.normalise(raw).orElse(raw);
    if (!devices.contains(device)) {
      throw ApiError.invalidField("device", "'device' is not a configured WhatsApp device.");
    }
    return device;
  }

  private static void validate(String kind, JsonObject body) {
    switch (kind) {
      case "status" -> {
        if (Payloads.text(body, "id") == null && Payloads.text(body, "stateid") == null) {
          throw ApiError.invalidField("id", "A status callback needs 'id' or 'stateid'.");
        }
      }
      case "device" -> {
        String status = Payloads.text(body, "status");
        if (!"connect".equalsIgnoreCase(status) && !"disconnect".equalsIgnoreCase(status)) {
          throw ApiError.invalidField("status", "'status' must be 'connect' or 'disconnect'.");
        }
      }
      default -> {
        if (Payloads.text(body, "sender") == null && Payloads.text(body, "pengirim") == null) {
          throw ApiError.invalidField("sender", "'sender' is required.");
        }
      }
    }
  }

  private static String truncated(RoutingContext ctx) {
    String raw = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
    return raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
  }
}
