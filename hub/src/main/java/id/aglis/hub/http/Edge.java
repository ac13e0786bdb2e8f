package id.aglis.hub.http;

import id.aglis.hub.config.HubConfig;
import id.aglis.hub.dispatch.Dispatch;
import id.aglis.hub.identity.Identity;
import id.aglis.hub.webhook.Webhooks;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

/**
 * What every HTTP verticle instance of a node shares: the clients, the wired features and the few
 * facts the edge shows. Built once by the node, handed to each instance.
 */
public record Edge(HubConfig config, String nodeId, String version, Pool pool, Redis redis, RedisAPI redisApi,
                   Identity identity, Dispatch dispatch, Webhooks webhooks, PrometheusMeterRegistry registry,
                   java.util.function.Supplier<JsonObject> cluster) {

  JsonObject info() {
    return new JsonObject().put("name", "AGLIS Hub").put("version", version).put("nodeId", nodeId)
        .put("clustered", config.cluster().enabled()).put("demo", config.demo());
  }
}
