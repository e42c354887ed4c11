package dev.locara.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownTest {
    private final Markdown md = new Markdown();

    @Test
    void rendersGfm() {
        assertEquals("<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n"
                + "<tbody>\n<tr>\n<td>1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n",
                md.toHtml("| a | b |\n|---|--:|\n| 1 | 2 |"));
        assertEquals("<p><del>gone</del></p>\n", md.toHtml("~~gone~~"));
        assertEquals("<ul>\n<li><input type=\"checkbox\" disabled=\"\" checked=\"\"> done</li>\n"
                + "<li><input type=\"checkbox\" disabled=\"\"> todo</li>\n</ul>\n", md.toHtml("- [x] done\n- [ ] todo"));
        assertEquals("<pre><code class=\"language-java\">int x = 1 &lt; 2;\n</code></pre>\n",
                md.toHtml("```java\nint x = 1 < 2;\n```"));
    }

    @Test
    void escapesRawHtml() {
        assertEquals("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n", md.toHtml("<img src=x onerror=alert(1)>"));
        assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", md.toHtml("<script>alert(1)</script>"));
        assertEquals("<p>a &lt;b onclick=&quot;x()&quot;&gt;b&lt;/b&gt;</p>\n", md.toHtml("a <b onclick=\"x()\">b</b>"));
    }

    @Test
    void linksKeepOnlySafeSchemesAndOpenApart() {
        assertEquals("<p><a rel=\"noopener noreferrer nofollow\" href=\"https://example.org/a\" target=\"_blank\">x</a></p>\n",
                md.toHtml("[x](https://example.org/a)"));
        for (String bad : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#115;cript:alert(1)",
            "&#106;avascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
            " javascript:alert(1)", "file:///etc/passwd", "<java\tscript:alert(1)>"}) {
            String html = md.toHtml("[x](" + bad + ")");
            assertFalse(html.contains("href"), bad + " -> " + html);
            assertFalse(html.toLowerCase().contains("script:"), bad + " -> " + html);
        }
        assertEquals("<p><a rel=\"nofollow\">x</a></p>\n", md.toHtml("[x](javascript:alert(1))"));
        assertTrue(md.toHtml("<javascript:alert(1)>").indexOf("href") < 0);
    }

    @Test
    void imagesLoadOnlyFromTheAppOrRasterDataUris() {
        assertEquals("<p><img src=\"icon.svg\" alt=\"a\" /></p>\n", md.toHtml("![a](icon.svg)"));
        assertEquals("<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"a\" /></p>\n",
                md.toHtml("![a](data:image/png;base64,iVBORw0KGgo=)"));
        for (String bad : new String[] {"https://tracker.example/p.png", "http://x/p.gif", "//tracker.example/p.png",
            "/\\tracker.example/p.png", "data:image/svg+xml;base64,PHN2Zz4=", "data:text/html,x", "javascript:alert(1)"}) {
            String html = md.toHtml("![a](" + bad + ")");
            assertEquals("<p><img alt=\"a\" /></p>\n", html, bad);
        }
    }

    @Test
    void deepNestingIsBounded() {
        String html = md.toHtml(">".repeat(10_000) + " deep");
        assertTrue(html.length() < 10_000 * 20, "nesting past the limit is read as text");
        md.toHtml("*".repeat(50_000) + "a" + "*".repeat(50_000));
        md.toHtml("[".repeat(20_000) + "a" + "](b)".repeat(20_000));
    }

    @Test
    void schemesAreReadAsBrowsersReadThem() {
        assertEquals("javascript", UrlPolicy.scheme("\u0001 java\tscript:x"));
        assertEquals("https", UrlPolicy.scheme("HTTPS://x"));
        assertEquals(null, UrlPolicy.scheme("a/b:c"));
        assertEquals(null, UrlPolicy.scheme("javascript%3Aalert(1)"));
        assertEquals("", UrlPolicy.scheme(":x"));
    }
}
