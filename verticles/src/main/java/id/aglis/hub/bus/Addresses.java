package id.aglis.hub.bus;

/**
 * Every event-bus address the hub uses: the contract between verticles and nodes, in one place.
 *
 * <p>Names are lower-case {@code <area>.<entity>.<verb|event>}; bodies are camelCase JSON. Addresses that a
 * browser may see through the SockJS bridge start with {@code ui.}, and only those.
 *
 * <p>Each body has a record in this package ({@code @see} on its constant) with {@code toJson()} and
 * {@code fromJson(JsonObject)}: senders and receivers build and read bodies only through those, so the JSON
 * described here and the code cannot drift apart. Times are ISO-8601 with seconds and offset.
 */
public final class Addresses {

  private Addresses() {
  }

  /**
   * Publish. A node finished starting. Body: {@code {"nodeId","clustered","startedAt"}}.
   * Live dashboards and the cluster tests listen for it.
   *
   * @see NodeStarted
   */
  public static final String SYSTEM_NODE_STARTED = "system.node.started";

  /**
   * Publish. A node began a graceful shutdown. Body: {@code {"nodeId"}}.
   *
   * @see NodeStopping
   */
  public static final String SYSTEM_NODE_STOPPING = "system.node.stopping";

  /**
   * Publish. An administrative change or security event was written to the audit log.
   * Body: the audit entry as {@code GET /api/v1/audit} shows it ({@code {"id","at","actorKind","actorId","actorName","action",
   * "targetKind","targetId","ip","detail"}}).
   *
   * @see AuditEntryRecorded
   */
  public static final String AUDIT_ENTRY_RECORDED = "audit.entry.recorded";

  /**
   * Request/reply. Enqueue a WhatsApp message. Body: the same JSON as {@code POST /api/v1/messages}
   * ({@code {"to","text"}} or {@code {"to","template","params"}}, optional {@code priority},
   * {@code idempotencyKey}, {@code notBefore}, {@code device}), plus optional {@code requestedBy}.
   * Reply: {@code {"id","status","created"}} once the message is committed in PostgreSQL. Failures:
   * {@link BusErrors#BAD_REQUEST} naming the field.
   *
   * @see EnqueueMessageRequest
   * @see EnqueueMessageReply
   */
  public static final String DISPATCH_MESSAGE_ENQUEUE = "dispatch.message.enqueue";

  /**
   * Publish. A message changed status. Body: {@code {"id","status","to","priority","device","batchId",
   * "attempts","providerIds","lastError","at"}}.
   *
   * @see MessageStatusChanged
   */
  public static final String DISPATCH_MESSAGE_STATUS = "dispatch.message.status";

  /**
   * Publish. A WhatsApp device was paused or resumed. Body: {@code {"device","paused","reason","at"}}.
   * Alerting pages someone when a device is paused for a device-level failure.
   *
   * @see DevicePauseChanged
   */
  public static final String DISPATCH_DEVICE_CHANGED = "dispatch.device.changed";

  /**
   * Publish, internal to the dispatcher. New work is queued: idle device workers on every node look again.
   * No body.
   *
   * @see QueueNudge
   */
  public static final String DISPATCH_QUEUE_NUDGE = "dispatch.queue.nudge";

  /**
   * Request/reply, from the webhook ingress to the dispatcher. A delivery receipt for a message.
   * Body: {@code {"device","providerId"?,"stateId"?,"status"?,"state"?,"receivedAt"?}} (at least one id;
   * {@code receivedAt} ISO-8601, when the ingress recorded it, default now). Ids are matched per device, against
   * messages sent within {@code Receipts.WINDOW} before {@code receivedAt}. Reply:
   * {@code {"applied":true,"messageId","messageStatus"}}, or {@code {"applied":false}} when no message is
   * known yet for those ids (the receipt arrived before the send reply stored them; the ingress keeps it).
   * {@code messageStatus} is the message's status after the receipt (unchanged when it moved it nowhere).
   *
   * @see DeliveryReceiptRequest
   * @see DeliveryReceiptReply
   */
  public static final String DISPATCH_MESSAGE_RECEIPT = "dispatch.message.receipt";

  /**
   * Request/reply, from the webhook ingress to the dispatcher. A device connected or disconnected.
   * Body: {@code {"device","connected","reason"?}}. Reply: {@code {"device","paused"}}.
   *
   * @see DeviceConnectionRequest
   * @see DeviceConnectionReply
   */
  public static final String DISPATCH_DEVICE_CONNECTION = "dispatch.device.connection";

