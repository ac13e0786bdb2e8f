package id.aglis.hub.alert.rules;

import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.PgErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alert rules in PostgreSQL: the definition as JSON, with the key, the built-in mark and the switch beside it. */
public final class RuleRepository {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleRepository.class);

  private static final Map<String, String> UNIQUE_FIELDS = Map.of("alert_rules_key_key", "key");

  private final Pool pool;

  public RuleRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<AlertRule>> all() {
    return pool.query(RuleSql.ALL).execute().map(RuleRepository::rules);
  }

  public Future<Optional<AlertRule>> find(long id) {
    return pool.preparedQuery(RuleSql.BY_ID).execute(Tuple.of(id)).map(rows -> rules(rows).stream().findFirst());
  }

  public Future<AlertRule> insert(AlertRule rule, String by) {
    return pool.preparedQuery(RuleSql.INSERT).execute(Tuple.of(rule.key(), false, rule.enabled(), definition(rule), by))
        .map(rows -> rules(rows).get(0))
        .recover(PgErrors.uniqueAs(UNIQUE_FIELDS));
  }

  public Future<Optional<AlertRule>> update(long id, AlertRule rule) {
    return pool.preparedQuery(RuleSql.UPDATE).execute(Tuple.of(id, rule.enabled(), definition(rule)))
        .map(rows -> rules(rows).stream().findFirst());
  }

  public Future<Optional<AlertRule>> delete(long id) {
    return pool.preparedQuery(RuleSql.DELETE).execute(Tuple.of(id)).map(rows -> rules(rows).stream().findFirst());
  }

  /** Adds each built-in rule the first time the hub starts with it (every node may try; one row results). */
  public Future<Void> seed(List<AlertRule> builtIns) {
    return pool.withTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (AlertRule rule : builtIns) {
        chain = chain.compose(v -> tx.preparedQuery(RuleSql.SEED).execute(Tuple.of(rule.key(), definition(rule))))
            .compose(v -> tx.preparedQuery(RuleSql.MARK_SEEDED).execute(Tuple.of(rule.key()))).mapEmpty();
      }
      return chain;
    });
  }

  private static JsonObject definition(AlertRule rule) {
    JsonObject json = rule.toJson();
    json.remove("id");
    json.remove("builtin");
    json.remove("enabled");
    return json;
  }

  private static List<AlertRule> rules(RowSet<Row> rows) {
    List<AlertRule> rules = new ArrayList<>();
    for (Row row : rows) {
      JsonObject definition = row.getJsonObject("definition").copy().put("key", row.getString("key"))
          .put("enabled", row.getBoolean("enabled"));
      // Stored rules were validated when saved; a metric that has since gone shows as nodata, not as an error. One
      // that no longer reads (written by another version) is left out with a warning, not a stop to all alerting.
      try {
        AlertRule rule = AlertRule.parse(definition, metric -> true, null);
        rules.add(rule.withId(row.getLong("id"), row.getBoolean("builtin")));
      } catch (ApiError unreadable) {
        LOG.warn("Alert rule {} ({}) cannot be read and is skipped: {} ({})", row.getLong("id"), row.getString("key"),
            unreadable.getMessage(), unreadable.field());
      }
    }
    return rules;
  }
}
