package id.aglis.hub.identity;

/** SQL of {@link ApiTokenRepository}. */
final class ApiTokenSql {

  private ApiTokenSql() {
  }

  static final String COLUMNS = "id, name, role, created_by, created_at, expires_at, revoked_at, last_used_at";

  static final String INSERT = "insert into api_tokens (name, role, token_hash, created_by, expires_at) "
      + "values ($1, $2, $3, $4, $5) returning " + COLUMNS;

  static final String INSERT_IF_ABSENT = "insert into api_tokens (name, role, token_hash) values ($1, $2, $3) "
      + "on conflict (token_hash) do nothing returning " + COLUMNS;

  /** The active tokens among the hashes $1 (one lookup for every request that arrived together). */
  static final String ACTIVE_BY_HASHES = "select token_hash, " + COLUMNS + " from api_tokens where token_hash = any($1) "
      + "and revoked_at is null and (expires_at is null or expires_at > now())";

  static final String BY_ID = "select " + COLUMNS + " from api_tokens where id = $1";

  static final String REVOKE = "update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1 returning " + COLUMNS;

  /** Returns the row only when this call moved last_used_at, i.e. at most once a minute per token. */
  static final String TOUCH = "update api_tokens set last_used_at = now() where id = $1 "
      + "and (last_used_at is null or last_used_at < now() - interval '1 minute') returning id";

  /** $3 an ILIKE pattern for the name, $4 whether usable now (neither revoked nor expired); each null for no filter. */
  static final String PAGE = "select " + COLUMNS + " from api_tokens where id < $1 and ($3::text is null or name ilike $3) "
      + "and ($4::boolean is null or (revoked_at is null and (expires_at is null or expires_at > now())) = $4) "
      + "order by id desc limit $2";
}
