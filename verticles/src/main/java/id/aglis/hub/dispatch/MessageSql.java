package id.aglis.hub.dispatch;

/** SQL of {@link MessageRepository}. */
final class MessageSql {

  private MessageSql() {
  }

  static final String COLUMNS = "id, seq, recipient, body, template, params, priority, status, idempotency_key, batch_id, "
      + "device, pinned, not_before, attempts, provider_ids, last_error, created_at, updated_at, sent_at, delivered_at, read_at";

  /*
   * Every change of a message appends its timeline event to the same row (the timeline column, never among
   * the columns returned): one atomic statement, one round trip. This is the dispatcher's hot path.
   */

  /** {@code timeline || [{"at": now, "status": …, "detail": …}]}, for a SET; both arguments are SQL expressions. */
  static String appendEvent(String status, String detail) {
    return "timeline = timeline || jsonb_build_array(jsonb_build_object('at', now(), 'status', " + status + ", 'detail', "
        + detail + "))";
  }

  /** The columns of {@link #COLUMNS}, each qualified by {@code alias} (for statements that join). */
  static String columns(String alias) {
    return java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> alias + "." + c).collect(java.util.stream.Collectors.joining(", "));
  }

  /*
   * The three statements every message goes through take arrays, one element per message, so that the
   * messages of many concurrent callers are written by one statement and one commit (MessageRepository
   * batches them). Each still works on its own rows only.
   */

  /**
   * Stores messages with their first timeline events, in the order given (their FIFO order); a message whose
   * idempotency key was used before is left out of the result.
   */
  // (A null element of a jsonb[] parameter arrives as JSON null, hence nullif.)
  static final String INSERT_MANY = "with input as (select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], "
      + "$5::jsonb[], $6::int2[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::bool[], $12::timestamptz[], $13::text[], "
      + "$14::jsonb[], $15::text[]) with ordinality as i(id, recipient, body, template, params, priority, status, idempotency_key, "
      + "batch_id, device, pinned, not_before, requested_by, detail, last_error, n)) "
      + "insert into wa_messages (id, recipient, body, template, params, priority, status, idempotency_key, batch_id, device, "
      + "pinned, not_before, requested_by, last_error, timeline) select id, recipient, body, template, nullif(params, 'null'), "
      + "priority, status, idempotency_key, batch_id, device, pinned, not_before, requested_by, last_error, "
      + "jsonb_build_array(jsonb_build_object('at', now(), 'status', status, 'detail', detail)) from input order by n "
      + "on conflict (idempotency_key) where idempotency_key is not null do nothing returning " + COLUMNS;

  static final String BY_ID = "select " + COLUMNS + " from wa_messages where id = $1";

  static final String BY_IDEMPOTENCY_KEY = "select " + COLUMNS + " from wa_messages where idempotency_key = $1";

  /** A timeline event that changes nothing else ($2 its status word, $3 its detail). */
  static final String EVENT = "update wa_messages set " + appendEvent("$2::text", "$3::jsonb") + " where id = $1";

  static final String TIMELINE = "select timeline from wa_messages where id = $1";

  private static final String SENDING_OR_UNKNOWN = "(case when m.status = 'sending' then 'unknown' else 'sending' end)";
  private static final String ATTEMPTS_AFTER_CLAIM = "(case when m.status = 'sending' then m.attempts else m.attempts + 1 end)";

  /**
   * Claims messages for sending ($1 ids, $2 the device of each). A message already 'sending' was claimed by
   * a node that died before recording the outcome: it may or may not have reached the provider, so it
   * becomes 'unknown'. Messages no longer waiting to be sent (cancelled meanwhile) are left out. (The SET
   * expressions read the row as it was before this update.) Callers pass the ids sorted, so that with the
   * usual plan (a lookup by id for each element, in order) two statements claiming overlapping messages lock
   * them in the same order; should they deadlock anyway, PostgreSQL fails one and its claims are retried.
   */
  static final String START_SENDING_MANY = "with input as (select * from unnest($1::uuid[], $2::text[]) as i(id, device)) "
      + "update wa_messages m set "
      + "status = " + SENDING_OR_UNKNOWN + ", attempts = " + ATTEMPTS_AFTER_CLAIM + ", device = input.device, updated_at = now(), "
      + appendEvent(SENDING_OR_UNKNOWN, "jsonb_build_object('device', input.device, 'attempt', " + ATTEMPTS_AFTER_CLAIM + ")")
      + " from input where m.id = input.id and m.status in ('queued', 'scheduled', 'sending') "
      + "returning " + columns("m");

  /**
   * Records messages as accepted by the provider ($1 ids, $2 each one's provider ids as a JSON array, $3 event
   * details) if they are in one of the states $4 ('sending', 'unknown'). The states are a parameter, not
   * constants, so that no cached plan can use a partial index on the status instead of the lookup by id
   * (one did, scanning the whole index for every batch, when the live-message index was keyed that way).
   */
  static final String MARK_SENT_MANY = "with input as (select * from unnest($1::uuid[], $2::jsonb[], $3::jsonb[]) "
      + "as i(id, provider_ids, detail)) "
      + "update wa_messages w set status = 'sent', "
      + "provider_ids = array(select jsonb_array_elements_text(input.provider_ids)), sent_at = now(), last_error = null, "
      + "updated_at = now(), " + appendEvent("'sent'", "input.detail")
      + " from input where w.id = input.id and w.status = any($4) returning " + columns("w");

  /** Moves a message between states; $3 is the set of states it may leave (guards against races). */
  static final String TRANSITION = "update wa_messages set status = $2, last_error = coalesce($4, last_error), "
      + "attempts = attempts + $5, updated_at = now(), " + appendEvent("$2::text", "$6::jsonb")
      + " where id = $1 and status = any($3) returning " + COLUMNS;

  /**
   * Back to the queue after a transient failure, not before $3: the time is kept on the record, so a queue
   * rebuilt after Redis lost its data still waits out the backoff.
   */
  static final String RETRY_LATER = "update wa_messages set status = 'queued', last_error = $2, not_before = $3, "
      + "updated_at = now(), " + appendEvent("'queued'", "$4::jsonb") + " where id = $1 and status = 'sending' returning " + COLUMNS;

  /** Puts a message back in the queue with a fresh attempt budget (staff decided to try again). */
  static final String REQUEUE = "update wa_messages set status = 'queued', attempts = 0, updated_at = now(), "
      + appendEvent("'queued'", "$3::jsonb") + " where id = $1 and status = any($2) returning " + COLUMNS;

  /**
   * A page of {@link MessageRepository.Filter}: every filter may be null ($2 statuses, $3 recipient, $4 batch, $5 template,
   * $6 created at or after, $7 created before). Messages are never deleted and seq follows creation, so the time range also
   * bounds seq and the BRIN index on created_at narrows a range scan.
   */
  static final String PAGE = "select " + COLUMNS + " from wa_messages where seq < $1 "
      + "and ($2::text[] is null or status = any($2)) and ($3::text is null or recipient = $3) "
      + "and ($4::uuid is null or batch_id = $4) and ($5::text is null or template = $5) "
      + "and ($6::timestamptz is null or created_at >= $6) and ($7::timestamptz is null or created_at < $7) "
      + "order by seq desc limit $8";

  /** Live messages that should be in the Redis queue or the unknown watch (used to rebuild them). */
  static final String LIVE = "select id, seq, priority, status, device, pinned, not_before, updated_at from wa_messages "
      + "where live and seq > $1 order by seq limit $2";

  static final String DEVICE_STATE_UPSERT = "insert into wa_device_state (device, paused, paused_reason, changed_at) "
      + "values ($1, $2, $3, now()) on conflict (device) do update set paused = $2, paused_reason = $3, changed_at = now()";

  static final String DEVICE_QUOTA = "insert into wa_device_state (device, last_quota) values ($1, $2) "
      + "on conflict (device) do update set last_quota = $2";

  static final String PAUSED_DEVICES = "select device, paused_reason from wa_device_state where paused";

  static final String DEVICE_STATES = "select device, paused, paused_reason, changed_at, last_quota from wa_device_state";

  static final String SENT_TODAY = "select device, count(*) as sends from wa_messages where sent_at >= $1 group by device";
}
