package id.aglis.hub.kb;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The knowledge-base editor's API under {@code /kb} (see docs/kb.md): every staff member reads articles with their
 * helpfulness figures; admins, supervisors and customer service write, publish, unpublish, delete and preview.
 * Markdown is rendered and sanitised here, once per save, off the event loop.
 */
final class KbRoutes {

  static final int TITLE_MAX = 150;
  static final int SUMMARY_MAX = 300;
  static final int BODY_MAX = 50_000;
  private static final int Q_MAX = 100;
  private static final Set<String> FIELDS = Set.of("slug", "title", "summary", "bodyMarkdown", "category");

  private final Vertx vertx;
  private final KbRepository repository;

  KbRoutes(Vertx vertx, KbRepository repository) {
    this.vertx = vertx;
    this.repository = repository;
  }

  void mount(Router api) {
    var anyStaff = Access.anyStaff();
    var writers = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS);
    api.post("/kb/preview").handler(writers).handler(this::preview);
    api.get("/kb/articles").handler(anyStaff).handler(this::list);
    api.post("/kb/articles").handler(writers).handler(this::create);
    api.get("/kb/articles/:id").handler(anyStaff).handler(this::get);
    api.put("/kb/articles/:id").handler(writers).handler(this::update);
    api.delete("/kb/articles/:id").handler(writers).handler(this::delete);
    api.post("/kb/articles/:id/publish").handler(writers).handler(ctx -> publish(ctx, true));
    api.post("/kb/articles/:id/unpublish").handler(writers).handler(ctx -> publish(ctx, false));
  }

  /** The HTML customers would be served for {@code markdown}, computed on a worker thread. */
  static Future<String> render(Vertx vertx, String markdown) {
    return vertx.executeBlocking(() -> ArticleHtml.render(markdown), false);
  }

  private void preview(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("bodyMarkdown"));
    String markdown = Fields.optionalString(body, "bodyMarkdown", BODY_MAX);
    render(vertx, markdown == null ? "" : markdown)
        .onSuccess(html -> Responses.ok(ctx, new JsonObject().put("bodyHtml", html)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    Boolean published = Requests.queryBoolean(ctx, "published");
    String category = Requests.query(ctx, "category");
    String q = Requests.query(ctx, "q");
    if (q != null && q.length() > Q_MAX) {
      throw ApiError.invalidField("q", "'q' must be at most " + Q_MAX + " characters.");
    }
    String pattern = q == null ? null : "%" + id.aglis.hub.platform.Likes.escape(q) + "%";
    repository.staffPage(before, published, category, pattern, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Article::id, Article::staffSummary))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Article");
    repository.byId(id)
        .onSuccess(found -> found.ifPresentOrElse(a -> Responses.ok(ctx, a.staffDetail()), () -> ctx.fail(ApiError.notFound("Article"))))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    Draft draft = draft(ctx, true);
    render(vertx, draft.markdown())
        .compose(html -> repository.insert(draft.with(html)))
        .onSuccess(a -> Responses.json(ctx, 201, a.staffDetail()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Article");
    Draft draft = draft(ctx, false);
    render(vertx, draft.markdown())
        .compose(html -> repository.update(id, draft.with(html)))
        .onSuccess(found -> found.ifPresentOrElse(a -> Responses.ok(ctx, a.staffDetail()), () -> ctx.fail(ApiError.notFound("Article"))))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Article");
    repository.delete(id)
        .onSuccess(deleted -> {
          if (deleted) {
            Responses.noContent(ctx);
          } else {
            ctx.fail(ApiError.notFound("Article"));
          }
        })
        .onFailure(ctx::fail);
  }

  private void publish(RoutingContext ctx, boolean published) {
    long id = Requests.idParam(ctx, "id", "Article");
    repository.publish(id, published, Access.principal(ctx).name())
        .onSuccess(found -> found.ifPresentOrElse(a -> Responses.ok(ctx, a.staffDetail()), () -> ctx.fail(ApiError.notFound("Article"))))
        .onFailure(ctx::fail);
  }

  /**
   * A create or a full replace: everything but the slug is required. A create without a slug makes one from the
   * title; a replace without one keeps the stored slug (null here), so fixing a title never moves a public link.
   */
  private static Draft draft(RoutingContext ctx, boolean create) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String title = Fields.requiredString(body, "title", TITLE_MAX);
    String slugGiven = Fields.optionalString(body, "slug", Slugs.INPUT_MAX);
    String slug = slugGiven != null ? Slugs.checked(slugGiven, "slug") : create ? Slugs.fromTitle(title, "slug") : null;
    String summary = Fields.optionalString(body, "summary", SUMMARY_MAX);
    String markdown = Fields.requiredString(body, "bodyMarkdown", BODY_MAX);
    String category = Fields.optionalString(body, "category", Slugs.MAX);
    return new Draft(slug, title, summary == null ? "" : summary, markdown, category, who.name());
  }

  private record Draft(String slug, String title, String summary, String markdown, String category, String by) {

    KbRepository.Draft with(String html) {
      return new KbRepository.Draft(slug, title, summary, markdown, html, category, by);
    }
  }
}
