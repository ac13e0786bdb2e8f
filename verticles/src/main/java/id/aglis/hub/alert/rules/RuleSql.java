package id.aglis.hub.alert.rules;

/** SQL of {@link RuleRepository}. */
final class RuleSql {

  private RuleSql() {
  }

  static final String COLUMNS = "id, key, builtin, enabled, definition";

  static final String ALL = "select " + COLUMNS + " from alert_rules order by id";

  static final String BY_ID = "select " + COLUMNS + " from alert_rules where id = $1";

  static final String INSERT = "insert into alert_rules (key, builtin, enabled, definition, created_by) values ($1, $2, $3, $4, $5) "
      + "returning " + COLUMNS;

  /** Built-in rules are added once: an edited or deleted one is not brought back by the next start. */
  static final String SEED = "insert into alert_rules (key, builtin, enabled, definition, created_by) "
      + "select $1, true, true, $2, 'hub' where not exists (select 1 from hub_settings where key = 'alert.seeded.' || $1) "
      + "on conflict (key) do nothing";

  static final String MARK_SEEDED = "insert into hub_settings (key, value) values ('alert.seeded.' || $1, 'true') on conflict (key) do nothing";

  static final String UPDATE = "update alert_rules set enabled = $2, definition = $3, updated_at = now() where id = $1 returning " + COLUMNS;

  static final String DELETE = "delete from alert_rules where id = $1 returning " + COLUMNS;
}
