package id.aglis.hub.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event-bus contract: every body record survives {@code fromJson(toJson(x))}, and a body as it travels on
 * the wire parses and re-encodes to the same JSON (same field names, types and explicit nulls).
 */
class BusContractTest {

  private static final OffsetDateTime WIB_ON_THE_MINUTE = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(7));
  private static final OffsetDateTime UTC_WITH_MICROS = OffsetDateTime.of(2026, 3, 1, 1, 2, 3, 456_789_000, ZoneOffset.UTC);
  private static final UUID MESSAGE = UUID.fromString("0195f0a2-7c3e-7b41-9a55-3f1c2d4e5a6b");
  private static final UUID BATCH = UUID.fromString("0195f0a2-0000-7000-8000-000000000001");

  /** One body of one address: a record, and the same body as JSON on the wire (null for a bodiless signal). */
  record Body<T>(String address, String name, T record, String wire, Function<T, JsonObject> toJson,
                 Function<JsonObject, T> fromJson) {

    @Override
    public String toString() {
      return address + " " + name;
    }
  }

  static Stream<Body<?>> bodies() {
    return Stream.of(
        new Body<>(Addresses.SYSTEM_NODE_STARTED, "NodeStarted", new NodeStarted("node-a", true, WIB_ON_THE_MINUTE),
            """
            {"nodeId":"node-a","clustered":true,"startedAt":"2026-03-01T08:00:00+07:00"}""",
            NodeStarted::toJson, NodeStarted::fromJson),
        new Body<>(Addresses.SYSTEM_NODE_STOPPING, "NodeStopping", new NodeStopping("node-a"),
            """
            {"nodeId":"node-a"}""",
            NodeStopping::toJson, NodeStopping::fromJson),
        new Body<>(Addresses.AUDIT_ENTRY_RECORDED, "AuditEntryRecorded",
            new AuditEntryRecorded(42, UTC_WITH_MICROS, "staff", 7L, "admin", "staff.created", "staff", "12", "10.0.0.9",
                new JsonObject().put("username", "audited").put("passwordChanged", true)),
            """
            {"id":42,"at":"2026-03-01T01:02:03.456789Z","actorKind":"staff","actorId":7,"actorName":"admin",
             "action":"staff.created","targetKind":"staff","targetId":"12","ip":"10.0.0.9",
             "detail":{"username":"audited","passwordChanged":true}}""",
            AuditEntryRecorded::toJson, AuditEntryRecorded::fromJson),
        new Body<>(Addresses.AUDIT_ENTRY_RECORDED, "AuditEntryRecorded (anonymous)",
            new AuditEntryRecorded(43, WIB_ON_THE_MINUTE, "anonymous", null, null, "auth.login.failed", null, null, "10.0.0.9",
                new JsonObject()),
            """
            {"id":43,"at":"2026-03-01T08:00:00+07:00","actorKind":"anonymous","actorId":null,"actorName":null,
             "action":"auth.login.failed","targetKind":null,"targetId":null,"ip":"10.0.0.9","detail":{}}""",
            AuditEntryRecorded::toJson, AuditEntryRecorded::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_ENQUEUE, "EnqueueMessageRequest (template, as keyword replies send it)",
            EnqueueMessageRequest.template("6281234567890", "reply.info", new JsonObject().put("nama", "Budi"))
                .withPriority("high").withDevice("6281111111111").withIdempotencyKey("reply:17").requestedBy("keyword-replies"),
            """
            {"to":"6281234567890","template":"reply.info","params":{"nama":"Budi"},"priority":"high",
             "device":"6281111111111","idempotencyKey":"reply:17","requestedBy":"keyword-replies"}""",
            EnqueueMessageRequest::toJson, EnqueueMessageRequest::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_ENQUEUE, "EnqueueMessageRequest (text, scheduled)",
            EnqueueMessageRequest.text("6281234567890", "Tiket #123 sudah selesai.").withNotBefore(WIB_ON_THE_MINUTE),
            """
            {"to":"6281234567890","text":"Tiket #123 sudah selesai.","notBefore":"2026-03-01T08:00:00+07:00"}""",
            EnqueueMessageRequest::toJson, EnqueueMessageRequest::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_ENQUEUE, "EnqueueMessageReply", new EnqueueMessageReply(MESSAGE, "queued", true),
            """
            {"id":"0195f0a2-7c3e-7b41-9a55-3f1c2d4e5a6b","status":"queued","created":true}""",
            EnqueueMessageReply::toJson, EnqueueMessageReply::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_STATUS, "MessageStatusChanged",
            new MessageStatusChanged(MESSAGE, "sent", "6281234567890", "normal", "6281111111111", BATCH, 1,
                List.of("1770000000000000"), null, UTC_WITH_MICROS),
            """
            {"id":"0195f0a2-7c3e-7b41-9a55-3f1c2d4e5a6b","status":"sent","to":"6281234567890","priority":"normal",
             "device":"6281111111111","batchId":"0195f0a2-0000-7000-8000-000000000001","attempts":1,
             "providerIds":["1770000000000000"],"lastError":null,"at":"2026-03-01T01:02:03.456789Z"}""",
            MessageStatusChanged::toJson, MessageStatusChanged::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_STATUS, "MessageStatusChanged (queued, outside a batch)",
            new MessageStatusChanged(MESSAGE, "queued", "6281234567890", "low", null, null, 0, List.of(), null, WIB_ON_THE_MINUTE),
            """
            {"id":"0195f0a2-7c3e-7b41-9a55-3f1c2d4e5a6b","status":"queued","to":"6281234567890","priority":"low",
             "device":null,"batchId":null,"attempts":0,"providerIds":[],"lastError":null,"at":"2026-03-01T08:00:00+07:00"}""",
            MessageStatusChanged::toJson, MessageStatusChanged::fromJson),
        new Body<>(Addresses.DISPATCH_DEVICE_CHANGED, "DevicePauseChanged",
            new DevicePauseChanged("6281111111111", true, "disconnected: logout", WIB_ON_THE_MINUTE),
            """
            {"device":"6281111111111","paused":true,"reason":"disconnected: logout","at":"2026-03-01T08:00:00+07:00"}""",
            DevicePauseChanged::toJson, DevicePauseChanged::fromJson),
        new Body<>(Addresses.DISPATCH_QUEUE_NUDGE, "QueueNudge", QueueNudge.INSTANCE, null, QueueNudge::toJson, QueueNudge::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_RECEIPT, "DeliveryReceiptRequest",
            new DeliveryReceiptRequest("6281111111111", "1770000000000000", "3EB0ABC", "sent", "delivered", UTC_WITH_MICROS),
            """
            {"device":"6281111111111","providerId":"1770000000000000","stateId":"3EB0ABC","status":"sent",
             "state":"delivered","receivedAt":"2026-03-01T01:02:03.456789Z"}""",
            DeliveryReceiptRequest::toJson, DeliveryReceiptRequest::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_RECEIPT, "DeliveryReceiptRequest (state id only)",
            new DeliveryReceiptRequest("6281111111111", null, "3EB0ABC", null, "read", WIB_ON_THE_MINUTE),
            """
            {"device":"6281111111111","providerId":null,"stateId":"3EB0ABC","status":null,"state":"read",
             "receivedAt":"2026-03-01T08:00:00+07:00"}""",
            DeliveryReceiptRequest::toJson, DeliveryReceiptRequest::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_RECEIPT, "DeliveryReceiptReply (applied)",
            DeliveryReceiptReply.applied(MESSAGE, "delivered"),
            """
            {"applied":true,"messageId":"0195f0a2-7c3e-7b41-9a55-3f1c2d4e5a6b","messageStatus":"delivered"}""",
            DeliveryReceiptReply::toJson, DeliveryReceiptReply::fromJson),
        new Body<>(Addresses.DISPATCH_MESSAGE_RECEIPT, "DeliveryReceiptReply (not applied)", DeliveryReceiptReply.notApplied(),
            """
            {"applied":false}""",
            DeliveryReceiptReply::toJson, DeliveryReceiptReply::fromJson),
        new Body<>(Addresses.DISPATCH_DEVICE_CONNECTION, "DeviceConnectionRequest",
            new DeviceConnectionRequest("6281111111111", false, "logout"),
            """
            {"device":"6281111111111","connected":false,"reason":"logout"}""",
            DeviceConnectionRequest::toJson, DeviceConnectionRequest::fromJson),
        new Body<>(Addresses.DISPATCH_DEVICE_CONNECTION, "DeviceConnectionReply", new DeviceConnectionReply("6281111111111", true),
            """
            {"device":"6281111111111","paused":true}""",
            DeviceConnectionReply::toJson, DeviceConnectionReply::fromJson),
        new Body<>(Addresses.WEBHOOK_STATUS_RECEIVED, "StatusCallbackReceived",
            new StatusCallbackReceived(9001, new JsonObject().put("device", "6281111111111").put("id", "1770000000000000")
                .put("stateid", "3EB0ABC").put("status", "sent").put("state", "delivered")),
            """
            {"device":"6281111111111","id":"1770000000000000","stateid":"3EB0ABC","status":"sent","state":"delivered",
             "callbackId":9001}""",
            StatusCallbackReceived::toJson, StatusCallbackReceived::fromJson),
        new Body<>(Addresses.WEBHOOK_DEVICE_CHANGED, "DeviceConnectionChanged",
            new DeviceConnectionChanged("6281111111111", false, null, WIB_ON_THE_MINUTE),
            """
            {"device":"6281111111111","status":"disconnect","reason":null,"at":"2026-03-01T08:00:00+07:00"}""",
            DeviceConnectionChanged::toJson, DeviceConnectionChanged::fromJson),
        new Body<>(Addresses.WEBHOOK_CALLBACKS_RECORDED, "CallbacksRecorded", CallbacksRecorded.INSTANCE, null,
            CallbacksRecorded::toJson, CallbacksRecorded::fromJson),
        new Body<>(Addresses.WEBHOOK_CALLBACKS_APPLIED, "CallbacksApplied (receipts, one waiting for its message)",
            new CallbacksApplied("status", List.of(9001L, 9003L), List.of(9002L)),
            """
            {"kind":"status","done":[9001,9003],"waiting":[9002]}""",
            CallbacksApplied::toJson, CallbacksApplied::fromJson),
        new Body<>(Addresses.WEBHOOK_CALLBACKS_APPLIED, "CallbacksApplied (incoming, ids past an int)",
            new CallbacksApplied("incoming", List.of(3_000_000_000L), List.of()),
            """
            {"kind":"incoming","done":[3000000000],"waiting":[]}""",
            CallbacksApplied::toJson, CallbacksApplied::fromJson),
        new Body<>(Addresses.IDENTITY_CUSTOMER_BY_PHONE, "CustomerByPhoneRequest", new CustomerByPhoneRequest("0812-3456-7890"),
            """
            {"phone":"0812-3456-7890"}""",
            CustomerByPhoneRequest::toJson, CustomerByPhoneRequest::fromJson),
        new Body<>(Addresses.IDENTITY_CUSTOMER_BY_PHONE, "CustomerByPhoneReply (found)",
            CustomerByPhoneReply.found(5, "C-0005", "Budi Santoso", null, "active"),
            """
            {"found":true,"id":5,"customerNo":"C-0005","name":"Budi Santoso","plan":null,"status":"active"}""",
            CustomerByPhoneReply::toJson, CustomerByPhoneReply::fromJson),
        new Body<>(Addresses.IDENTITY_CUSTOMER_BY_PHONE, "CustomerByPhoneReply (not found)", CustomerByPhoneReply.notFound(),
            """
            {"found":false}""",
            CustomerByPhoneReply::toJson, CustomerByPhoneReply::fromJson),
        new Body<>(Addresses.WEBHOOK_MESSAGE_RECEIVED, "IncomingMessageReceived (from a customer, with a file)",
            new IncomingMessageReceived(77, "6281111111111", "6281234567890", "Budi", "INFO", null, null,
                new IncomingMessageReceived.Attachment("https://files.example/abc.jpg", "abc.jpg", "jpg"), "inbox-1",
                WIB_ON_THE_MINUTE, UTC_WITH_MICROS, new IncomingMessageReceived.Customer(5, "C-0005", "Budi Santoso")),
            """
            {"id":77,"device":"6281111111111","from":"6281234567890","name":"Budi","text":"INFO","groupMember":null,
             "location":null,"attachment":{"url":"https://files.example/abc.jpg","filename":"abc.jpg","extension":"jpg"},
             "inboxId":"inbox-1","sentAt":"2026-03-01T08:00:00+07:00","receivedAt":"2026-03-01T01:02:03.456789Z",
             "customer":{"id":5,"customerNo":"C-0005","name":"Budi Santoso"}}""",
            IncomingMessageReceived::toJson, IncomingMessageReceived::fromJson),
        new Body<>(Addresses.WEBHOOK_MESSAGE_RECEIVED, "IncomingMessageReceived (unknown sender, no timestamp)",
            new IncomingMessageReceived(78, "6281111111111", "6289999999999", null, "halo", null, null, null, null, null,
                WIB_ON_THE_MINUTE, null),
            """
            {"id":78,"device":"6281111111111","from":"6289999999999","name":null,"text":"halo","groupMember":null,
             "location":null,"attachment":null,"inboxId":null,"sentAt":null,"receivedAt":"2026-03-01T08:00:00+07:00",
             "customer":null}""",
            IncomingMessageReceived::toJson, IncomingMessageReceived::fromJson),
        new Body<>(Addresses.WEBHOOK_ATTACHMENT_STORED, "AttachmentStored (stored)",
            AttachmentStored.stored(77, "image/jpeg", 48_213, UTC_WITH_MICROS),
            """
            {"entryId":77,"status":"stored","contentType":"image/jpeg","size":48213,"missedReason":null,
             "at":"2026-03-01T01:02:03.456789Z"}""",
            AttachmentStored::toJson, AttachmentStored::fromJson),
        new Body<>(Addresses.WEBHOOK_ATTACHMENT_STORED, "AttachmentStored (missed)",
            AttachmentStored.missed(78, "not a public address", WIB_ON_THE_MINUTE),
            """
            {"entryId":78,"status":"missed","contentType":null,"size":null,"missedReason":"not a public address",
             "at":"2026-03-01T08:00:00+07:00"}""",
            AttachmentStored::toJson, AttachmentStored::fromJson),
        new Body<>(Addresses.DISPATCH_RECIPIENT_OPT_OUT, "RecipientOptOutRequest", new RecipientOptOutRequest("6281234567890", true, "STOP"),
            """
            {"phone":"6281234567890","optedOut":true,"via":"STOP"}""",
            RecipientOptOutRequest::toJson, RecipientOptOutRequest::fromJson),
        new Body<>(Addresses.DISPATCH_RECIPIENT_OPT_OUT, "RecipientOptOutReply", new RecipientOptOutReply("6281234567890", false),
            """
            {"phone":"6281234567890","optedOut":false}""",
            RecipientOptOutReply::toJson, RecipientOptOutReply::fromJson),
        new Body<>(Addresses.DISPATCH_RECIPIENT_OPT_OUT_STATE, "RecipientOptOutStateRequest", new RecipientOptOutStateRequest("6281234567890"),
            """
            {"phone":"6281234567890"}""",
            RecipientOptOutStateRequest::toJson, RecipientOptOutStateRequest::fromJson),
        new Body<>(Addresses.IDENTITY_SESSION_ENDED, "SessionEnded", SessionEnded.of("a-session-id"),
            """
            {"sessionDigest":"%s"}""".formatted(SessionEnded.digest("a-session-id")),
            SessionEnded::toJson, SessionEnded::fromJson),
        new Body<>(Addresses.LIVE_FRAMES, "LiveFrame", new LiveFrame("ui.wa", "e9", 1, WIB_ON_THE_MINUTE, new JsonObject(), new JsonObject()),
            """
            {"stream":"ui.wa","epoch":"e9","seq":1,"at":"2026-03-01T08:00:00+07:00","data":{},"totals":{}}""",
            LiveFrame::toJson, LiveFrame::fromJson),
        new Body<>(Addresses.UI_OPS, "LiveFrame (no totals)", new LiveFrame("ui.ops", "e1", 3, UTC_WITH_MICROS,
            new JsonObject().put("node", new JsonObject().put("nodeId", "node-a").put("state", "up")), new JsonObject()),
            """
            {"stream":"ui.ops","epoch":"e1","seq":3,"at":"2026-03-01T01:02:03.456789Z",
             "data":{"node":{"nodeId":"node-a","state":"up"}},"totals":{}}""",
            LiveFrame::toJson, LiveFrame::fromJson),
        new Body<>(Addresses.UI_WA, "LiveFrame (with totals)", new LiveFrame("ui.wa", "e2", 41, WIB_ON_THE_MINUTE,
            new JsonObject().put("counts", new JsonObject().put("sent", 2)), new JsonObject().put("sent", 120).put("read", 80)),
            """
            {"stream":"ui.wa","epoch":"e2","seq":41,"at":"2026-03-01T08:00:00+07:00","data":{"counts":{"sent":2}},
             "totals":{"sent":120,"read":80}}""",
            LiveFrame::toJson, LiveFrame::fromJson),
        new Body<>(Addresses.UI_METRICS, "LiveFrame (a node's sample)", new LiveFrame("ui.metrics", "e3", 7, WIB_ON_THE_MINUTE,
            new JsonObject().put("nodeId", "node-a").put("heapUsedBytes", 1024), new JsonObject()),
            """
            {"stream":"ui.metrics","epoch":"e3","seq":7,"at":"2026-03-01T08:00:00+07:00",
             "data":{"nodeId":"node-a","heapUsedBytes":1024},"totals":{}}""",
            LiveFrame::toJson, LiveFrame::fromJson),
        new Body<>(Addresses.ALERT_METRICS_QUERY, "MetricsQuery", new MetricsQuery(List.of(new MetricQuery("aglis_wa_sends_total",
                Map.of("outcome", "failed"), MetricQuery.Function.RATE, 300, List.of("device")))),
            """
            {"queries":[{"metric":"aglis_wa_sends_total","filters":{"outcome":"failed"},"function":"rate","windowSeconds":300,
             "groupBy":["device"]}]}""",
            MetricsQuery::toJson, MetricsQuery::fromJson),
        new Body<>(Addresses.ALERT_METRICS_QUERY, "MetricsAnswer", new MetricsAnswer("node-a", List.of(new MetricsAnswer.Answer(true,
                List.of(new MetricsAnswer.Group(Map.of("device", "6281200000001"), 0.25))))),
            """
            {"nodeId":"node-a","answers":[{"known":true,"groups":[{"labels":{"device":"6281200000001"},"value":0.25}]}]}""",
            MetricsAnswer::toJson, MetricsAnswer::fromJson),
        new Body<>(Addresses.ALERT_STATE_CHANGED, "AlertStateChanged", new AlertStateChanged(7, "K97QB", "wa-device-down",
                "Perangkat WhatsApp terputus atau dijeda", "critical", "firing", "notified", Map.of("device", "6281200000001"), 0.0,
                "Perangkat 6281200000001 tidak dapat mengirim", false, false, WIB_ON_THE_MINUTE, WIB_ON_THE_MINUTE, null, null, null,
                WIB_ON_THE_MINUTE),
            """
            {"id":7,"code":"K97QB","ruleKey":"wa-device-down","ruleName":"Perangkat WhatsApp terputus atau dijeda","severity":"critical",
             "state":"firing","change":"notified","labels":{"device":"6281200000001"},"value":0.0,
             "summary":"Perangkat 6281200000001 tidak dapat mengirim","silenced":false,"inhibited":false,
             "startedAt":"2026-03-01T08:00:00+07:00","firedAt":"2026-03-01T08:00:00+07:00","resolvedAt":null,"ackedAt":null,"ackedBy":null,
             "at":"2026-03-01T08:00:00+07:00"}""",
            AlertStateChanged::toJson, AlertStateChanged::fromJson),
        new Body<>(Addresses.TICKET_CHANGED, "TicketChanged", new TicketChanged(42, "TK-2026-000042", 7, "replied", true,
                new JsonObject().put("id", 42).put("status", "in_progress")),
            """
            {"id":42,"number":"TK-2026-000042","customerId":7,"event":"replied","customerVisible":true,
             "ticket":{"id":42,"status":"in_progress"}}""",
            TicketChanged::toJson, TicketChanged::fromJson),
        new Body<>(Addresses.TICKET_HOLIDAYS_CHANGED, "HolidaysChanged", new HolidaysChanged(), "{}",
            HolidaysChanged::toJson, HolidaysChanged::fromJson),
        new Body<>(Addresses.UI_CUSTOMER_PREFIX, "CustomerNote (ticket)", CustomerNote.ticket(42, "TK-2026-000042", "in_progress", "replied"),
            """
            {"type":"ticket","id":42,"number":"TK-2026-000042","status":"in_progress","stage":null,"event":"replied"}""",
            CustomerNote::toJson, CustomerNote::fromJson),
        new Body<>(Addresses.UI_CUSTOMER_PREFIX, "CustomerNote (payment)", CustomerNote.payment(9, "INV-2026-11-0001", "paid"),
            """
            {"type":"payment","id":9,"number":"INV-2026-11-0001","status":"paid","stage":null,"event":"recorded"}""",
            CustomerNote::toJson, CustomerNote::fromJson),
        new Body<>(Addresses.UI_CUSTOMER_PREFIX, "CustomerNote (invoice)", CustomerNote.invoice(8, "INV-2026-11-0001", "unpaid", "created"),
            """
            {"type":"invoice","id":8,"number":"INV-2026-11-0001","status":"unpaid","stage":null,"event":"created"}""",
            CustomerNote::toJson, CustomerNote::fromJson),
        new Body<>(Addresses.UI_TICKETS, "LiveFrame (ticket changes)", new LiveFrame("ui.tickets", "e5", 3, WIB_ON_THE_MINUTE,
            new JsonObject().put("changes", new io.vertx.core.json.JsonArray()), new JsonObject().put("opened", 1)),
            """
            {"stream":"ui.tickets","epoch":"e5","seq":3,"at":"2026-03-01T08:00:00+07:00","data":{"changes":[]},"totals":{"opened":1}}""",
            LiveFrame::toJson, LiveFrame::fromJson),
        new Body<>(Addresses.UI_ALERTS, "LiveFrame (alert changes)", new LiveFrame("ui.alerts", "e4", 2, WIB_ON_THE_MINUTE,
            new JsonObject().put("changes", new io.vertx.core.json.JsonArray()), new JsonObject().put("fired", 1)),
            """
            {"stream":"ui.alerts","epoch":"e4","seq":2,"at":"2026-03-01T08:00:00+07:00","data":{"changes":[]},"totals":{"fired":1}}""",
            LiveFrame::toJson, LiveFrame::fromJson),
        new Body<>(Addresses.INSTALLATION_CHANGED, "InstallationChanged", new InstallationChanged(new JsonObject().put("id", 5)
                .put("number", "IN-2026-000005").put("customer", new JsonObject().put("id", 7).put("customerNo", "AGL-000007")
                    .put("name", "Siti Rahma")).put("stage", "cabling").put("technician", null), "stage", WIB_ON_THE_MINUTE),
            """
            {"installation":{"id":5,"number":"IN-2026-000005","customer":{"id":7,"customerNo":"AGL-000007","name":"Siti Rahma"},
             "stage":"cabling","technician":null},"change":"stage","at":"2026-03-01T08:00:00+07:00"}""",
            InstallationChanged::toJson, InstallationChanged::fromJson),
        new Body<>(Addresses.INSTALLATION_CUSTOMER_SUMMARY, "InstallationSummaryRequest", new InstallationSummaryRequest(7L),
            """
            {"customerId":7}""",
            InstallationSummaryRequest::toJson, InstallationSummaryRequest::fromJson),
        new Body<>(Addresses.INSTALLATION_CUSTOMER_SUMMARY, "InstallationSummaryReply", new InstallationSummaryReply(List.of(
                new InstallationSummaryReply.Item(5, "IN-2026-000005", "cabling", WIB_ON_THE_MINUTE, "Agus Prasetyo"),
                new InstallationSummaryReply.Item(9, "IN-2026-000009", "scheduled", UTC_WITH_MICROS, null))),
            """
            {"installations":[{"id":5,"number":"IN-2026-000005","stage":"cabling","scheduledAt":"2026-03-01T08:00:00+07:00",
             "technician":"Agus Prasetyo"},{"id":9,"number":"IN-2026-000009","stage":"scheduled",
             "scheduledAt":"2026-03-01T01:02:03.456789Z","technician":null}]}""",
            InstallationSummaryReply::toJson, InstallationSummaryReply::fromJson),
        new Body<>(Addresses.INSTALLATION_CUSTOMER_SUMMARY, "InstallationSummaryReply (none)", new InstallationSummaryReply(List.of()),
            """
            {"installations":[]}""",
            InstallationSummaryReply::toJson, InstallationSummaryReply::fromJson),
        new Body<>(Addresses.UI_INSTALLATIONS, "LiveFrame (installation changes)", new LiveFrame("ui.installations", "e5", 3,
            WIB_ON_THE_MINUTE, new JsonObject().put("changes", new JsonArray()), new JsonObject().put("activated", 1)),
            """
            {"stream":"ui.installations","epoch":"e5","seq":3,"at":"2026-03-01T08:00:00+07:00","data":{"changes":[]},
             "totals":{"activated":1}}""",
            LiveFrame::toJson, LiveFrame::fromJson));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  @DisplayName("fromJson(toJson(x)) is x")
  <T> void roundTrip(Body<T> body) {
    assertThat(body.fromJson().apply(body.toJson().apply(body.record()))).isEqualTo(body.record());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  @DisplayName("the body as it travels on the wire parses to the record and re-encodes to the same JSON")
  <T> void wire(Body<T> body) {
    JsonObject wire = body.wire() == null ? null : new JsonObject(body.wire());
    T parsed = body.fromJson().apply(wire);
    assertThat(parsed).isEqualTo(body.record());
    assertThat(body.toJson().apply(parsed)).isEqualTo(wire);
    if (wire != null) {
      // Field names and explicit nulls as well as values: a consumer testing containsKey sees the same body.
      assertThat(body.toJson().apply(parsed).fieldNames()).containsExactlyInAnyOrderElementsOf(wire.fieldNames());
    }
  }

  @Test
  @DisplayName("every address in Addresses has at least one body here, so a new address cannot come without its record")
  void everyAddressIsCovered() {
    List<String> addresses = Arrays.stream(Addresses.class.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(BusContractTest::value).toList();
    assertThat(bodies().map(Body::address).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(addresses);
  }

  @Test
  @DisplayName("times always carry seconds and offset; a time without seconds (OffsetDateTime.toString) still parses")
  void timesCarrySeconds() {
    JsonObject json = new NodeStarted("node-a", false, WIB_ON_THE_MINUTE).toJson();
    assertThat(json.getString("startedAt")).isEqualTo("2026-03-01T08:00:00+07:00").isNotEqualTo(WIB_ON_THE_MINUTE.toString());
    NodeStarted older = NodeStarted.fromJson(json.copy().put("startedAt", WIB_ON_THE_MINUTE.toString()));
    assertThat(older.startedAt()).isEqualTo(WIB_ON_THE_MINUTE);
  }

  @Test
  @DisplayName("an enqueue's notBefore without an offset is Jakarta time, as the API reads it")
  void notBeforeWithoutOffsetIsJakartaTime() {
    EnqueueMessageRequest request = EnqueueMessageRequest.fromJson(new JsonObject().put("to", "6281234567890").put("text", "x")
        .put("notBefore", "2026-03-01T08:00:00"));
    assertThat(request.notBefore()).isEqualTo(WIB_ON_THE_MINUTE);
  }

  @Test
  @DisplayName("a status event's provider ids are its own copy: changing the sender's list later changes nothing")
  void providerIdsAreCopied() {
    List<String> ids = new java.util.ArrayList<>(List.of("a"));
    MessageStatusChanged event = new MessageStatusChanged(MESSAGE, "sent", "62812", "normal", "d", null, 1, ids, null,
        WIB_ON_THE_MINUTE);
    ids.add("b");
    assertThat(event.providerIds()).containsExactly("a");
    assertThat(event.toJson().getJsonArray("providerIds")).isEqualTo(new JsonArray().add("a"));
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
