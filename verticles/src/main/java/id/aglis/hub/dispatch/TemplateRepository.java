package id.aglis.hub.dispatch;

import id.aglis.hub.common.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** Message templates ({@code {{name}}} placeholders) in PostgreSQL. SQL kept beside it. */
public final class TemplateRepository {

  static final String COLUMNS = "id, name, body, created_at, updated_at";
  static final String INSERT = "insert into wa_templates (name, body) values ($1, $2) returning " + COLUMNS;
  static final String BY_NAME = "select " + COLUMNS + " from wa_templates where name = $1";
  static final String UPDATE = "update wa_templates set body = $2, updated_at = now() where name = $1 returning " + COLUMNS;
  static final String DELETE = "delete from wa_templates where name = $1 returning " + COLUMNS;
  static final String PAGE = "select " + COLUMNS + " from wa_templates where id < $1 order by id desc limit $2";

  private final Pool pool;

  public TemplateRepository(Pool pool) {
    this.pool = pool;
  }

  public record Template(long id, String name, String body, String createdAt, String updatedAt) {
    static Template from(Row row) {
      return new Template(row.getLong("id"), row.getString("name"), row.getString("body"),
          Times.iso(row.getOffsetDateTime("created_at")), Times.iso(row.getOffsetDateTime("updated_at")));
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("name", name).put("body", body)
          .put("placeholders", Templates.placeholders(body)).put("createdAt", createdAt).put("updatedAt", updatedAt);
    }
  }

  public Future<Template> insert(String name, String body) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(name, body)).map(rows -> Template.from(rows.iterator().next()))
        .recover(DuplicateName.as("name"));
  }

  public Future<Optional<Template>> findByName(String name) {
    return pool.preparedQuery(BY_NAME).execute(Tuple.of(name)).map(TemplateRepository::first);
  }

  public Future<Optional<Template>> update(String name, String body) {
    return pool.preparedQuery(UPDATE).execute(Tuple.of(name, body)).map(TemplateRepository::first);
  }

  public Future<Optional<Template>> delete(String name) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(name)).map(TemplateRepository::first);
  }

  public Future<List<Template>> page(long beforeId, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(beforeId, limit)).map(rows -> rows.stream().map(Template::from).toList());
  }

  private static Optional<Template> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Template.from(rows.iterator().next()));
  }

  /** Unique-name violations as a 409. */
  private static final class DuplicateName {
    static java.util.function.Function<Throwable, Future<Template>> as(String field) {
      return failure -> {
        if (failure instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
          return Future.failedFuture(id.aglis.hub.web.ApiError.conflict("duplicate", "A template with this '" + field + "' exists."));
        }
        return Future.failedFuture(failure);
      };
    }
  }

}
