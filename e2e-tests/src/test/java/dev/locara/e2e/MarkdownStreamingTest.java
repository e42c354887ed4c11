package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.markdown.Markdown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long answer (LongAnswer, about 25 KB) streamed token by token through MarkdownView in Chromium.
 * Structure, not time, is asserted: blocks that became final are never re-created (the first
 * paragraph is the same DOM node from the moment it became final to the end, finish included), each
 * update removes only the previous tail (at most two blocks and their line breaks, never more nodes
 * than the two largest blocks of the answer hold), and finish() leaves exactly what rendering the
 * whole text at once gives. The time per update, and that of re-rendering the whole answer per token
 * instead, are measured and written to target/markdown-streaming.json for BENCHMARKS.md.
 */
class MarkdownStreamingTest extends RenderProbePage {
    /** How many prefixes the full re-render is timed at: all of them would take minutes. */
    private static final int FULL_RENDER_SAMPLES = 120;

    @Test
    void finalBlocksStayWhileTheTailIsReplaced() throws IOException {
        String text = LongAnswer.text();
        assertTrue(text.length() > 20_000 && text.length() < 30_000, text.length() + " characters");
        String html = new Markdown().toHtml(text); // on the JVM: the bound below comes from the whole answer's blocks
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.evaluate("([text, html, samples]) => {"
                + " const probe = self.locaraRenderProbe;"
                + " const size = (n) => { let k = 1; for (const c of n.childNodes) { k += size(c); } return k; };"
                // The whole answer's blocks, sanitized but not decorated, as the tail shows them.
                + " const blocks = [...probe.sanitize(html).childNodes].map(size).sort((a, b) => b - a);"
                + " const bound = blocks[0] + blocks[1] + 2;"
                + " const tokens = text.match(/ ?[A-Za-z]+| ?[0-9]{1,3}| ?[^\\sA-Za-z0-9]+|\\s+/g);"
                + " if (tokens.join('') !== text) { throw new Error('the tokens do not add up to the text'); }"
                + " const h = probe.open(); const el = h.element;"
                + " const observer = new MutationObserver(() => {}); observer.observe(el, {childList: true});"
                + " const removedEver = new Set(); const times = []; let maxTop = 0, maxNodes = 0, over = [];"
                + " const firstBreak = text.indexOf('\\n\\n'); const secondLineEnd = text.indexOf('\\n', firstBreak + 2);"
                + " let streamed = 0, first = null, firstTag = null;"
                + " for (const t of tokens) {"
                + "  const t0 = performance.now(); h.append(t); times.push(performance.now() - t0);"
                + "  streamed += t.length; let top = 0, nodes = 0;"
                + "  for (const rec of observer.takeRecords()) { for (const n of rec.removedNodes) {"
                + "   top++; nodes += size(n); removedEver.add(n); } }"
                + "  maxTop = Math.max(maxTop, top); maxNodes = Math.max(maxNodes, nodes);"
                + "  if (nodes > bound) { over.push(streamed + ': ' + nodes); }"
                // The first paragraph is final once the next block's first line is complete.
                + "  if (first === null && streamed > secondLineEnd) { first = el.firstElementChild;"
                + "   firstTag = first.localName; } }"
                + " const firstAtEnd = el.firstElementChild === first && !removedEver.has(first);"
                + " const t1 = performance.now(); h.finish(); const finishMs = performance.now() - t1;"
                + " const firstAfterFinish = el.firstElementChild === first;"
                + " const whole = probe.render(text);"
                + " const same = whole.innerHTML === el.innerHTML;"
                // The comparison: the whole answer parsed, sanitized and decorated again per token.
                + " const full = probe.open(); const fullTimes = []; let prefix = 0; const picks = new Set();"
                + " for (let s = 1; s <= samples; s++) { picks.add(Math.floor(s * tokens.length / samples) - 1); }"
                + " let sofar = '';"
                + " tokens.forEach((t, i) => { sofar += t; if (picks.has(i)) {"
                + "  const t0 = performance.now(); full.renderAll(sofar); fullTimes.push(performance.now() - t0); } });"
                + " const sum = (a) => a.reduce((x, y) => x + y, 0);"
                + " const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1,"
                + "  Math.floor(p * s.length))]; };"
                + " return { chars: text.length, tokens: tokens.length, nodesAtEnd: size(el), bound: bound,"
                + "  maxTop: maxTop, maxNodes: maxNodes, over: over, firstTag: firstTag, firstAtEnd: firstAtEnd,"
                + "  firstAfterFinish: firstAfterFinish, same: same,"
                + "  viewTotalMs: sum(times), viewMeanMs: sum(times) / times.length, viewP50Ms: pct(times, 0.5),"
                + "  viewP95Ms: pct(times, 0.95), viewMaxMs: Math.max(...times), finishMs: finishMs,"
                + "  fullMeanMs: sum(fullTimes) / fullTimes.length, fullLastMs: fullTimes[fullTimes.length - 1],"
                + "  fullSamples: fullTimes.length,"
                // Rendering every prefix grows about linearly, so the mean over evenly spaced prefixes times the
                // token count estimates the whole stream's cost.
                + "  fullTotalEstimateMs: sum(fullTimes) / fullTimes.length * tokens.length }; }",
                List.of(text, html, FULL_RENDER_SAMPLES));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/markdown-streaming.json"), r.toString() + "\n");
        System.out.println("Markdown streaming figures: " + r);

        assertEquals("p", r.get("firstTag"));
        assertEquals(true, r.get("firstAtEnd"), "the first paragraph was re-created while streaming");
        assertEquals(true, r.get("firstAfterFinish"), "finish() re-created the final blocks");
        assertEquals(true, r.get("same"), "the streamed render differs from the whole text's");
        assertTrue(((Number) r.get("maxTop")).intValue() <= 4, "an update removed " + r.get("maxTop")
                + " top-level nodes: more than a two-block tail");
        assertEquals(List.of(), r.get("over"), "updates removed more nodes than the two largest blocks hold ("
                + r.get("bound") + ")");
        assertTrue(((Number) r.get("nodesAtEnd")).intValue() > 10 * ((Number) r.get("bound")).intValue(),
                "the answer is long next to its tail, so the bound means something: " + r);
    }
}
