package id.aglis.hub.installation;

import id.aglis.hub.installation.InstallationRepository.Changed;
import id.aglis.hub.installation.InstallationRepository.Changes;
import id.aglis.hub.installation.InstallationRepository.NewInstallation;
import id.aglis.hub.installation.InstallationRepository.Scope;
import id.aglis.hub.installation.InstallationRepository.Snapshot;
import id.aglis.hub.installation.InstallationRepository.Step;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What staff do with installations, as the routes ask for it: each write is committed first, then announced
 * ({@link InstallationEvents}) and, when the installation reached a new stage, the customer is sent the stage's
 * WhatsApp notice before the answer goes back (so a client that reads the messages next finds it).
 */
final class Installations {

  private final InstallationRepository repository;
  private final InstallationEvents events;
  private final StageNotices notices;
  private final Clock clock;

  Installations(InstallationRepository repository, InstallationEvents events, StageNotices notices, Clock clock) {
    this.repository = repository;
    this.events = events;
    this.notices = notices;
    this.clock = clock;
  }

  /** The installation with its progress; 404 when it is not in {@code scope}. */
  Future<JsonObject> get(long id, Scope scope) {
    return repository.find(id, scope).compose(found -> found.isEmpty() ? Future.failedFuture(ApiError.notFound("Installation"))
        : repository.progress(List.of(id)).map(steps -> found.get().toJson(steps.get(id))));
  }

  /** Created at stage {@code scheduled}: the installation with its progress. */
  Future<JsonObject> create(NewInstallation created) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return repository.create(created, now).map(changed -> announce(changed, "created", true, now))
        .map(after -> after.installation().toJson(after.progress()));
  }

  /** The new step with the installation after it: {@code {…step…, "installation":{…with progress…}}}. */
  Future<JsonObject> record(Step step, Scope scope) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return repository.record(step, scope)
        .map(changed -> stepJson(announce(changed, changed.moved() ? "stage" : "progress", changed.moved(), now), changed.progressId()));
  }

  Future<JsonObject> update(long id, Changes changes) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return repository.update(id, changes).map(changed -> announce(changed, "updated", false, now))
        .map(after -> after.installation().toJson(after.progress()));
  }

  /** Stores a step's photo: the step with the installation, as {@link #record} answers. */
  Future<JsonObject> photo(long id, long progressId, Scope scope, Buffer bytes, String contentType) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return repository.setPhoto(id, progressId, scope, bytes, contentType)
        .map(stored -> stored.map(changed -> stepJson(announce(changed, "photo", false, now), progressId))
            .orElseThrow(() -> ApiError.notFound("Progress entry")));
  }

  /**
   * After a commit: everybody is told, and the customer gets the stage's notice when {@code notify}, all from the
   * installation as the change itself left it. The notice is not waited for: a dispatcher that is slow to answer must
   * not hold the technician's phone (whose retry would record the step twice), and waiting would make it no more
   * durable.
   */
  private Snapshot announce(Changed changed, String change, boolean notify, OffsetDateTime at) {
    Snapshot after = changed.after();
    events.changed(after.installation(), change, at);
    if (notify && changed.progressId() != null) {
      notices.send(after.installation(), after.step(changed.progressId()));
    }
    return after;
  }

  private static JsonObject stepJson(Snapshot found, long progressId) {
    return found.step(progressId).toJson(false).put("installation", found.installation().toJson(found.progress()));
  }
}
