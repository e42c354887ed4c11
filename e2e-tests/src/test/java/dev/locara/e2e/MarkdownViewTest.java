package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the renderer keeps, so that its safety is not bought by dropping everything: GFM's tables,
 * strikethrough and task lists, links in a new tab, images from the app and data:image/ URIs (others
 * become their alt text), highlighted code with a working copy button; and plain text when DOMPurify
 * is missing.
 */
class MarkdownViewTest extends RenderProbePage {

    private Object html(String js) {
        return page.evaluate(js);
    }

    @Test
    void markdownKeepsItsStructure() {
        String text = "# Title\n\nSome *em*, **strong**, ~~gone~~ and a [link](https://example.org/a).\n\n"
                + "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n> quote\n";
        Object out = page.evaluate("(t) => { const el = self.locaraRenderProbe.render(t);"
                + " return [el.querySelector('h1').textContent, el.querySelector('em').textContent,"
                + "  el.querySelector('del').textContent, el.querySelector('a').getAttribute('href'),"
                + "  el.querySelector('a').target, el.querySelector('a').rel,"
                + "  el.querySelectorAll('table td').length, el.querySelector('th').getAttribute('align'),"
                + "  el.querySelectorAll('input[type=checkbox][disabled]').length,"
                + "  el.querySelector('input').checked, el.querySelector('blockquote').textContent.trim()]; }", text);
        assertEquals(List.of("Title", "em", "gone", "https://example.org/a", "_blank", "noopener noreferrer nofollow",
                2, "left", 2, true, "quote"), out);
    }

    /** Named entities need commonmark's entity table, which the app compiles in (no class path resources in wasm-gc). */
    @Test
    void entitiesAreDecoded() {
        assertEquals("a < b & c : d ' e", page.evaluate(
                "() => self.locaraRenderProbe.render('a &lt; b &amp; c &colon; d &#39; e').textContent.trim()"));
    }

    @Test
    void imagesComeOnlyFromTheAppOrDataUris() {
        String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        Object out = page.evaluate("([png]) => { const p = self.locaraRenderProbe;"
                + " const md = p.render('![own](icon.svg) ![inline](' + png + ') ![far](https://evil.example/t.png)');"
                + " const raw = p.sanitize('<img src=\"https://evil.example/t.png\" alt=\"tracker\"><img src=\"icon.svg\" alt=\"i\">"
                + "<img src=\" data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"g\"><img src=\"data:text/html,x\" alt=\"h\">');"
                + " return [[...md.querySelectorAll('img')].map(i => i.alt).join(','), md.textContent.trim(),"
                + "  [...raw.querySelectorAll('img')].map(i => i.alt).join(','), raw.textContent]; }", List.of(png));
        assertEquals(List.of("own,inline", "far", "i,g", "trackerh"), out);
    }

    @Test
    void codeIsHighlightedAndCopied() {
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        String code = "def greet(name):\n    return \"<b>\" + name  # not HTML\n";
        Object out = page.evaluate("(t) => { const el = self.locaraRenderProbe.render(t);"
                + " const c = el.querySelector('div.code-block > pre > code');"
                + " return [c.classList.contains('hljs'), c.querySelectorAll('span.hljs-keyword').length > 0,"
                + "  c.textContent, el.querySelectorAll('b').length]; }", "```python\n" + code + "```\n");
        assertEquals(List.of(true, true, code, 0), out);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy code")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copied")).waitFor();
        assertEquals(code, page.evaluate("() => navigator.clipboard.readText()"));
    }

    @Test
    void withoutDomPurifyTheTextIsShownAsText() {
        String text = "**bold** <b>tag</b>\n\n```js\nx\n```";
        Object out = page.evaluate("(t) => { delete globalThis.DOMPurify; const p = self.locaraRenderProbe;"
                + " const whole = p.render(t); const streamed = p.stream(t, 2);"
                + " return [whole.textContent, whole.children.length, streamed.textContent, streamed.children.length]; }", text);
        assertEquals(List.of(text, 0, text, 0), out);
    }
}
