package id.aglis.hub.kb;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A knowledge-base article as stored, with its category's slug and name (null when it has none). */
record Article(long id, String slug, String title, String summary, String bodyMarkdown, String bodyHtml, String categorySlug,
               String categoryName, boolean published, OffsetDateTime publishedAt, int helpfulYes, int helpfulNo,
               String updatedBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static Article of(Row r) {
    return new Article(r.getLong("id"), r.getString("slug"), r.getString("title"), r.getString("summary"),
        r.getString("body_markdown"), r.getString("body_html"), r.getString("category_slug"), r.getString("category_name"),
        r.getBoolean("published"), r.getOffsetDateTime("published_at"), r.getInteger("helpful_yes"),
        r.getInteger("helpful_no"), r.getString("updated_by"), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"));
  }

  private JsonObject category() {
    return categorySlug == null ? null : new JsonObject().put("slug", categorySlug).put("name", categoryName);
  }

  /** "Was this helpful": the counts and the share of yes (null before the first vote). */
  JsonObject helpful() {
    int votes = helpfulYes + helpfulNo;
    return new JsonObject().put("yes", helpfulYes).put("no", helpfulNo)
        .put("ratio", votes == 0 ? null : Math.round(helpfulYes * 1000.0 / votes) / 1000.0);
  }

  /** The staff's list row: no bodies. */
  JsonObject staffSummary() {
    return new JsonObject().put("id", id).put("slug", slug).put("title", title).put("summary", summary)
        .put("category", category()).put("published", published).put("publishedAt", iso(publishedAt))
        .put("helpful", helpful()).put("updatedBy", updatedBy).put("createdAt", iso(createdAt))
        .put("updatedAt", iso(updatedAt));
  }

  /** The editor's view: everything. */
  JsonObject staffDetail() {
    return staffSummary().put("bodyMarkdown", bodyMarkdown).put("bodyHtml", bodyHtml);
  }

  /** What customers and visitors see in lists and search results. */
  JsonObject publicSummary() {
    return new JsonObject().put("slug", slug).put("title", title).put("summary", summary).put("category", category())
        .put("updatedAt", iso(updatedAt));
  }

  /** A published article for customers and visitors: the sanitised HTML, never the Markdown or the figures. */
  JsonObject publicDetail() {
    return publicSummary().put("bodyHtml", bodyHtml).put("publishedAt", iso(publishedAt));
  }

  private static String iso(OffsetDateTime time) {
    return Times.iso(time);
  }
}