  /**
   * Publish. A status callback was recorded. Body: the callback as Fonnte sent it, plus {@code "callbackId"}.
   *
   * @see StatusCallbackReceived
   */
  public static final String WEBHOOK_STATUS_RECEIVED = "webhook.status.received";

  /**
   * Publish. A device connected or disconnected. Body: {@code {"device","status","reason","at"}}, {@code status}
   * being {@code connect} or {@code disconnect}.
   *
   * @see DeviceConnectionChanged
   */
  public static final String WEBHOOK_DEVICE_CHANGED = "webhook.device.changed";

  /**
   * Publish, internal to the webhook ingress: callbacks were recorded, apply them now. No body.
   *
   * @see CallbacksRecorded
   */
  public static final String WEBHOOK_CALLBACKS_RECORDED = "webhook.callbacks.recorded";

  /**
   * Publish, local to the node that applied them. A page of recorded callbacks of one kind was applied and the
   * outcome of each stored. Body: {@code {"kind","done":[callbackId…],"waiting":[callbackId…]}}, {@code waiting}
   * naming receipts kept for a later round because their message is not known yet. Tests wait for it; the live
   * console can count from it.
   *
   * @see CallbacksApplied
   */
  public static final String WEBHOOK_CALLBACKS_APPLIED = "webhook.callbacks.applied";

  /**
   * Request/reply. The customer whose WhatsApp number this is. Body: {@code {"phone"}} (any spelling).
   * Reply: {@code {"found":true,"id","customerNo","name","plan","status"}} or {@code {"found":false}}.
   *
   * @see CustomerByPhoneRequest
   * @see CustomerByPhoneReply
   */
  public static final String IDENTITY_CUSTOMER_BY_PHONE = "identity.customer.by-phone";

  /**
   * Publish. A customer (or anyone) wrote to one of the ISP's WhatsApp numbers. Body: the inbox entry
   * as {@code GET /api/v1/wa/inbox} shows it.
   *
   * @see IncomingMessageReceived
   */
  public static final String WEBHOOK_MESSAGE_RECEIVED = "webhook.message.received";

  /**
   * Publish. The file sent with an incoming message was stored, or recorded as missed. Body:
   * {@code {"entryId","status","contentType","size","missedReason","at"}}, {@code status} being {@code stored} or
   * {@code missed} as the inbox shows it.
   *
   * @see AttachmentStored
   */
  public static final String WEBHOOK_ATTACHMENT_STORED = "webhook.attachment.stored";

  /**
   * Request/reply. A recipient opts out of (or back into) promotional {@code low} messages.
   * Body: {@code {"phone","optedOut","via"}}. Reply: {@code {"phone","optedOut"}}.
   *
   * @see RecipientOptOutRequest
   * @see RecipientOptOutReply
   */
  public static final String DISPATCH_RECIPIENT_OPT_OUT = "dispatch.recipient.opt-out";

  /**
   * Request/reply. Whether a recipient has opted out of promotional {@code low} messages (the portal's preference).
   * Body: {@code {"phone"}}. Reply: {@code {"phone","optedOut"}}.
   *
   * @see RecipientOptOutStateRequest
   * @see RecipientOptOutReply
   */
  public static final String DISPATCH_RECIPIENT_OPT_OUT_STATE = "dispatch.recipient.opt-out.state";

  /**
   * Publish. A browser session was signed out: the bridge closes its sockets on every node.
   * Body: {@code {"sessionDigest"}}.
   *
   * @see SessionEnded
   */
  public static final String IDENTITY_SESSION_ENDED = "identity.session.ended";

  /**
   * Publish, cluster-wide: a numbered frame of a {@code ui.*} stream, from the node that produced it. Each node
   * has one consumer, which hands the frame to its own bridge sockets registered on {@code "stream"}.
   * Body: {@code {"stream","epoch","seq","at","data","totals"}}.
   *
   * @see LiveFrame
   */
  public static final String LIVE_FRAMES = "live.frames";

  /**
   * A browser-visible stream (registered through the bridge, never published on the bus itself): nodes joining,
   * leaving and their health. Every {@code ui.*}
   * body is a numbered frame {@code {"stream","epoch","seq","at","data","totals"}}; see {@code docs/live.md}.
   *
   * @see LiveFrame
   */
  public static final String UI_OPS = "ui.ops";

