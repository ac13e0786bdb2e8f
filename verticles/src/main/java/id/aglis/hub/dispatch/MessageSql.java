package id.aglis.hub.dispatch;

/** SQL of {@link MessageRepository}. */
final class MessageSql {

  private MessageSql() {
  }

  static final String COLUMNS = "id, seq, recipient, body, template, params, priority, status, idempotency_key, batch_id, "
      + "device, pinned, not_before, attempts, provider_ids, last_error, created_at, updated_at, sent_at, delivered_at, read_at";

  /*
   * Every change of a message and its timeline event are one statement (a data-modifying CTE): atomic without
   * an explicit transaction, and one round trip instead of four. This is the dispatcher's hot path.
   */

  /** Stores a message and its first timeline event; returns no row when the idempotency key was used before. */
  static final String INSERT = "with m as (insert into wa_messages (id, recipient, body, template, params, priority, status, "
      + "idempotency_key, batch_id, device, pinned, not_before, requested_by, last_error) "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $15) "
      + "on conflict (idempotency_key) do nothing returning " + COLUMNS + "), "
      + "e as (insert into wa_message_events (message_id, status, detail) select id, status, $14 from m) "
      + "select * from m";

  static final String BY_ID = "select " + COLUMNS + " from wa_messages where id = $1";

  static final String BY_IDEMPOTENCY_KEY = "select " + COLUMNS + " from wa_messages where idempotency_key = $1";

  static final String EVENT = "insert into wa_message_events (message_id, status, detail) values ($1, $2, $3)";

  static final String TIMELINE = "select at, status, detail from wa_message_events where message_id = $1 order by id";

  /**
   * Claims a message for sending. A message already 'sending' was claimed by a node that died before
   * recording the outcome: it may or may not have reached the provider, so it becomes 'unknown'.
   */
  static final String START_SENDING = "with previous as (select id, status from wa_messages where id = $1 for update), "
      + "m as (update wa_messages m set "
      + "status = case when previous.status = 'sending' then 'unknown' else 'sending' end, "
      + "attempts = case when previous.status = 'sending' then m.attempts else m.attempts + 1 end, "
      + "device = $2, updated_at = now() "
      + "from previous where m.id = previous.id and previous.status in ('queued', 'scheduled', 'sending') "
      + "returning m.id, m.seq, m.recipient, m.body, m.template, m.params, m.priority, m.status, m.idempotency_key, "
      + "m.batch_id, m.device, m.pinned, m.not_before, m.attempts, m.provider_ids, m.last_error, m.created_at, "
      + "m.updated_at, m.sent_at, m.delivered_at, m.read_at), "
      + "e as (insert into wa_message_events (message_id, status, detail) "
      + "select id, status, jsonb_build_object('device', $2::text, 'attempt', attempts) from m) "
      + "select * from m";

  static final String MARK_SENT = "with m as (update wa_messages set status = 'sent', provider_ids = $2, sent_at = now(), "
      + "last_error = null, updated_at = now() where id = $1 and status in ('sending', 'unknown') returning " + COLUMNS + "), "
      + "e as (insert into wa_message_events (message_id, status, detail) select id, 'sent', $3 from m) "
      + "select * from m";

  /** Moves a message between states; $3 is the set of states it may leave (guards against races). */
  static final String TRANSITION = "with m as (update wa_messages set status = $2, last_error = coalesce($4, last_error), "
      + "attempts = attempts + $5, updated_at = now() where id = $1 and status = any($3) returning " + COLUMNS + "), "
      + "e as (insert into wa_message_events (message_id, status, detail) select id, status, $6 from m) "
      + "select * from m";

  /** Puts a message back in the queue with a fresh attempt budget (staff decided to try again). */
  static final String REQUEUE = "with m as (update wa_messages set status = 'queued', attempts = 0, updated_at = now() "
      + "where id = $1 and status = any($2) returning " + COLUMNS + "), "
      + "e as (insert into wa_message_events (message_id, status, detail) select id, status, $3 from m) "
      + "select * from m";

  static final String PAGE = "select " + COLUMNS + " from wa_messages where seq < $1 "
      + "and ($2::text is null or status = $2) and ($3::text is null or recipient = $3) and ($4::uuid is null or batch_id = $4) "
      + "order by seq desc limit $5";

  /** Live messages that should be in the Redis queue or the unknown watch (used to rebuild them). */
  static final String LIVE = "select id, seq, priority, status, device, pinned, not_before, updated_at from wa_messages "
      + "where status in ('queued', 'scheduled', 'sending', 'unknown') and seq > $1 order by seq limit $2";

  static final String DEVICE_STATE_UPSERT = "insert into wa_device_state (device, paused, paused_reason, changed_at) "
      + "values ($1, $2, $3, now()) on conflict (device) do update set paused = $2, paused_reason = $3, changed_at = now()";

  static final String DEVICE_QUOTA = "insert into wa_device_state (device, last_quota) values ($1, $2) "
      + "on conflict (device) do update set last_quota = $2";

  static final String PAUSED_DEVICES = "select device, paused_reason from wa_device_state where paused";

  static final String DEVICE_STATES = "select device, paused, paused_reason, changed_at, last_quota from wa_device_state";

  static final String SENT_TODAY = "select device, count(*) as sends from wa_messages where sent_at >= $1 group by device";
}
