package id.aglis.hub.webhook;

import id.aglis.hub.platform.HubSettings;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Fonnte webhook ingress, wired: the edge mounts {@link #mount} on the root router and {@link #mountAdmin}
 * on the API; the node deploys {@link #verticle} on every node.
 */
public final class Webhooks {

  private final Vertx vertx;
  private final io.vertx.sqlclient.Pool pool;
  private final CallbackRepository callbacks;
  private final InboxRepository inbox;
  private final Set<String> devices;
  private final String secret;
  private final Map<String, String> deviceSecrets;
  private final Duration orphanTtl;
  private final AttachmentRules attachmentRules;

  public Webhooks(Vertx vertx, Pool pool, Set<String> devices, String secret, java.util.Map<String, String> deviceSecrets,
                  Duration orphanTtl, AttachmentRules attachmentRules) {
    this.attachmentRules = attachmentRules;
    this.deviceSecrets = Map.copyOf(deviceSecrets);
    this.vertx = vertx;
    this.pool = pool;
    this.callbacks = new CallbackRepository(pool);
    this.inbox = new InboxRepository(pool);
    this.devices = devices;
    this.secret = secret;
    this.orphanTtl = orphanTtl;
  }

  /**
   * {@code HUB_WEBHOOK_SECRET}, or (when unset) a random one made on first start and shared by every node,
   * shown to admins at {@code GET /api/v1/wa/webhooks}.
   */
  public static Future<String> secret(Pool pool, String configured) {
    if (configured != null) {
      return Future.succeededFuture(configured);
    }
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HubSettings.valueOrInit(pool, "webhook.secret", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  public void mount(Router root) {
    new WebhookRoutes(vertx, callbacks, devices, secret, deviceSecrets).mount(root);
  }

  /**
   * {@code GET /wa/webhooks} (admin): the three URLs to set on each device in Fonnte; {@code GET /wa/inbox}
   * (admin, supervisor, cs, noc): incoming messages, newest first, cursor-paginated.
   */
  public void mountAdmin(Router api) {
    api.get("/wa/inbox/:id/attachment").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC)).handler(ctx -> {
      long entryId = Requests.idParam(ctx, "id", "Attachment");
      Attachments.read(pool, entryId)
          .map(found -> found.orElseThrow(() -> ApiError.notFound("Attachment")))
          .onSuccess(row -> {
            if (row.getString("missed_reason") != null) {
              ctx.fail(ApiError.of(410, "attachment_missed", "The attachment was missed: " + row.getString("missed_reason")));
              return;
            }
            ctx.response().putHeader("Content-Type", row.getString("content_type")).putHeader("Cache-Control", "private, max-age=3600")
                .putHeader("Content-Disposition", "attachment").end(row.getBuffer("data"));
          })
          .onFailure(ctx::fail);
    });
    api.get("/wa/inbox").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC)).handler(ctx -> {
      long before = id.aglis.hub.web.Cursor.decode(id.aglis.hub.web.Requests.query(ctx, "cursor"));
      int limit = id.aglis.hub.web.Cursor.limit(id.aglis.hub.web.Requests.query(ctx, "limit"));
      String from = id.aglis.hub.web.Requests.query(ctx, "from");
      String sender = from == null ? null : id.aglis.hub.common.Phones.normalise(from)
          .orElseThrow(() -> id.aglis.hub.web.ApiError.invalidField("from", "'from' is not a valid phone number (e.g. 0812… or +62812…)."));
      inbox.page(before, limit + 1, sender)
          .onSuccess(rows -> Responses.page(ctx, rows, limit, row -> row.getLong("id"), row -> row))
          .onFailure(ctx::fail);
    });
    api.get("/wa/webhooks").handler(Access.staff(Role.ADMIN)).handler(ctx -> {
      String base = (ctx.request().isSSL() ? "https://" : "http://") + ctx.request().authority() + "/hooks/fonnte/" + secret;
      Responses.ok(ctx, new JsonObject().put("webhook", base + "/incoming").put("webhookstatus", base + "/status")
          .put("webhookconnect", base + "/device"));
    });
  }

  public WebhookVerticle verticle() {
    return new WebhookVerticle(pool, callbacks, inbox, orphanTtl, attachmentRules);
  }
}