  /**
   * A browser-visible stream: WhatsApp dispatch, coalesced (status counts, the latest changes,
   * queue depth, batches and devices touched).
   *
   * @see LiveFrame
   */
  public static final String UI_WA = "ui.wa";

  /**
   * A browser-visible stream: each node's performance sample (requests, latency, event-loop
   * lag, memory, CPU, pools, sockets).
   *
   * @see LiveFrame
   */
  public static final String UI_METRICS = "ui.metrics";

  /**
   * Request/reply, to one node: the prefix of each node's own address ({@link #alertMetricsQuery}). The alert
   * evaluator asks every node, each round, for its values of the rules' metrics. Body: {@code {"queries":[
   * {"metric","filters","function","windowSeconds","groupBy"}]}}. Reply: {@code {"nodeId","answers":[{"known",
   * "groups":[{"labels","value"}]}]}}, in the order of the queries.
   *
   * @see MetricsQuery
   * @see MetricsAnswer
   */
  public static final String ALERT_METRICS_QUERY = "alert.metrics.query";

  /** One node's {@link #ALERT_METRICS_QUERY} address. */
  public static String alertMetricsQuery(String nodeId) {
    return ALERT_METRICS_QUERY + "." + nodeId;
  }

  /**
   * Publish (each node's local consumers see what that node changed). An alert changed state, was acknowledged,
   * paged or escalated. Body: the alert as {@code GET /api/v1/alerts/{id}} shows it, plus {@code "change","at"}.
   *
   * @see AlertStateChanged
   */
  public static final String ALERT_STATE_CHANGED = "alert.state.changed";

  /**
   * A browser-visible stream: alerts as they change, with the count firing (see {@code docs/alerts.md}).
   *
   * @see LiveFrame
   */
  public static final String UI_ALERTS = "ui.alerts";

  /**
   * Publish (each node's local consumers see what that node changed). A ticket was opened or changed, or its thread
   * grew. Body: the ticket as staff see it in {@code GET /api/v1/tickets}, with what happened.
   *
   * @see TicketChanged
   */
  public static final String TICKET_CHANGED = "ticket.changed";

  /**
   * Publish. The public holidays of the business calendar changed; every node reloads them.
   *
   * @see HolidaysChanged
   */
  public static final String TICKET_HOLIDAYS_CHANGED = "ticket.holidays.changed";

  /**
   * A browser-visible stream: tickets as they change, with the day's counts (see {@code docs/tickets.md}).
   *
   * @see LiveFrame
   */
  public static final String UI_TICKETS = "ui.tickets";

  /**
   * The prefix of a customer's own browser-visible address, {@code ui.customer.<customerId>} (publish): small notes that
   * one of their tickets, their installation, an invoice or a payment changed; the page refetches.
   *
   * @see CustomerNote
   */
  public static final String UI_CUSTOMER_PREFIX = "ui.customer.";

  public static String uiCustomer(long customerId) {
    return UI_CUSTOMER_PREFIX + customerId;
  }

  /**
   * Publish (each node's local consumers see what that node changed). An installation was created, moved to a
   * stage, had a step or a photo recorded, or was edited; sent after the change is committed. Body:
   * {@code {"installation","change","at"}}, {@code installation} as {@code GET /api/v1/installations/{id}} shows it
   * without its progress, {@code change} one of {@code created}, {@code stage} (moved to a new stage), {@code progress} (a step at the same stage), {@code photo}, {@code updated}.
   *
   * @see InstallationChanged
   */
  public static final String INSTALLATION_CHANGED = "installation.state.changed";

  /**
   * Request/reply, answered on every node. A customer's installations in progress (not activated, or activated in
   * the last 7 days), oldest first, for the WhatsApp STATUS answer. Body: {@code {"customerId"}}. Reply:
   * {@code {"installations":[{"id","number","stage","scheduledAt","technician"}]}}, {@code technician} the assigned
   * technician's name or null. Failures: {@link BusErrors#BAD_REQUEST} without a customer id.
   *
   * @see InstallationSummaryRequest
   * @see InstallationSummaryReply
   */
  public static final String INSTALLATION_CUSTOMER_SUMMARY = "installation.customer.summary";

  /**
   * A browser-visible stream: installations as they change (the latest per installation), for every staff role;
   * snapshot {@code {"byStage":{stage:count}}} of those not yet activated (see {@code docs/tickets.md}).
   *
   * @see LiveFrame
   */
  public static final String UI_INSTALLATIONS = "ui.installations";
}
