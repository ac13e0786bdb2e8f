package id.aglis.hub.dispatch;

/** SQL of {@link Receipts}. */
final class ReceiptSql {

  private ReceiptSql() {
  }

  static final String BY_PROVIDER_ID = "select id from wa_messages where provider_ids @> array[$1]::text[] limit 1";

  static final String BY_STATE_ID = "select message_id from wa_provider_states where state_id = $1";

  static final String LINK_STATE = "insert into wa_provider_states (state_id, provider_id, message_id) values ($1, $2, $3) "
      + "on conflict (state_id) do nothing";

  /**
   * Moves a message forward on a receipt ($2 the new status, $4 the statuses it may leave: never backwards),
   * with its timeline event; stamps delivered_at / read_at once.
   */
  static final String ADVANCE = "update wa_messages set status = $2, wa_state = coalesce($3, wa_state), "
      + "last_error = coalesce($5, last_error), "
      + "delivered_at = case when $2 in ('delivered', 'read') then coalesce(delivered_at, now()) else delivered_at end, "
      + "read_at = case when $2 = 'read' then coalesce(read_at, now()) else read_at end, "
      + "sent_at = coalesce(sent_at, now()), updated_at = now(), " + MessageSql.appendEvent("$2::text", "$6::jsonb")
      + " where id = $1 and status = any($4) returning " + MessageSql.COLUMNS;

  /** Keeps a state we do not map (logged, never rejected). */
  static final String RAW_STATE = "update wa_messages set wa_state = $2 where id = $1";
}
