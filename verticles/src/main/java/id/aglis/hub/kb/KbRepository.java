package id.aglis.hub.kb;

import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.PgErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The kb_categories, kb_articles and kb_votes tables. */
final class KbRepository {

  /** What an editor saves; {@code html} is {@link ArticleHtml#render} of {@code markdown}. */
  record Draft(String slug, String title, String summary, String markdown, String html, String category, String by) {
  }

  /** The search's answer: how it matched ({@code fulltext}, {@code similar}, {@code partial} or {@code none}) and the articles. */
  record Found(String match, List<Article> articles) {
  }

  static final Map<String, String> SLUG_UNIQUE = Map.of("kb_articles_slug_key", "slug", "kb_categories_slug_key", "slug");

  /** What separates a query's words: anything but letters, digits and combining marks ("café" stays one word). */
  private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");

  private final Pool pool;

  KbRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<JsonArray> categories() {
    return pool.query(KbSql.CATEGORIES).execute().map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("slug", r.getString("slug"))
          .put("name", r.getString("name")).put("position", r.getInteger("position"))
          .put("articles", r.getLong("articles")).put("published", r.getLong("published"))));
      return out;
    });
  }

  Future<JsonArray> publicCategories() {
    return pool.query(KbSql.PUBLIC_CATEGORIES).execute().map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("slug", r.getString("slug")).put("name", r.getString("name"))
          .put("articles", r.getLong("articles"))));
      return out;
    });
  }

  Future<JsonObject> insertCategory(String slug, String name, int position) {
    return pool.preparedQuery(KbSql.INSERT_CATEGORY).execute(Tuple.of(slug, name, position))
        .recover(PgErrors.uniqueAs(SLUG_UNIQUE))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("slug", r.getString("slug")).put("name", r.getString("name"))
              .put("position", r.getInteger("position")).put("articles", 0).put("published", 0);
        });
  }

  Future<Article> insert(Draft d) {
    return pool.withTransaction(tx -> categoryId(tx, d.category())
        .compose(category -> tx.preparedQuery(KbSql.INSERT).execute(Tuple.from(new Object[] {d.slug(), d.title(), d.summary(),
            d.markdown(), d.html(), category, d.by()}))))
        .recover(PgErrors.uniqueAs(SLUG_UNIQUE))
        .map(rows -> first(rows).orElseThrow());
  }

  Future<Optional<Article>> update(long id, Draft d) {
    return pool.withTransaction(tx -> categoryId(tx, d.category())
        .compose(category -> tx.preparedQuery(KbSql.UPDATE).execute(Tuple.from(new Object[] {id, d.slug(), d.title(), d.summary(),
            d.markdown(), d.html(), category, d.by()}))))
        .recover(PgErrors.uniqueAs(SLUG_UNIQUE))
        .map(KbRepository::first);
  }

  Future<Optional<Article>> publish(long id, boolean published, String by) {
    return pool.preparedQuery(published ? KbSql.PUBLISH : KbSql.UNPUBLISH).execute(Tuple.of(id, by)).map(KbRepository::first);
  }

  Future<Boolean> delete(long id) {
    return pool.preparedQuery(KbSql.DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  Future<Optional<Article>> byId(long id) {
    return pool.preparedQuery(KbSql.BY_ID).execute(Tuple.of(id)).map(KbRepository::first);
  }

  Future<Optional<Article>> publishedBySlug(String slug) {
    return pool.preparedQuery(KbSql.PUBLISHED_BY_SLUG).execute(Tuple.of(slug)).map(KbRepository::first);
  }

  Future<List<Article>> staffPage(long before, Boolean published, String category, String pattern, int limit) {
    return pool.preparedQuery(KbSql.STAFF_PAGE).execute(Tuple.of(before, published, category, pattern, limit))
        .map(KbRepository::all);
  }

  Future<List<Article>> published(String category, int limit) {
    return pool.preparedQuery(KbSql.PUBLISHED).execute(Tuple.of(category, limit)).map(KbRepository::all);
  }

  /**
   * Full text with every word first; when that finds nothing, titles with a word like one of the query's (a typo);
   * then full text with any of the words (a question phrased unlike the articles). Each stage runs only when the one
   * before found nothing, so the usual search is one statement.
   */
  Future<Found> search(String query, int limit) {
    return fullText(query, limit)
        .compose(hits -> !hits.isEmpty() ? Future.succeededFuture(new Found("fulltext", hits))
            : pool.preparedQuery(KbSql.SIMILAR_TITLES).execute(Tuple.of(query, limit)).map(KbRepository::all)
                .compose(similar -> !similar.isEmpty() ? Future.succeededFuture(new Found("similar", similar))
                    : anyWord(query, limit)));
  }

  private Future<List<Article>> fullText(String query, int limit) {
    return pool.preparedQuery(KbSql.SEARCH).execute(Tuple.of(query, limit)).map(KbRepository::all);
  }

  private Future<Found> anyWord(String query, int limit) {
    // A word the person excluded ("-lampu") stays excluded: it is not one of the words to try.
    String wanted = java.util.Arrays.stream(query.strip().split("\\s+")).filter(w -> !w.startsWith("-"))
        .collect(java.util.stream.Collectors.joining(" "));
    List<String> words = WORDS.splitAsStream(wanted).filter(w -> w.length() > 1).distinct().toList();
    if (words.size() < 2) {
      return Future.succeededFuture(new Found("none", List.of()));
    }
    return fullText(String.join(" or ", words), limit).map(hits -> new Found(hits.isEmpty() ? "none" : "partial", hits));
  }

  /**
   * Records the customer's vote on a published article (replacing an earlier one) and returns the new counts
   * {@code [yes, no]}; empty when no published article has that slug. The article's row lock orders votes on it.
   */
  Future<Optional<int[]>> vote(String slug, long customerId, boolean helpful) {
    return pool.withTransaction(tx -> tx.preparedQuery(KbSql.LOCK_PUBLISHED).execute(Tuple.of(slug)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.<int[]>empty());
      }
      long id = rows.iterator().next().getLong("id");
      return tx.preparedQuery(KbSql.UPSERT_VOTE).execute(Tuple.of(id, customerId, helpful))
          .compose(v -> tx.preparedQuery(KbSql.RECOUNT).execute(Tuple.of(id)))
          .map(counts -> {
            Row r = counts.iterator().next();
            return Optional.of(new int[] {r.getInteger("helpful_yes"), r.getInteger("helpful_no")});
          });
    }));
  }

  /** The customer's vote on the article: true, false, or null when none. */
  Future<Boolean> myVote(long articleId, long customerId) {
    return pool.preparedQuery(KbSql.MY_VOTE).execute(Tuple.of(articleId, customerId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean("helpful"));
  }

  /** The id of the category named by {@code slug}, null for none; an unknown slug is the client's mistake. */
  private static Future<Long> categoryId(SqlClient client, String slug) {
    if (slug == null) {
      return Future.succeededFuture(null);
    }
    return client.preparedQuery(KbSql.CATEGORY_ID).execute(Tuple.of(slug)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiError.invalidField("category", "There is no category '" + slug + "'; create it first.");
      }
      return rows.iterator().next().getLong("id");
    });
  }

  private static Optional<Article> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Article.of(rows.iterator().next()));
  }

  private static List<Article> all(RowSet<Row> rows) {
    List<Article> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(Article.of(r)));
    return out;
  }
}
