package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * {@link Addresses#INSTALLATION_CHANGED}: an installation after a committed change.
 *
 * @param installation as {@code GET /api/v1/installations/{id}} shows it, without {@code progress}
 * @param change       {@code created}, {@code stage} (moved on), {@code progress} (a step at the same stage), {@code photo} or {@code updated}
 */
public record InstallationChanged(JsonObject installation, String change, OffsetDateTime at) {

  public InstallationChanged {
    installation = installation.copy();
  }

  public long id() {
    return installation.getLong("id");
  }

  public String stage() {
    return installation.getString("stage");
  }

  /** The customer's id, whose portal page hears of it on {@code ui.customer.<id>}. */
  public long customerId() {
    return installation.getJsonObject("customer").getLong("id");
  }

  public JsonObject toJson() {
    return new JsonObject().put("installation", installation.copy()).put("change", change).put("at", Times.withOffset(at));
  }

  public static InstallationChanged fromJson(JsonObject json) {
    return new InstallationChanged(json.getJsonObject("installation"), json.getString("change"), Times.parse(json.getString("at")));
  }
}
