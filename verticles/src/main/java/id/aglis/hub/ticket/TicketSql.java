package id.aglis.hub.ticket;

/** SQL of {@link TicketRepository}. */
final class TicketSql {

  private TicketSql() {
  }

  static final String COLUMNS = "id, number, customer_id, customer_no, customer_name, customer_phone, category, subject, "
      + "description, priority, status, source, assignee_id, assignee_username, assignee_name, created_at, updated_at, "
      + "first_response_at, resolved_at, closed_at, sla_calendar, response_target_min, resolution_target_min, sla_spent_s, "
      + "sla_resumed_at, response_spent_s, sla_state";

  /** $1 the year (WIB) for the number; a source_ref seen before inserts nothing (a WhatsApp message applied twice). */
  static final String INSERT = "insert into tickets (number, customer_id, customer_no, customer_name, customer_phone, "
      + "category, subject, description, priority, status, source, source_ref, assignee_id, assignee_username, assignee_name, "
      + "created_at, updated_at, sla_calendar, response_target_min, resolution_target_min, sla_resumed_at, sla_next_at) "
      + "values ('TK-' || $1 || '-' || lpad(nextval('ticket_no_seq')::text, 6, '0'), $2, $3, $4, $5, $6, $7, $8, $9, 'open', "
      + "$10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $15, $19) on conflict (source_ref) do nothing returning " + COLUMNS;

  static final String BY_SOURCE_REF = "select " + COLUMNS + " from tickets where source_ref = $1";

  static final String BY_ID = "select " + COLUMNS + " from tickets where id = $1";

  static final String BY_ID_FOR_UPDATE = BY_ID + " for update";

  static final String BY_IDS_FOR_UPDATE = "select " + COLUMNS + " from tickets where id = any($1) order by id for update";

  /** Everything a change may touch. */
  static final String UPDATE = "update tickets set priority = $2, status = $3, assignee_id = $4, assignee_username = $5, "
      + "assignee_name = $6, updated_at = $7, first_response_at = $8, resolved_at = $9, closed_at = $10, "
      + "response_target_min = $11, resolution_target_min = $12, sla_spent_s = $13, sla_resumed_at = $14, "
      + "response_spent_s = $15, sla_state = $16, sla_next_at = $17 where id = $1 returning " + COLUMNS;

  static final String INSERT_MESSAGE = "insert into ticket_messages (ticket_id, kind, author_kind, author_id, author_name, body, "
      + "internal, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id";

  static final String INSERT_ATTACHMENT = "insert into ticket_attachments (ticket_id, message_id, filename, content_type, "
      + "size_bytes, data) values ($1, $2, $3, $4, $5, $6) returning id";

  static final String INSERT_EVENT = "insert into ticket_events (ticket_id, at, actor_kind, actor_id, actor_name, event, detail) "
      + "values ($1, $2, $3, $4, $5, $6, $7)";

  /** $2: whether internal entries are included (false for the customer). */
  static final String MESSAGES = "select m.id, m.kind, m.author_kind, m.author_id, m.author_name, m.body, m.internal, m.created_at, "
      + "a.id as attachment_id, a.filename, a.content_type, a.size_bytes from ticket_messages m "
      + "left join ticket_attachments a on a.message_id = m.id where m.ticket_id = $1 and ($2 or not m.internal) order by m.id";

  static final String EVENTS = "select at, actor_kind, actor_id, actor_name, event, detail from ticket_events "
      + "where ticket_id = $1 order by id";

  /** $3: whether internal attachments may be read (staff). */
  static final String ATTACHMENT = "select a.content_type, a.filename, a.data from ticket_attachments a "
      + "join ticket_messages m on m.id = a.message_id where a.id = $1 and a.ticket_id = $2 and ($3 or not m.internal)";

  /**
   * The queue, newest first. $1 cursor (id below), $2 statuses (null for all), $3 priority, $4 category, $5 assignee id
   * (-1 for unassigned), $6 SLA state, $7 customer number, $8 customer id, $9 ILIKE pattern, $10 limit.
   * An SLA filter looks at tickets still being worked only.
   */
  static final String PAGE = "select " + COLUMNS + " from tickets where id < $1 "
      + "and ($2::text[] is null or status = any($2)) and ($3::text is null or priority = $3) "
      + "and ($4::text is null or category = $4) "
      + "and ($5::bigint is null or ($5 = -1 and assignee_id is null) or assignee_id = $5) "
      + "and ($6::text is null or (sla_state = $6 and status not in ('resolved', 'closed'))) "
      + "and ($7::text is null or lower(customer_no) = lower($7)) and ($8::bigint is null or customer_id = $8) "
      + "and ($9::text is null or number ilike $9 or subject ilike $9 or customer_name ilike $9 or customer_no ilike $9) "
      + "order by id desc limit $10";

  static final String CUSTOMER_PAGE = "select " + COLUMNS + " from tickets where customer_id = $1 and id < $2 "
      + "and ($3::text[] is null or status = any($3)) order by id desc limit $4";

  static final String CUSTOMER_OPEN = "select " + COLUMNS + " from tickets where customer_id = $1 "
      + "and status not in ('resolved', 'closed') order by id desc limit 10";

  /** Counts over tickets still being worked; $1 the asking staff member's id (for "mine"). */
  static final String SUMMARY = "select status, sla_state, count(*) as n, count(*) filter (where assignee_id is null) as unassigned, "
      + "count(*) filter (where assignee_id = $1) as mine from tickets where status not in ('resolved', 'closed') "
      + "group by status, sla_state";

  static final String DUE = "select " + COLUMNS + " from tickets where sla_next_at <= $1 order by sla_next_at limit $2";

  static final String FIRED = "select target, at_percent from ticket_escalations where ticket_id = $1";

  static final String INSERT_ESCALATION = "insert into ticket_escalations (ticket_id, target, at_percent, fired_at) "
      + "values ($1, $2, $3, $4) on conflict do nothing returning ticket_id";

  /** $2: the thresholds to keep, as "response:75". */
  static final String FORGET_ESCALATIONS = "delete from ticket_escalations where ticket_id = $1 "
      + "and not (target || ':' || at_percent = any($2))";

  /** The escalation re-saves each (which stores the next threshold under the new holidays). */
  static final String RECHECK_BUSINESS = "update tickets set sla_next_at = now() where sla_calendar = 'business' "
      + "and sla_resumed_at is not null";

  /** Open tickets per assignee among $1 (staff ids), for giving a breached ticket to the least loaded. */
  static final String LOAD = "select assignee_id, count(*) as n from tickets where assignee_id = any($1) "
      + "and status not in ('resolved', 'closed') group by assignee_id";
}
