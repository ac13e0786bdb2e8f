package id.aglis.hub.installation;

import id.aglis.hub.installation.Installation.Progress;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Installations and their progress in PostgreSQL; every write of more than one row is one transaction. */
final class InstallationRepository {

  /**
   * Whose installations a caller may see: {@code technicianId} limits them to one technician's (a technician's own),
   * {@code customerId} to one customer's (the portal); null means no limit. Anything outside is "not found".
   */
  record Scope(Long technicianId, Long customerId) {
    static final Scope ALL = new Scope(null, null);

    static Scope technician(long staffId) {
      return new Scope(staffId, null);
    }

    static Scope customer(long customerId) {
      return new Scope(null, customerId);
    }
  }

  record Filter(List<String> stages, String technician, Long customerId, String customerNo, String likePattern) {
  }

  record NewInstallation(long customerId, String address, String plan, OffsetDateTime scheduledAt, Long technicianId, String note,
                         String actor) {
  }

  /** A step to record: the stage, when, by whom. */
  record Step(long installationId, String stage, String note, OffsetDateTime at, Long technicianId, String actor) {
  }

  /** An installation with its steps (oldest first). */
  record Snapshot(Installation installation, List<Progress> progress) {
    Progress step(long progressId) {
      return progress.stream().filter(p -> p.id() == progressId).findFirst().orElseThrow();
    }
  }

  /**
   * What a change did, with the installation as that change left it, read in the change's own transaction: what is
   * announced and answered is this change's outcome even when another one commits right after it, and no read after
   * the commit can fail an answer whose change is already stored. {@code progressId}: the step written (or given a
   * photo), null for other changes; {@code moved}: the installation moved to a new stage.
   */
  record Changed(Snapshot after, Long progressId, boolean moved) {
  }

  record Changes(OffsetDateTime scheduledAt, Long technicianId, boolean technicianGiven, String address, String plan) {
  }

  record Photo(Buffer bytes, String contentType) {
  }

  private final Pool pool;

  InstallationRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Installation>> find(long id, Scope scope) {
    return find(pool, id, scope);
  }

  private static Future<Optional<Installation>> find(SqlClient client, long id, Scope scope) {
    return client.preparedQuery(InstallationSql.BY_ID).execute(Tuple.of(id, scope.technicianId(), scope.customerId()))
        .map(rows -> installations(rows).stream().findFirst());
  }

  Future<List<Installation>> page(Filter filter, long before, Long onlyTechnician, int limit) {
    Tuple args = Tuple.tuple().addValue(before).addArrayOfString(filter.stages() == null ? null : filter.stages().toArray(String[]::new))
        .addValue(filter.technician()).addValue(filter.customerId()).addValue(filter.customerNo()).addValue(filter.likePattern())
        .addValue(onlyTechnician).addValue(limit);
    return pool.preparedQuery(InstallationSql.PAGE).execute(args).map(InstallationRepository::installations);
  }

  Future<List<Installation>> ofCustomer(long customerId) {
    return pool.preparedQuery(InstallationSql.OF_CUSTOMER).execute(Tuple.of(customerId)).map(InstallationRepository::installations);
  }

  Future<List<Installation>> inProgressOf(long customerId) {
    return pool.preparedQuery(InstallationSql.IN_PROGRESS_OF_CUSTOMER).execute(Tuple.of(customerId))
        .map(InstallationRepository::installations);
  }

  /** Each installation's steps, oldest first. */
  Future<Map<Long, List<Progress>>> progress(List<Long> installationIds) {
    return progress(pool, installationIds);
  }

  private static Future<Map<Long, List<Progress>>> progress(SqlClient client, List<Long> installationIds) {
    Map<Long, List<Progress>> byInstallation = new LinkedHashMap<>();
    installationIds.forEach(id -> byInstallation.put(id, new ArrayList<>()));
    if (installationIds.isEmpty()) {
      return Future.succeededFuture(byInstallation);
    }
    return client.preparedQuery(InstallationSql.PROGRESS).execute(Tuple.of(installationIds.toArray(Long[]::new))).map(rows -> {
      for (Row row : rows) {
        Progress step = Progress.of(row);
        byInstallation.get(step.installationId()).add(step);
      }
      return byInstallation;
    });
  }

  /** The installation with its steps as {@code client} sees it (inside a transaction: as that transaction left it). */
  private static Future<Snapshot> snapshot(SqlClient client, long id) {
    return find(client, id, Scope.ALL).compose(found -> progress(client, List.of(id))
        .map(steps -> new Snapshot(found.orElseThrow(() -> ApiError.notFound("Installation")), steps.get(id))));
  }

