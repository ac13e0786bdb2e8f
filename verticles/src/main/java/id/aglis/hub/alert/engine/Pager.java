package id.aglis.hub.alert.engine;

import id.aglis.hub.alert.rules.AlertRule;
import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageReply;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.common.Times;
import id.aglis.hub.web.Role;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages staff on WhatsApp for a group of alerts of one rule: one {@code urgent} message per person from the
 * {@code alert.<kind>} template, through the dispatcher. Each message carries the code of the group's first
 * alert; "ACK &lt;code&gt;" from that phone acknowledges every alert of the page. The idempotency key makes a
 * page sent twice (an evaluator failing over mid-round) one message.
 */
public final class Pager {

  private static final Logger LOG = LoggerFactory.getLogger(Pager.class);
  private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("dd/MM HH:mm");
  private static final int MAX_LINES = 8;

  private final Vertx vertx;
  private final StaffDirectory staff;
  private final AlertRepository alerts;

  public Pager(Vertx vertx, StaffDirectory staff, AlertRepository alerts) {
    this.vertx = vertx;
    this.staff = staff;
    this.alerts = alerts;
  }

  /** Who was paged, for the timeline: {@code [{"staff","name","messageId"}]}, and who could not be (no phone). */
  record Paged(JsonArray pages, JsonArray skipped) {
  }

  Future<Paged> page(AlertRule rule, List<Alert> group, String kind, Set<Role> roles, Set<String> usernames, int round) {
    return staff.active(roles, usernames).compose(people -> {
      JsonArray pages = new JsonArray();
      JsonArray skipped = new JsonArray();
      List<Future<Void>> sends = new ArrayList<>();
      Alert first = group.get(0);
      for (StaffDirectory.Contact person : people) {
        if (person.phone() == null) {
          skipped.add(person.username());
          continue;
        }
        String key = "alert:" + first.id() + ":" + kind + ":" + round + ":" + person.id();
        EnqueueMessageRequest request = EnqueueMessageRequest.template(person.phone(), "alert." + kind, params(rule, group))
            .withPriority("urgent").withIdempotencyKey(key).requestedBy("alert:" + first.code());
        sends.add(vertx.eventBus().<JsonObject>request(Addresses.DISPATCH_MESSAGE_ENQUEUE, request.toJson(), new DeliveryOptions().setSendTimeout(10_000))
            .map(reply -> EnqueueMessageReply.fromJson(reply.body()))
            .compose(reply -> alerts.pageSent(first.code(), group.stream().map(Alert::id).toList(), person.id(), person.phone(), kind, reply.id())
                .map(v -> {
                  synchronized (pages) {
                    pages.add(new JsonObject().put("staff", person.username()).put("name", person.name()).put("messageId", reply.id().toString()));
                  }
                  return (Void) null;
                }))
            .recover(failed -> {
              LOG.warn("Alert {}: the page to {} could not be enqueued: {}", first.code(), person.username(), failed.getMessage());
              synchronized (skipped) {
                skipped.add(person.username());
              }
              return Future.succeededFuture();
            }));
      }
      return Future.join(sends).otherwiseEmpty().map(new Paged(pages, skipped));
    });
  }

  private static JsonObject params(AlertRule rule, List<Alert> group) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < Math.min(group.size(), MAX_LINES); i++) {
      Alert a = group.get(i);
      lines.add("• " + (a.summary() == null ? rule.name() : a.summary()));
    }
    if (group.size() > MAX_LINES) {
      lines.add("… dan " + (group.size() - MAX_LINES) + " lainnya");
    }
    OffsetDateTime since = group.get(0).firedAt() != null ? group.get(0).firedAt() : group.get(0).startedAt();
    return new JsonObject().put("severity", severityWord(rule.severity())).put("title", rule.name())
        .put("detail", String.join("\n", lines)).put("since", SINCE.format(since.atZoneSameInstant(Times.BUSINESS_ZONE)))
        .put("code", group.get(0).code());
  }

  static String severityWord(String severity) {
    return switch (severity) {
      case "critical" -> "KRITIS";
      case "warning" -> "PERINGATAN";
      default -> "INFO";
    };
  }
}
