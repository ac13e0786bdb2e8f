package id.aglis.hub.alert.engine;

/** SQL of {@link AlertRepository}. */
final class AlertSql {

  private AlertSql() {
  }

  static final String COLUMNS = "a.id, a.rule_id, a.rule_key, a.rule_name, a.fingerprint, a.labels, a.severity, a.state, a.value, a.code, "
      + "a.started_at, a.fired_at, a.resolved_at, a.resolved_by, a.acked_at, a.acked_by, a.escalated_at, a.last_notified_at, "
      + "a.notifications, a.silenced_by, a.inhibited_by, a.summary";

  static final String OPEN = "select " + COLUMNS + " from alerts a where a.state in ('pending', 'firing', 'nodata') order by a.id";

  /** A new open alert; none when one is already open for the fingerprint (another evaluator got there first). */
  static final String OPEN_NEW = "insert into alerts as a (rule_id, rule_key, rule_name, fingerprint, labels, severity, state, value, code, "
      + "started_at, fired_at, summary) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
      + "on conflict (fingerprint) where state in ('pending', 'firing', 'nodata') do nothing returning " + COLUMNS;

  /** The evaluator's writes: state, value, times; only while still open (a person may have resolved it meanwhile). */
  static final String MOVE = "update alerts a set state = $2, value = $3, fired_at = coalesce(a.fired_at, $4), resolved_at = $5, "
      + "summary = $6, silenced_by = $7, inhibited_by = $8, updated_at = now() "
      + "where a.id = $1 and a.state in ('pending', 'firing', 'nodata') returning " + COLUMNS;

  static final String NOTIFIED = "update alerts a set last_notified_at = $2, notifications = a.notifications + 1, "
      + "escalated_at = case when $3 then $2 else a.escalated_at end, updated_at = now() where a.id = $1 returning " + COLUMNS;

  static final String EVENT = "insert into alert_events (alert_id, at, kind, detail) values ($1, $2, $3, $4)";

  static final String BY_ID = "select " + COLUMNS + " from alerts a where a.id = $1";

  static final String BY_ID_FOR_UPDATE = BY_ID + " for update";

  static final String ACK = "update alerts a set acked_at = $2, acked_by = $3, updated_at = now() where a.id = $1 returning " + COLUMNS;

  static final String RESOLVE = "update alerts a set state = 'resolved', resolved_at = $2, resolved_by = $3, updated_at = now() "
      + "where a.id = $1 returning " + COLUMNS;

  static final String TIMELINE = "select at, kind, detail from alert_events where alert_id = $1 order by id";

  /**
   * The delivery status of pages, as the dispatcher has it now (read across, not copied: it keeps changing after
   * the page was sent).
   */
  static final String PAGE_STATUSES = "select id, status from wa_messages where id = any($1)";

  /** Filters ($2..$6) each null for none; newest first, below the cursor $1. */
  static final String PAGE = "select " + COLUMNS + " from alerts a where a.id < $1 "
      + "and ($2::text is null or a.state = $2) and ($3::text is null or a.severity = $3) and ($4::text is null or a.rule_key = $4 or a.rule_id::text = $4) "
      + "and ($5::timestamptz is null or a.started_at >= $5) and ($6::timestamptz is null or a.started_at < $6) "
      + "order by a.id desc limit $7";

  static final String PAGE_SENT = "insert into alert_pages (code, alert_ids, staff_id, phone, kind, message_id) values ($1, $2, $3, $4, $5, $6)";

  /** The page a staff member got with this code ($1 upper-case, $2 their phone). */
  static final String PAGE_BY_CODE = "select alert_ids from alert_pages where code = $1 and phone = $2 order by id desc limit 1";

  static final String ACTIVE_SILENCES = "select id, matchers, starts_at, ends_at, created_by, comment, created_at from alert_silences "
      + "where starts_at <= $1 and ends_at > $1 order by id";

  static final String SILENCES = "select id, matchers, starts_at, ends_at, created_by, comment, created_at from alert_silences "
      + "where ($1::boolean or ends_at > now()) order by id desc limit 200";

  static final String SILENCE_INSERT = "insert into alert_silences (matchers, starts_at, ends_at, created_by, comment) "
      + "values ($1, $2, $3, $4, $5) returning id, matchers, starts_at, ends_at, created_by, comment, created_at";

  /** Ends a silence now (kept for the record). */
  static final String SILENCE_END = "update alert_silences set ends_at = greatest(starts_at + interval '1 millisecond', least(ends_at, $2)) "
      + "where id = $1 returning id, matchers, starts_at, ends_at, created_by, comment, created_at";

  static final String ANALYTICS_BY_RULE = "select rule_key, min(rule_name) as rule_name, count(*) filter (where fired_at is not null) as fired, "
      + "count(*) filter (where state = 'inactive') as blips, "
      + "percentile_cont(0.5) within group (order by extract(epoch from acked_at - fired_at)) filter (where acked_at is not null and fired_at is not null) as ack_p50, "
      + "percentile_cont(0.95) within group (order by extract(epoch from acked_at - fired_at)) filter (where acked_at is not null and fired_at is not null) as ack_p95, "
      + "percentile_cont(0.5) within group (order by extract(epoch from resolved_at - fired_at)) filter (where resolved_at is not null and fired_at is not null) as resolve_p50, "
      + "percentile_cont(0.95) within group (order by extract(epoch from resolved_at - fired_at)) filter (where resolved_at is not null and fired_at is not null) as resolve_p95 "
      + "from alerts where started_at >= $1 and started_at < $2 group by rule_key order by fired desc, rule_key";
}
