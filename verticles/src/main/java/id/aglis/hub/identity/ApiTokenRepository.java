package id.aglis.hub.identity;

import id.aglis.hub.platform.Batcher;
import id.aglis.hub.platform.Likes;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API tokens for machine clients. A token is 32 random bytes, so a fast SHA-256 is the right storage hash
 * (a slow password hash would only add latency to every API call). Every lookup goes to PostgreSQL, so a
 * revocation holds on every node at once; lookups made while others are out travel together, so a busy
 * integration costs one query per round trip rather than one per request.
 */
public final class ApiTokenRepository {

  private static final SecureRandom RANDOM = new SecureRandom();
  public static final String PREFIX = "ahub_";

  private final Pool pool;
  private final Batcher<String, Optional<ApiToken>> activeByHash = new Batcher<>(this::activeByHashes);

  public ApiTokenRepository(Pool pool) {
    this.pool = pool;
  }

  /** A fresh secret, shown to its creator once. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Future<ApiToken> insert(String name, String role, String secret, Long createdBy, OffsetDateTime expiresAt) {
    return pool.preparedQuery(ApiTokenSql.INSERT).execute(Tuple.of(name, role, hash(secret), createdBy, expiresAt))
        .map(rows -> ApiToken.from(rows.iterator().next()));
  }

  /** Registers a token with a secret chosen by the operator (HUB_BOOTSTRAP_TOKEN); empty if it exists. */
  public Future<Optional<ApiToken>> insertIfAbsent(SqlClient client, String name, String role, String secret) {
    return client.preparedQuery(ApiTokenSql.INSERT_IF_ABSENT).execute(Tuple.of(name, role, hash(secret)))
        .map(ApiTokenRepository::first);
  }

  public Future<Optional<ApiToken>> findActive(String secret) {
    return activeByHash.submit(hash(secret));
  }

  private Future<List<Optional<ApiToken>>> activeByHashes(List<String> hashes) {
    return pool.preparedQuery(ApiTokenSql.ACTIVE_BY_HASHES).execute(Tuple.tuple().addArrayOfString(hashes.toArray(new String[0]))).map(rows -> {
      Map<String, ApiToken> found = new HashMap<>();
      rows.forEach(row -> found.put(row.getString("token_hash"), ApiToken.from(row)));
      return hashes.stream().map(hash -> Optional.ofNullable(found.get(hash))).toList();
    });
  }

  public Future<Optional<ApiToken>> findById(long id) {
    return pool.preparedQuery(ApiTokenSql.BY_ID).execute(Tuple.of(id)).map(ApiTokenRepository::first);
  }

  public Future<Optional<ApiToken>> revoke(long id) {
    return pool.preparedQuery(ApiTokenSql.REVOKE).execute(Tuple.of(id)).map(ApiTokenRepository::first);
  }

  /** Records use; true when this was the first use in the last minute (worth an audit entry). */
  public Future<Boolean> touch(long id) {
    return pool.preparedQuery(ApiTokenSql.TOUCH).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  /** Newest first, ids below {@code beforeId}; {@code search} matches the name; {@code active} keeps usable or unusable ones. */
  public Future<List<ApiToken>> page(long beforeId, String search, Boolean active, int limit) {
    String pattern = search == null ? null : "%" + Likes.escape(search) + "%";
    return pool.preparedQuery(ApiTokenSql.PAGE).execute(Tuple.of(beforeId, limit, pattern, active))
        .map(rows -> rows.stream().map(ApiToken::from).toList());
  }

  private static Optional<ApiToken> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(ApiToken.from(rows.iterator().next()));
  }
}
