package id.aglis.hub.webhook;

import id.aglis.hub.dispatch.fonnte.FakeFonnte;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the sandbox device feel real: for each message it accepted, posts the status callbacks Fonnte
 * would, to this node's own webhook, so they take the same path as real ones: sent (1–3 s), delivered
 * (2–6 s later), and for most read (3–15 s later); about one in thirty fails instead.
 */
public final class SandboxReceipts implements Handler<FakeFonnte.Accepted> {

  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final String path;

  public SandboxReceipts(Vertx vertx, int port, String secret) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.port = port;
    this.path = "/hooks/fonnte/" + secret + "/status";
  }

  @Override
  public void handle(FakeFonnte.Accepted accepted) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String stateId = "3EB0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    long sentAt = random.nextLong(1_000, 3_000);
    if (random.nextInt(30) == 0) {
      later(sentAt, new JsonObject().put("device", accepted.device()).put("id", accepted.providerId()).put("status", "failed"));
      return;
    }
    later(sentAt, new JsonObject().put("device", accepted.device()).put("id", accepted.providerId()).put("stateid", stateId)
        .put("status", "sent").put("state", "sent"));
    long deliveredAt = sentAt + random.nextLong(2_000, 6_000);
    later(deliveredAt, new JsonObject().put("device", accepted.device()).put("stateid", stateId).put("state", "delivered"));
    if (random.nextInt(10) < 7) {
      later(deliveredAt + random.nextLong(3_000, 15_000),
          new JsonObject().put("device", accepted.device()).put("stateid", stateId).put("state", "read"));
    }
  }

  private void later(long delayMs, JsonObject callback) {
    vertx.setTimer(delayMs, t -> client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI(path).putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(callback.toBuffer()))
        .onSuccess(response -> response.body()));
  }
}
