package id.aglis.hub.installation;

/** The installation feature's statements. Customer and staff names are joined in for display only. */
final class InstallationSql {

  private InstallationSql() {
  }

  private static final String SELECT = "select i.id, i.number, i.customer_id, c.customer_no, c.name as customer_name, i.address, i.plan, "
      + "i.stage, i.scheduled_at, i.technician_id, s.username as technician_username, s.name as technician_name, i.created_at, "
      + "i.updated_at, i.activated_at from installations i join customers c on c.id = i.customer_id "
      + "left join staff s on s.id = i.technician_id ";

  /** $1 id, $2 only this technician's (null: anybody's), $3 only this customer's (null: anybody's). */
  static final String BY_ID = SELECT + "where i.id = $1 and ($2::bigint is null or i.technician_id = $2) "
      + "and ($3::bigint is null or i.customer_id = $3)";

  /**
   * Newest first, below the cursor $1: $2 stages, $3 technician username, $4 customer id, $5 customer number, $6 a LIKE
   * pattern on the number, the customer's name or number, or the address, $7 only this technician's, $8 the page size.
   */
  static final String PAGE = SELECT + "where i.id < $1 and ($2::text[] is null or i.stage = any($2)) "
      + "and ($3::text is null or s.username = $3) and ($4::bigint is null or i.customer_id = $4) "
      + "and ($5::text is null or lower(c.customer_no) = lower($5)) "
      + "and ($6::text is null or i.number ilike $6 or c.name ilike $6 or c.customer_no ilike $6 or i.address ilike $6) "
      + "and ($7::bigint is null or i.technician_id = $7) order by i.id desc limit $8";

  static final String OF_CUSTOMER = SELECT + "where i.customer_id = $1 order by i.id desc";

  /** In progress for the STATUS answer: not activated, or activated in the last 7 days; oldest first. */
  static final String IN_PROGRESS_OF_CUSTOMER = SELECT + "where i.customer_id = $1 "
      + "and (i.activated_at is null or i.activated_at > now() - interval '7 days') order by i.id";

  static final String INSERT = "insert into installations (number, customer_id, address, plan, scheduled_at, technician_id) "
      + "select 'IN-' || to_char(now() at time zone 'Asia/Jakarta', 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0'), "
      + "$1, $2, $3, $4, $5 from nextval('installation_number_seq') n returning id";

  /** The row a step is recorded against, locked so two steps at once keep the stage order. */
  static final String LOCK = "select id, stage, technician_id, activated_at from installations where id = $1 for update";

  static final String MOVE = "update installations set stage = $2, updated_at = now(), "
      + "activated_at = case when $2 = 'activated' then coalesce(activated_at, $3) else activated_at end where id = $1";

  static final String UPDATE = "update installations set scheduled_at = $2, technician_id = $3, address = $4, plan = $5, "
      + "updated_at = now() where id = $1";

  static final String TOUCH = "update installations set updated_at = now() where id = $1";

  static final String INSERT_PROGRESS = "insert into installation_progress (installation_id, stage, note, at, technician_id, actor) "
      + "values ($1, $2, $3, $4, $5, $6) returning id";

  static final String PROGRESS = "select p.id, p.installation_id, p.stage, p.note, p.at, p.technician_id, "
      + "s.username as technician_username, s.name as technician_name, p.actor, p.photo_content_type, p.photo_size "
      + "from installation_progress p left join staff s on s.id = p.technician_id where p.installation_id = any($1) order by p.id";

  static final String SET_PHOTO = "update installation_progress set photo = $3, photo_content_type = $4, photo_size = $5 "
      + "where id = $2 and installation_id = $1 returning id";

  static final String PHOTO = "select p.photo, p.photo_content_type from installation_progress p "
      + "join installations i on i.id = p.installation_id where p.id = $2 and p.installation_id = $1 "
      + "and ($3::bigint is null or i.technician_id = $3) and ($4::bigint is null or i.customer_id = $4) and p.photo is not null";

  static final String COUNT_OPEN_BY_STAGE = "select stage, count(*) as n from installations where activated_at is null group by stage";
}
