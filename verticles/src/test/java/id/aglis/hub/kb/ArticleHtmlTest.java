package id.aglis.hub.kb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The knowledge base's Markdown renderer and sanitiser policy: what an article may show, and what never runs. */
class ArticleHtmlTest {

  @Test
  @DisplayName("headings, lists, emphasis, code and GFM tables come through")
  void markdown() {
    String html = ArticleHtml.render("""
        ## Langkah

        1. Buka **portal**
        2. Pilih *Tagihan*

        - satu
        - dua

        > catatan

        Ketik `192.168.1.1` lalu:

        ```bash
        ping 8.8.8.8
        ```

        | Cara | Biaya |
        |:-----|------:|
        | VA   | Rp 0  |
        """);
    assertThat(html).contains("<h2>Langkah</h2>").contains("<ol>").contains("<li>Buka <strong>portal</strong></li>")
        .contains("<em>Tagihan</em>").contains("<ul>").contains("<blockquote>").contains("<code>192.168.1.1</code>")
        .contains("<pre><code class=\"language-bash\">ping 8.8.8.8").contains("<table>").contains("<th align=\"left\">Cara</th>")
        .contains("<td align=\"right\">Rp 0</td>");
  }

  @Test
  @DisplayName("links keep http, https, mailto and hub paths, always with rel=nofollow noopener")
  void links() {
    String html = ArticleHtml.render("[a](https://www.aglis.id/paket) [b](http://x.example/) [c](mailto:cs@aglis.id) "
        + "[d](/portal/#/tickets/new)");
    assertThat(html).contains("href=\"https://www.aglis.id/paket\"").contains("href=\"http://x.example/\"")
        .contains("href=\"mailto:cs").contains("href=\"/portal/#/tickets/new\"");
    assertThat(html.split("rel=\"nofollow noopener\"", -1)).hasSize(5);
  }

  @Test
  @DisplayName("a link that reads as a path but leaves the site (//host, /\\host) keeps its text and loses its target")
  void offSitePaths() {
    for (String href : new String[] {"//evil.example/x", "/\\evil.example/x", "javascript:alert(1)", "JaVaScRiPt:alert(1)"}) {
      String html = ArticleHtml.render("[klik](" + href + ")");
      assertThat(html).as(href).contains("klik").doesNotContain("href").doesNotContain("evil").doesNotContain("alert");
    }
    assertThat(ArticleHtml.render("[atas](#langkah-1)")).contains("href=\"#langkah-1\"");
  }

  @Test
  @DisplayName("script, event handlers, javascript: and data: links, raw HTML blocks and inline HTML never survive")
  void noScript() {
    String html = ArticleHtml.render("""
        <script>alert(1)</script>

        <div onclick="alert(2)">blok</div>

        Teks <img src=x onerror=alert(3)> dan <b onmouseover="alert(4)">tebal</b> dan <iframe src="https://evil.example"></iframe>

        [klik](javascript:alert(5)) [klik2](JaVaScRiPt:alert(6)) [klik3](data:text/html;base64,PHNjcmlwdD4=)
        [klik4](vbscript:msgbox(7)) [klik5](java&#x09;script:alert(8))

        ![gambar](javascript:alert(9))

        <style>body{display:none}</style>
        """);
    assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("alert").doesNotContain("onerror")
        .doesNotContain("onclick").doesNotContain("onmouseover").doesNotContain("javascript").doesNotContain("vbscript")
        .doesNotContain("data:").doesNotContain("<iframe").doesNotContain("<div").doesNotContain("<style")
        .doesNotContain("<b>");
    assertThat(html).contains("klik").contains("Teks");
  }

  @Test
  @DisplayName("images only from the hub itself: other hosts, protocol-relative and backslash tricks lose their source")
  void images() {
    assertThat(ArticleHtml.render("![modem](/kb/img/modem.png \"Modem\")"))
        .contains("<img src=\"/kb/img/modem.png\" alt=\"modem\" title=\"Modem\" />");
    for (String src : new String[] {"https://evil.example/x.png", "//evil.example/x.png", "http://evil.example/x.png"}) {
      assertThat(ArticleHtml.render("![x](" + src + ")")).as(src).doesNotContain("evil").doesNotContain("<img src");
    }
    assertThat(ArticleHtml.render("![x](/\\evil.example/x.png)")).doesNotContain("src=\"/\\");
  }
}
