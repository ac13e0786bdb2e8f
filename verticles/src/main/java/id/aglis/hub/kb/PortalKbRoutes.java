package id.aglis.hub.kb;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The help pages' API under {@code /portal/kb} (see docs/kb.md). Reading is open to anyone, signed in or not, so
 * "lupa kata sandi" and "cara bayar" help before sign-in; visitors who are not signed in are limited per address
 * ({@link PublicReads}) and see published articles only, like everyone here: an unpublished article is 404. Voting
 * "was this helpful" needs a signed-in customer, one vote per article, changeable.
 */
final class PortalKbRoutes {

  static final int Q_MAX = 200;
  private static final int LIST_MAX = 500;
  private static final int SEARCH_MAX = 20;

  private final KbRepository repository;
  private final KbSettings settings;
  private final Handler<RoutingContext> publicReads;

  PortalKbRoutes(KbRepository repository, KbSettings settings, Handler<RoutingContext> publicReads) {
    this.repository = repository;
    this.settings = settings;
    this.publicReads = publicReads;
  }

  void mount(Router api) {
    Handler<RoutingContext> readers = settings.publicReadsPerMinute() == 0 ? Access.signedIn() : publicReads;
    api.get("/portal/kb/categories").handler(readers).handler(this::categories);
    api.get("/portal/kb/articles").handler(readers).handler(this::list);
    api.get("/portal/kb/search").handler(readers).handler(this::search);
    api.get("/portal/kb/articles/:slug").handler(readers).handler(this::get);
    api.post("/portal/kb/articles/:slug/vote").handler(Access.customer()).handler(this::vote);
  }

  private void categories(RoutingContext ctx) {
    repository.publicCategories().onSuccess(items -> Responses.ok(ctx, new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String category = Requests.query(ctx, "category");
    repository.published(category, LIST_MAX)
        .onSuccess(rows -> Responses.ok(ctx, new JsonObject()
            .put("items", new JsonArray(rows.stream().map(Article::publicSummary).toList()))))
        .onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx) {
    String q = Requests.query(ctx, "q");
    if (q == null) {
      throw ApiError.invalidField("q", "'q' is required: the words to look for.");
    }
    if (q.length() > Q_MAX) {
      throw ApiError.invalidField("q", "'q' must be at most " + Q_MAX + " characters.");
    }
    repository.search(q, SEARCH_MAX)
        .onSuccess(found -> Responses.ok(ctx, new JsonObject().put("q", q).put("match", found.match())
            .put("items", new JsonArray(found.articles().stream().map(Article::publicSummary).toList()))
            .put("suggestTicket", found.articles().isEmpty())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String slug = slug(ctx);
    Principal who = Access.principal(ctx);
    repository.publishedBySlug(slug)
        .compose(found -> {
          Article article = found.orElseThrow(() -> ApiError.notFound("Article"));
          JsonObject json = article.publicDetail();
          if (who == null || who.kind() != Principal.Kind.CUSTOMER) {
            return Future.succeededFuture(json);
          }
          return repository.myVote(article.id(), who.id()).map(vote -> json.put("myVote", vote));
        })
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  private void vote(RoutingContext ctx) {
    String slug = slug(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("helpful"));
    Boolean helpful = Fields.optionalBoolean(body, "helpful");
    if (helpful == null) {
      throw ApiError.invalidField("helpful", "'helpful' is required: true or false.");
    }
    repository.vote(slug, Access.principal(ctx).id(), helpful)
        .onSuccess(counts -> counts.ifPresentOrElse(
            c -> Responses.ok(ctx, new JsonObject().put("slug", slug).put("myVote", helpful)),
            () -> ctx.fail(ApiError.notFound("Article"))))
        .onFailure(ctx::fail);
  }

  /** A path slug that cannot name an article is simply not found. */
  private static String slug(RoutingContext ctx) {
    String slug = ctx.pathParam("slug");
    if (slug == null || slug.length() > Slugs.MAX || !Slugs.PATTERN.matcher(slug).matches()) {
      throw ApiError.notFound("Article");
    }
    return slug;
  }
}
