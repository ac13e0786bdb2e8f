package id.aglis.hub.dispatch;

/** SQL of {@link Receipts}. */
final class ReceiptSql {

  private ReceiptSql() {
  }

  /** The oldest send a receipt recorded at $n (a timestamptz; null for now) may still apply to. */
  private static String windowStart(String receivedAt) {
    return "coalesce(" + receivedAt + "::timestamptz, now()) - interval '" + Receipts.WINDOW.toSeconds() + " seconds'";
  }

  /*
   * A provider id means a message only together with the device that sent it and a time: a gateway may reuse
   * its ids (the sandbox did after every restart), and a receipt must never move an older message that
   * happens to carry the same id. The GIN index on provider_ids finds the messages with the id (one, unless
   * a gateway reused it) and the device and send time are checked on those rows; the newest one wins. No
   * index on (device, provider id): the claim that sets a message's device (queued -> sending) would then
   * write new index entries instead of a HOT update (see V009), on every message, to save a heap check on a
   * handful of rows.
   */

  /** The message (and its status) of device $1 with provider id $2, sent within {@link Receipts#WINDOW} of the receipt ($3). */
  static final String BY_PROVIDER_ID = "select id as message_id, status from wa_messages where provider_ids @> array[$2::text] and device = $1 "
      + "and sent_at >= " + windowStart("$3") + " order by sent_at desc limit 1";

  /** The message (and its status) WhatsApp state id $1 was linked to, if it is device $2's and within the window of $3. */
  static final String BY_STATE_ID = "select s.message_id, m.status from wa_provider_states s join wa_messages m on m.id = s.message_id "
      + "where s.state_id = $1 and m.device = $2 and m.sent_at >= " + windowStart("$3");

  /**
   * Links a state id to its message. A duplicate changes nothing; a link made for another message is replaced
   * only when it could no longer be used anyway (older than the window, or another device's), so a reused
   * state id cannot send the new message's receipts to the old one.
   */
  static final String LINK_STATE = "insert into wa_provider_states (state_id, provider_id, message_id) values ($1, $2, $3) "
      + "on conflict (state_id) do update set provider_id = excluded.provider_id, message_id = excluded.message_id, "
      + "created_at = now() where wa_provider_states.message_id <> excluded.message_id "
      + "and (wa_provider_states.created_at < now() - interval '" + Receipts.WINDOW.toSeconds() + " seconds' "
      + "or not exists (select 1 from wa_messages m where m.id = wa_provider_states.message_id and m.device = $4))";

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
