package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The XSS corpus (resources xss/xss-payloads.json: blns's Script Injection strings and classic filter
 * evasions) through the renderer, in Chromium with the page's CSP bypassed: each payload as a stored
 * answer, streamed in chunks of 1 and 3 characters, and as HTML given to the Sanitizer alone (the second
 * line of defence must hold without the first). Nothing may run (window.__xss stays unset, no dialog),
 * no request may leave the loopback server, and no output may hold a script, frame, object, SVG,
 * MathML, style, form, base or meta element, an on* or style attribute, a link other than http(s) or
 * mailto, or an image from elsewhere than the app or a data:image/ URI.
 */
class MarkdownXssTest extends RenderProbePage {

    static String resource(String name) {
        try (InputStream in = MarkdownXssTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The detector works: in this page a payload that reaches the DOM does run and does open a dialog. */
    @Test
    void aPayloadThatReachesThePageIsSeen() {
        page.evaluate("() => { const d = document.createElement('div');"
                + " d.innerHTML = '<img src=x onerror=\"window.__xss = 1\">'; document.body.append(d); }");
        page.waitForFunction("() => window.__xss === 1");
        page.evaluate("() => alert('control')");
        assertEquals(List.of("alert: control"), dialogs);
        page.addScriptTag(new com.microsoft.playwright.Page.AddScriptTagOptions()
                .setContent(resource("/markdown/output-checks.js")));
        // In a template, inert: the image is not fetched.
        Object problems = page.evaluate("() => { const t = document.createElement('template');"
                + " t.innerHTML = '<a href=\"javascript:x\">a</a><img src=\"https://example.org/i.png\">';"
                + " return self.locaraOutputProblems(t.content).length; }");
        assertEquals(3, ((Number) problems).intValue(), "the output checks see a bad link, an outside image and"
                + " a link without target");
    }

    @Test
    void noPayloadRunsLoadsOrSurvives() {
        String corpus = resource("/xss/xss-payloads.json");
        page.addScriptTag(new com.microsoft.playwright.Page.AddScriptTagOptions()
                .setContent(resource("/markdown/output-checks.js")));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) page.evaluate("(corpus) => {"
                + " const payloads = JSON.parse(corpus).payloads; const probe = self.locaraRenderProbe;"
                + " const problems = [];"
                + " payloads.forEach((p, i) => {"
                + "  const modes = { whole: () => probe.render(p.text), 'streamed by 1': () => probe.stream(p.text, 1),"
                + "   'streamed by 3': () => probe.stream(p.text, 3), 'sanitizer alone': () => probe.sanitize(p.text) };"
                + "  for (const [mode, run] of Object.entries(modes)) {"
                + "   const say = (what) => problems.push('payload ' + i + ' (' + p.source + ') ' + mode + ': ' + what"
                + "    + ' -- ' + JSON.stringify(p.text));"
                + "   try { self.locaraOutputProblems(run()).forEach(say); } catch (e) { say('threw ' + e); } } });"
                + " return { count: payloads.length, problems: problems }; }", corpus);
        int count = ((Number) result.get("count")).intValue();
        assertTrue(count >= 100, count + " payloads");
        assertEquals(List.of(), result.get("problems"));
        // Some payloads would act late (an image's error event, a meta refresh): give them time to, then
        // let the page's own events settle once more before looking.
        page.waitForTimeout(1500);
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))");
        assertEquals(null, page.evaluate("() => window.__xss === undefined ? null : String(window.__xss)"),
                "a payload ran" + session.log());
        assertEquals(List.of(), dialogs, "a payload opened a dialog");
        assertEquals(List.of(), requestsElsewhere(), "a payload made the page request another host");
        assertEquals(browser.url(), page.url(), "a payload navigated the page");
        // The outputs are there and not empty: the renderer did not pass the test by dropping everything.
        Object rendered = page.evaluate("() => [...document.querySelectorAll('[data-render-probe]')]"
                + ".filter(el => el.textContent.trim() !== '').length");
        assertTrue(((Number) rendered).intValue() > count * 3, rendered + " non-empty outputs of " + count * 4);
    }
}
