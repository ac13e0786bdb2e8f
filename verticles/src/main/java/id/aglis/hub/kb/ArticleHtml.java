package id.aglis.hub.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * An article's Markdown as the HTML customers are served: rendered with commonmark-java (plus GFM tables), then
 * sanitised with the OWASP policy below. Done once when an article is saved (and for the editor's preview), never
 * per view. Two layers on purpose: raw HTML in the Markdown is dropped from the syntax tree before rendering (an
 * author writes Markdown; a pasted {@code <iframe>} or {@code <script>} is never what a help page needs), and the
 * sanitiser then allows only the elements Markdown itself produces, so a renderer bug cannot let script through.
 *
 * <p>The policy: headings, paragraphs, lists, quotes, tables, emphasis, code; links to http, https and mailto (and
 * paths on the hub) with {@code rel="nofollow noopener"}; images only from the hub itself (a path such as
 * {@code /kb/img/modem.png}), so an article cannot make a customer's phone fetch from elsewhere. No attributes
 * that run script, no styles, no classes but a code block's language. Parser, renderer and policy are immutable
 * and safe to share between threads.
 */
public final class ArticleHtml {

  /** A path on the hub: one leading slash, not "//" or "/\" (which browsers read as another host). */
  private static final Pattern HUB_PATH = Pattern.compile("^/(?![/\\\\])[^\\s\\\\]*$");

  /**
   * Where a link may go: another site named in full (http, https, mailto: the protocol checks below), a path on the
   * hub, or a place on the page. A link written {@code //host} or {@code /\host} reads as a path but leaves the site,
   * so it is dropped (its text stays).
   */
  private static final Pattern LINK = Pattern.compile("^(?:(?:https?|mailto):.*|/(?![/\\\\]).*|#.*)$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).build();

  static final PolicyFactory POLICY = new HtmlPolicyBuilder()
      .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em",
          "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "a", "img")
      .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
      .allowAttributes("align").matching(Pattern.compile("left|center|right")).onElements("th", "td")
      .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,32}")).onElements("code")
      .allowAttributes("href").matching(LINK).onElements("a")
      .allowAttributes("title").onElements("a", "img")
      .allowAttributes("alt").onElements("img")
      .allowAttributes("src").matching(HUB_PATH).onElements("img")
      .allowUrlProtocols("http", "https", "mailto")
      .requireRelsOnLinks("nofollow", "noopener")
      .toFactory();

  private ArticleHtml() {
  }

  /** The sanitised HTML of {@code markdown}; CPU work proportional to its length (a 50,000-character body: a few ms). */
  public static String render(String markdown) {
    Node document = PARSER.parse(markdown == null ? "" : markdown);
    dropRawHtml(document);
    return POLICY.sanitize(RENDERER.render(document));
  }

  private static void dropRawHtml(Node document) {
    List<Node> raw = new ArrayList<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(HtmlBlock htmlBlock) {
        raw.add(htmlBlock);
      }

      @Override
      public void visit(HtmlInline htmlInline) {
        raw.add(htmlInline);
      }
    });
    raw.forEach(Node::unlink);
  }
}
