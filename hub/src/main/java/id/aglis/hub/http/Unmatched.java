package id.aglis.hub.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The last handler of a router: answers 405 (with {@code Allow}) when the path exists for other methods,
 * else 404. Vert.x only works out 405 when no route matched at all, and our routers start with handlers
 * for every request (security headers, bodies, sessions), so it is worked out here from the route table.
 */
final class Unmatched implements Handler<RoutingContext> {

  private record PathRoute(Pattern path, Set<HttpMethod> methods) {
  }

  private final Router router;
  private final String prefix;
  private volatile List<PathRoute> table;

  /** {@code prefix} is where the router is mounted ({@code ""} for the root router). */
  Unmatched(Router router, String prefix) {
    this.router = router;
    this.prefix = prefix;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    Set<String> allowed = new TreeSet<>();
    for (PathRoute route : table()) {
      if (route.path().matcher(path).matches()) {
        route.methods().forEach(m -> allowed.add(m.name()));
      }
    }
    if (allowed.isEmpty()) {
      ctx.fail(404);
    } else {
      ctx.response().putHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
      ctx.fail(405);
    }
  }

  private List<PathRoute> table() {
    if (table == null) {
      table = router.getRoutes().stream()
          .filter(r -> r.getPath() != null && r.methods() != null && !r.methods().isEmpty())
          .map(r -> new PathRoute(toPattern(prefix + r.getPath()), r.methods()))
          .toList();
    }
    return table;
  }

  private static Pattern toPattern(String path) {
    StringBuilder regex = new StringBuilder();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        regex.append('/').append(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
      }
    }
    return Pattern.compile(regex.length() == 0 ? "/" : regex.toString());
  }
}
