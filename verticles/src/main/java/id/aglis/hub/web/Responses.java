package id.aglis.hub.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Writes JSON success responses with the headers every API answer carries. */
public final class Responses {

  private Responses() {
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    BrowserSession.thenSend(ctx, () -> ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode()));
  }

  public static void ok(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body);
  }

  /**
   * A page of a cursor-paginated list: {@code {"items":[…],"nextCursor":…|null}}. Repositories are asked
   * for {@code limit + 1} rows; the extra row, when it exists, only proves there is a next page.
   */
  public static <T> void page(RoutingContext ctx, List<T> rowsPlusOne, int limit, ToLongFunction<T> id, Function<T, JsonObject> toJson) {
    List<T> shown = rowsPlusOne.size() > limit ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
    String next = rowsPlusOne.size() > limit ? Cursor.encode(id.applyAsLong(shown.get(shown.size() - 1))) : null;
    json(ctx, 200, new JsonObject().put("items", new JsonArray(shown.stream().map(toJson).toList())).put("nextCursor", next));
  }

  public static void noContent(RoutingContext ctx) {
    BrowserSession.thenSend(ctx, () -> ctx.response().setStatusCode(204).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end());
  }
}