  /** The installation and its first step ({@code scheduled}), in one transaction. */
  Future<Changed> create(NewInstallation created, OffsetDateTime now) {
    return pool.withTransaction(tx -> tx.preparedQuery(InstallationSql.INSERT)
        .execute(Tuple.of(created.customerId(), created.address(), created.plan(), created.scheduledAt(), created.technicianId()))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          return insertStep(tx, new Step(id, Stages.SCHEDULED, created.note(), now, created.technicianId(), created.actor()))
              .compose(stepId -> snapshot(tx, id).map(after -> new Changed(after, stepId, true)));
        }));
  }

  /**
   * Records a step: 404 when the installation is not in {@code scope}, 409 {@code stage_backwards} when the stage
   * is behind the installation's. A step at the installation's own stage is a note (or a photo) to it.
   */
  Future<Changed> record(Step step, Scope scope) {
    return pool.withTransaction(tx -> tx.preparedQuery(InstallationSql.LOCK).execute(Tuple.of(step.installationId())).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      if (row == null || (scope.technicianId() != null && !scope.technicianId().equals(row.getLong("technician_id")))) {
        return Future.failedFuture(ApiError.notFound("Installation"));
      }
      String current = row.getString("stage");
      if (Stages.isBackwards(current, step.stage())) {
        return Future.failedFuture(ApiError.conflict("stage_backwards",
            "The installation is at '" + current + "'; a stage never goes back (to '" + step.stage() + "')."));
      }
      boolean moved = !current.equals(step.stage());
      // Unnamed, the step is the assigned technician's.
      Step stored = step.technicianId() != null ? step : new Step(step.installationId(), step.stage(), step.note(), step.at(),
          row.getLong("technician_id"), step.actor());
      Future<Void> move = moved
          ? tx.preparedQuery(InstallationSql.MOVE).execute(Tuple.of(step.installationId(), step.stage(), step.at())).mapEmpty()
          : tx.preparedQuery(InstallationSql.TOUCH).execute(Tuple.of(step.installationId())).mapEmpty();
      return move.compose(v -> insertStep(tx, stored))
          .compose(id -> snapshot(tx, step.installationId()).map(after -> new Changed(after, id, moved)));
    }));
  }

  /** Applies what a PATCH changed to the locked row; 404 when it does not exist. */
  Future<Changed> update(long id, Changes changes) {
    return pool.withTransaction(tx -> tx.preparedQuery(InstallationSql.BY_ID + " for update of i").execute(Tuple.of(id, null, null))
        .compose(rows -> {
          Installation current = installations(rows).stream().findFirst().orElseThrow(() -> ApiError.notFound("Installation"));
          Tuple args = Tuple.tuple().addValue(id)
              .addValue(changes.scheduledAt() != null ? changes.scheduledAt() : current.scheduledAt())
              .addValue(changes.technicianGiven() ? changes.technicianId() : current.technicianId())
              .addValue(changes.address() != null ? changes.address() : current.address())
              .addValue(changes.plan() != null ? changes.plan() : current.plan());
          return tx.preparedQuery(InstallationSql.UPDATE).execute(args)
              .compose(v -> snapshot(tx, id)).map(after -> new Changed(after, null, false));
        }));
  }

  /** Stores a step's photo (replacing one it had); empty when the step is not one of this installation's in scope. */
  Future<Optional<Changed>> setPhoto(long installationId, long progressId, Scope scope, Buffer bytes, String contentType) {
    return pool.withTransaction(tx -> tx.preparedQuery(InstallationSql.BY_ID).execute(Tuple.of(installationId, scope.technicianId(),
            scope.customerId()))
        .compose(found -> found.size() == 0 ? Future.succeededFuture(Optional.<Changed>empty())
            : tx.preparedQuery(InstallationSql.SET_PHOTO).execute(Tuple.of(installationId, progressId, bytes, contentType, bytes.length()))
                .compose(set -> set.size() == 0 ? Future.succeededFuture(Optional.<Changed>empty())
                    : tx.preparedQuery(InstallationSql.TOUCH).execute(Tuple.of(installationId))
                        .compose(v -> snapshot(tx, installationId))
                        .map(after -> Optional.of(new Changed(after, progressId, false))))));
  }

  Future<Optional<Photo>> photo(long installationId, long progressId, Scope scope) {
    return pool.preparedQuery(InstallationSql.PHOTO).execute(Tuple.of(installationId, progressId, scope.technicianId(), scope.customerId()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row ->
            new Photo(row.getBuffer("photo"), row.getString("photo_content_type"))));
  }

  /** Installations not yet activated, per stage (every stage before activation named, zeros too). */
  Future<Map<String, Long>> openByStage() {
    return pool.query(InstallationSql.COUNT_OPEN_BY_STAGE).execute().map(rows -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      Stages.ORDER.stream().filter(s -> !Stages.ACTIVATED.equals(s)).forEach(s -> counts.put(s, 0L));
      rows.forEach(row -> counts.put(row.getString("stage"), row.getLong("n")));
      return counts;
    });
  }

  private static Future<Long> insertStep(SqlConnection tx, Step step) {
    return tx.preparedQuery(InstallationSql.INSERT_PROGRESS).execute(Tuple.of(step.installationId(), step.stage(), step.note(), step.at(),
        step.technicianId(), step.actor())).map(rows -> rows.iterator().next().getLong("id"));
  }

  private static List<Installation> installations(RowSet<Row> rows) {
    List<Installation> list = new ArrayList<>();
    rows.forEach(row -> list.add(Installation.of(row)));
    return list;
  }
}
