package id.aglis.hub.alert.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The rules every hub starts with (enabled, paging the {@code noc} role on WhatsApp and the dashboard), added to
 * the rule table once: staff may edit, disable or delete them like any other. The README explains each threshold.
 */
public final class BuiltInRules {

  private BuiltInRules() {
  }

  public static final String NODE_DOWN = "node-down";
  public static final String DEVICE_DOWN = "wa-device-down";
  public static final String DELIVERY_FAILURES = "wa-delivery-failures";

  public static List<AlertRule> all() {
    return List.of(
        rule(DEVICE_DOWN, "Perangkat WhatsApp terputus atau dijeda",
            "A device that cannot send (disconnected, bad token, quota used up) or that was paused: its messages wait.",
            "aglis_wa_device_available", "last", 0, "min", List.of("device"), "<", 1, 0, 60, "critical",
            "Perangkat {{device}} tidak dapat mengirim")
            .put("inhibits", new JsonObject().put("rules", new JsonArray().add(DELIVERY_FAILURES)).put("equal", new JsonArray().add("device"))),
        rule(DELIVERY_FAILURES, "Banyak pesan gagal terkirim",
            "More than a fifth of a device's delivery receipts in 15 minutes say 'failed' (from 20 receipts up).",
            "aglis_wa_receipts_total", "increase", 900, "sum", List.of("device"), ">", 0.2, 300, 300, "warning",
            "{{value}} dari laporan kirim perangkat {{device}} gagal")
            .put("filters", new JsonObject().put("status", "failed"))
            .put("ratioTo", new JsonObject().put("metric", "aglis_wa_receipts_total").put("minimum", 20)),
        rule("wa-queue-depth", "Antrean WhatsApp menumpuk",
            "More than 5,000 messages waiting for 5 minutes: sending is slower than what comes in.",
            "aglis_wa_queue_depth", "last", 0, "max", List.of(), ">", 5000, 300, 0, "warning", "{{value}} pesan menunggu di antrean"),
        rule("wa-queue-oldest", "Pesan terlama di antrean terlalu lama",
            "The oldest waiting message was made more than 30 minutes ago: the queue is stuck or paced too slowly.",
            "aglis_wa_queue_oldest_seconds", "last", 0, "max", List.of(), ">", 1800, 120, 0, "warning",
            "Pesan terlama sudah menunggu {{value}} detik"),
        rule("wa-dead-letters", "Pesan gagal total (dead letter)",
            "A message used up its attempts in the last 15 minutes: someone did not get it.",
            "aglis_wa_dead_letters_total", "increase", 900, "sum", List.of(), ">", 0, 0, 0, "warning",
            "{{value}} pesan gagal total dalam 15 menit"),
        rule("wa-unknown-sends", "Kiriman berstatus tidak pasti menumpuk",
            "Five or more sends in 30 minutes may or may not have reached Fonnte: check them before anything is resent.",
            "aglis_wa_sends_total", "increase", 1800, "sum", List.of(), ">=", 5, 0, 0, "warning",
            "{{value}} kiriman berstatus tidak pasti dalam 30 menit")
            .put("filters", new JsonObject().put("outcome", "unknown")),
        rule("wa-receipts-silent", "Laporan kirim dari Fonnte berhenti",
            "Fonnte accepted 20 or more messages in the last 30 minutes but almost no delivery receipt came back: the webhook may be down.",
            "aglis_wa_receipts_total", "increase", 1800, "sum", List.of(), "<", 0.05, 600, 0, "warning",
            "Hanya {{value}} laporan per pesan terkirim dalam 30 menit")
            .put("ratioTo", new JsonObject().put("metric", "aglis_wa_sends_total").put("filters", new JsonObject().put("outcome", "accepted"))
                .put("minimum", 20)),
        rule("ticket-sla-breached", "Tiket melewati SLA",
            "A ticket breached its first-response or resolution target in the last 15 minutes: a customer waits longer than promised.",
            "aglis_tickets_sla_breaches_total", "increase", 900, "sum", List.of(), ">", 0, 0, 0, "warning",
            "{{value}} tiket melewati SLA dalam 15 menit")
            .put("targets", new JsonObject().put("roles", new JsonArray().add("noc").add("supervisor"))
                .put("channels", new JsonArray().add("whatsapp").add("dashboard"))),
        rule(NODE_DOWN, "Node klaster hilang",
            "A node that reported in the last hour does not answer: it crashed or is cut off. Its own alerts are inhibited.",
            "aglis_node_up", "last", 0, "min", List.of("node"), "<", 1, 30, 0, "critical", "Node {{node}} tidak menjawab")
            .put("inhibits", new JsonObject().put("rules", new JsonArray().add("*")).put("equal", new JsonArray().add("node"))),
        rule("node-not-ready", "Node tidak siap (/ready gagal)",
            "A node's own /ready check fails for a minute: it cannot reach PostgreSQL, Redis or the cluster.",
            "aglis_node_ready", "last", 0, "min", List.of("node"), "<", 1, 60, 0, "critical", "/ready gagal di node {{node}}"),
        rule("event-loop-lag", "Event loop tersendat",
            "A node's event loops run tasks more than half a second late on average over 2 minutes: everything it serves is slow.",
            "aglis_event_loop_lag_seconds", "avg", 120, "max", List.of("node"), ">", 0.5, 120, 0, "warning",
            "Keterlambatan event loop {{value}} detik di node {{node}}"),
        rule("heap-high", "Memori heap hampir penuh",
            "A node's heap has been over 90 % full for 5 minutes: it will slow down in garbage collection, then fail.",
            "aglis_jvm_heap_used_ratio", "avg", 300, "max", List.of("node"), ">", 0.9, 300, 0, "warning",
            "Heap {{value}} terpakai di node {{node}}"))
        .stream().map(json -> AlertRule.parse(json, metric -> true, null)).toList();
  }

  private static JsonObject rule(String key, String name, String description, String metric, String function, int window, String across,
                                 List<String> groupBy, String comparator, double threshold, int forSeconds, int keepFiring,
                                 String severity, String summary) {
    JsonObject json = new JsonObject().put("key", key).put("name", name).put("description", description).put("metric", metric)
        .put("function", function).put("acrossNodes", across).put("groupBy", new JsonArray(groupBy)).put("comparator", comparator)
        .put("threshold", threshold).put("forSeconds", forSeconds).put("keepFiringForSeconds", keepFiring).put("severity", severity)
        .put("summary", summary).put("repeatMinutes", 60)
        .put("targets", new JsonObject().put("roles", new JsonArray().add("noc")).put("channels", new JsonArray().add("whatsapp").add("dashboard")));
    if (window > 0) {
      json.put("windowSeconds", window);
    }
    return json;
  }
}
