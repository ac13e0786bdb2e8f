package id.aglis.hub.ops;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * Operations diagnostics that are asked for, not streamed: for now the database's slowest statements
 * ({@code GET /api/v1/ops/statements}). Its own feature rather than a corner of the live one: the live feature is
 * the streams' machinery (numbering, history, the bridge), while this reads the database on request, and it is
 * where the operations side grows (the node's pools, alerts on them) without touching the streams.
 */
public final class OpsFeature implements Feature {

  private Statements statements;

  @Override
  public String name() {
    return "ops";
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    statements = new Statements(node.pool());
    return Future.succeededFuture();
  }

  @Override
  public void mountApi(Router api) {
    new StatementRoutes(statements).mount(api);
  }
}
