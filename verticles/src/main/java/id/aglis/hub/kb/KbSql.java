package id.aglis.hub.kb;

/** SQL of {@link KbRepository}. Search goes through kb_unaccent (V020), the same function the indexes use. */
final class KbSql {

  private KbSql() {
  }

  private static final String COLUMNS = "a.id, a.slug, a.title, a.summary, a.body_markdown, a.body_html, "
      + "c.slug as category_slug, c.name as category_name, a.published, a.published_at, a.helpful_yes, a.helpful_no, "
      + "a.updated_by, a.created_at, a.updated_at";

  /**
   * The same columns without the bodies (up to 100 KB an article), for lists and search results, which show
   * summaries: a public search must not pull every body off the disk to answer with a title and a line.
   */
  private static final String LIST_COLUMNS = COLUMNS.replace("a.body_markdown, a.body_html", "null::text as body_markdown, null::text as body_html");

  /** The article row {@code a} of a data-modifying CTE, with its category. */
  private static final String FROM_A = " from a left join kb_categories c on c.id = a.category_id";

  private static final String FROM_ARTICLES = " from kb_articles a left join kb_categories c on c.id = a.category_id";

  static final String CATEGORY_ID = "select id from kb_categories where slug = $1";

  static final String CATEGORIES = "select c.id, c.slug, c.name, c.position, "
      + "count(a.id) as articles, count(a.id) filter (where a.published) as published "
      + "from kb_categories c left join kb_articles a on a.category_id = c.id group by c.id order by c.position, c.name";

  /** Categories with at least one published article, for the help page. */
  static final String PUBLIC_CATEGORIES = "select c.slug, c.name, count(*) as articles from kb_categories c "
      + "join kb_articles a on a.category_id = c.id and a.published group by c.id order by c.position, c.name";

  static final String INSERT_CATEGORY = "insert into kb_categories (slug, name, position) values ($1, $2, $3) "
      + "returning id, slug, name, position";

  /** $1 slug, $2 title, $3 summary, $4 markdown, $5 html, $6 category id, $7 who. */
  static final String INSERT = "with a as (insert into kb_articles (slug, title, summary, body_markdown, body_html, "
      + "category_id, updated_by) values ($1, $2, $3, $4, $5, $6, $7) returning *) select " + COLUMNS + FROM_A;

  /** $1 id, then as {@link #INSERT}. */
  static final String UPDATE = "with a as (update kb_articles set slug = coalesce($2, slug), title = $3, summary = $4, body_markdown = $5, "
      + "body_html = $6, category_id = $7, updated_by = $8, updated_at = now() where id = $1 returning *) select "
      + COLUMNS + FROM_A;

  /** Publishing keeps the first publication time of a run: publishing twice is not news. */
  static final String PUBLISH = "with a as (update kb_articles set published = true, "
      + "published_at = case when published then published_at else now() end, updated_by = $2, updated_at = now() "
      + "where id = $1 returning *) select " + COLUMNS + FROM_A;

  static final String UNPUBLISH = "with a as (update kb_articles set published = false, updated_by = $2, updated_at = now() "
      + "where id = $1 returning *) select " + COLUMNS + FROM_A;

  static final String DELETE = "delete from kb_articles where id = $1";

  static final String BY_ID = "select " + COLUMNS + FROM_ARTICLES + " where a.id = $1";

  static final String PUBLISHED_BY_SLUG = "select " + COLUMNS + FROM_ARTICLES + " where a.slug = $1 and a.published";

  /** The editor's list, newest first. $1 cursor (id below), $2 published, $3 category slug, $4 ILIKE pattern, $5 limit. */
  static final String STAFF_PAGE = "select " + LIST_COLUMNS + FROM_ARTICLES + " where a.id < $1 "
      + "and ($2::boolean is null or a.published = $2) and ($3::text is null or c.slug = $3) "
      + "and ($4::text is null or a.title ilike $4 or a.slug ilike $4 or a.summary ilike $4) order by a.id desc limit $5";

  /** The help page's list: by category (in its order), then title. $1 category slug or null, $2 limit. */
  static final String PUBLISHED = "select " + LIST_COLUMNS + FROM_ARTICLES + " where a.published "
      + "and ($1::text is null or c.slug = $1) order by c.position nulls last, c.name nulls last, a.title limit $2";

  /**
   * Full text, best first: the customer's words unaccented, parsed like a web search box ("quoted phrases", or,
   * -not) with the Indonesian stemmer, ranked with title over summary over body. $1 query, $2 limit.
   */
  static final String SEARCH = "select " + LIST_COLUMNS + ", ts_rank(a.search, query) as rank" + FROM_ARTICLES
      + " cross join websearch_to_tsquery('indonesian', kb_unaccent($1)) as query"
      + " where a.published and a.search @@ query order by rank desc, a.id limit $2";

  /**
   * The fallback for typos: titles holding a word like one of the query's (pg_trgm word similarity over the
   * default threshold of 0.6; "pasword" is 0.875 like "password"). {@code %>} keeps the trigram index usable.
   */
  static final String SIMILAR_TITLES = "select " + LIST_COLUMNS + ", word_similarity(kb_unaccent($1), kb_unaccent(a.title)) as rank"
      + FROM_ARTICLES + " where a.published and kb_unaccent(a.title) %> kb_unaccent($1) order by rank desc, a.id limit $2";

  static final String LOCK_PUBLISHED = "select id from kb_articles where slug = $1 and published for update";

  static final String UPSERT_VOTE = "insert into kb_votes (article_id, customer_id, helpful) values ($1, $2, $3) "
      + "on conflict (article_id, customer_id) do update set helpful = excluded.helpful, voted_at = now()";

  /** Recounted, not incremented: a changed vote moves from one column to the other without bookkeeping. */
  static final String RECOUNT = "update kb_articles set "
      + "helpful_yes = (select count(*) from kb_votes where article_id = $1 and helpful), "
      + "helpful_no = (select count(*) from kb_votes where article_id = $1 and not helpful) "
      + "where id = $1 returning helpful_yes, helpful_no";

  static final String MY_VOTE = "select helpful from kb_votes where article_id = $1 and customer_id = $2";
}
