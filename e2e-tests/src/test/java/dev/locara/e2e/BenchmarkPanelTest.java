package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Benchmark panel and locara.benchmark.run with the demo model in headless Chromium. Speeds
 * depend on the machine, so nothing here asserts one: only that the figures are there, positive,
 * finite and consistent with each other. Small token counts keep the runs short.
 */
class BenchmarkPanelTest extends WorkbenchPageTest {
    /** The table's figure cells, by element id. */
    private static final List<String> FIGURES = List.of("bench-read", "bench-fma", "bench-dispatch", "bench-prompt-speed",
            "bench-decode-speed", "bench-decode-logits", "bench-weights", "bench-bandwidth", "bench-percent", "bench-memory");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?) ");
    /** Each shown figure has three significant digits: a product or quotient of three of them is within 1.5 %. */
    private static final double SHOWN = 0.015;

    @BeforeEach
    void smallCounts() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Models and device")).click();
        page.fill("#bench-prompt", "32");
        page.fill("#bench-decode", "16");
    }

    @Test
    @SuppressWarnings("unchecked")
    void panelFillsItsTableAndTheApiReturnsTheSameFigures() {
        assertTrue(page.isHidden("#bench-table"), "no table before a run" + session.log());
        page.click("#bench-run");
        waitForBenchmark();

        Map<String, Double> shown = new LinkedHashMap<>();
        Map<String, Double> exact = new LinkedHashMap<>();
        for (String id : FIGURES) {
            String text = page.textContent("#" + id);
            Matcher m = LEADING_NUMBER.matcher(text);
            assertTrue(m.find(), id + " shows no number: '" + text + "'" + session.log());
            shown.put(id, Double.parseDouble(m.group(1)));
            exact.put(id, Double.parseDouble(page.getAttribute("#" + id, "data-value")));
            assertTrue(exact.get(id) > 0 && Double.isFinite(exact.get(id)), id + " = " + exact.get(id) + session.log());
            assertTrue(shown.get(id) > 0, id + " shows '" + text + "'" + session.log());
        }
        // bandwidth = weights per token x decode speed; its share = bandwidth / read limit (MB x tokens/s / 1000 = GB/s)
        assertClose(shown.get("bench-weights") * shown.get("bench-decode-speed") / 1000, shown.get("bench-bandwidth"), SHOWN,
                "shown decode bandwidth");
        assertClose(100 * shown.get("bench-bandwidth") / shown.get("bench-read"), shown.get("bench-percent"), SHOWN,
                "shown % of the read limit");
        assertClose(exact.get("bench-weights") * exact.get("bench-decode-speed") / 1000, exact.get("bench-bandwidth"), 1e-9,
                "decode bandwidth");
        assertClose(100 * exact.get("bench-bandwidth") / exact.get("bench-read"), exact.get("bench-percent"), 1e-9,
                "% of the read limit");
        assertTrue(page.textContent("#bench-prompt-speed").contains("32-token prompt"), session.log());
        assertTrue(page.textContent("#bench-decode-speed").contains("(16 greedy tokens"), session.log());
        assertTrue(page.textContent("#bench-decode-logits").contains("tokens/s"), session.log());
        assertTrue(page.textContent("#bench-model").contains("stories260k"), page.textContent("#bench-model") + session.log());

        Map<String, Object> adapter = (Map<String, Object>) session.call("async () => (await locara.ready).adapter");
        assertTrue(page.textContent("#bench-adapter").startsWith(adapter.get("vendor") + " " + adapter.get("architecture")),
                page.textContent("#bench-adapter") + session.log());
        boolean software = Boolean.TRUE.equals(adapter.get("fallback")) || "swiftshader".equals(adapter.get("architecture"));
        assertEquals(software, page.isVisible("#bench-fallback"),
                "the fallback explanation shows exactly for a fallback adapter or SwiftShader" + session.log());
        assertEquals(Boolean.TRUE, session.call("async () => locara.models.list().data.find(m => m.id === 'stories260k').loaded"),
                "the benchmark loaded the demo model" + session.log());

        Map<String, Object> r = (Map<String, Object>) session.call("async () => { const stages = [];"
                + " const r = await locara.benchmark.run({model: 'stories260k', prompt_tokens: 32, decode_tokens: 16,"
                + "   onProgress: p => { if (!stages.includes(p.stage)) stages.push(p.stage); }});"
                + " r.stages = stages; return r; }");
        assertEquals("benchmark", r.get("object"), r + session.log());
        assertEquals("stories260k", r.get("model"), r + session.log());
        assertEquals(List.of("limits", "prompt", "decode"), r.get("stages"), "the model was loaded already" + session.log());
        assertTrue(num(r, "context_length") >= 48, r + session.log());
        assertEquals(adapter, r.get("adapter"), session.log());
        Map<String, Object> limits = (Map<String, Object>) r.get("limits");
        Map<String, Object> prompt = (Map<String, Object>) r.get("prompt");
        Map<String, Object> decode = (Map<String, Object>) r.get("decode");
        Map<String, Object> withLogits = (Map<String, Object>) r.get("decode_with_logits");
        assertEquals(32, num(prompt, "tokens"), session.log());
        assertEquals(16, num(decode, "tokens"), session.log());
        assertEquals(16, num(withLogits, "tokens"), session.log());
        assertTrue(String.valueOf(limits.get("read_shape")).startsWith("workgroup "), limits + session.log());
        for (Map<String, Object> group : List.of(limits, prompt, decode, withLogits)) {
            for (Map.Entry<String, Object> e : group.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    assertTrue(n.doubleValue() > 0 && Double.isFinite(n.doubleValue()), e + " in " + r + session.log());
                }
            }
        }
        assertClose(num(prompt, "tokens") * 1000 / num(prompt, "ms"), num(prompt, "tokens_per_second"), 1e-9, "prompt tokens/s");
        assertClose(num(decode, "tokens") * 1000 / num(decode, "ms"), num(decode, "tokens_per_second"), 1e-9, "decode tokens/s");
        assertClose(num(withLogits, "tokens") * 1000 / num(withLogits, "ms"), num(withLogits, "tokens_per_second"), 1e-9,
                "decode with logits tokens/s");
        assertClose(num(decode, "weight_bytes_per_token") * num(decode, "tokens_per_second") / 1e9, num(decode, "gb_per_second"),
                1e-9, "decode bandwidth");
        assertClose(100 * num(decode, "gb_per_second") / num(limits, "read_gb_per_second"), num(decode, "percent_of_read_limit"),
                1e-9, "% of the read limit");
        // The same model and context as the panel's run, so the same bytes: none of the probes' buffers is left.
        assertClose(exact.get("bench-weights") * 1e6, num(decode, "weight_bytes_per_token"), 1e-9, "weights per token");
        assertClose(exact.get("bench-memory") * 1e6, num(r, "gpu_memory_bytes"), 1e-9, "GPU memory");
        assertTrue(num(r, "gpu_memory_bytes") < 64 << 20, "the demo model takes a few MB, not the read probe's 128 MiB: " + r
                + session.log());
        assertTrue(session.consoleErrors.isEmpty(), "console errors: " + session.consoleErrors + session.log());
    }

    /**
     * The engine serves one request at a time: a benchmark asked for during a generation waits its
     * turn (the panel says so), and neither disturbs the other's result.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aBenchmarkDuringAGenerationWaitsForIt() {
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message")).fill("Once upon a time");
        String waiting = (String) page.evaluate("() => { [...document.querySelectorAll('button')]"
                + ".find(b => b.textContent === 'Send').click();"
                + " document.getElementById('bench-run').click(); return document.getElementById('bench-status').textContent; }");
        assertEquals("Waiting for the generation to finish…", waiting, session.log());
        waitForBenchmark();
        assertEquals("idle", page.getAttribute("#run-stats", "data-state"), "the generation ended first" + session.log());
        String stats = page.textContent("[role=log] article[data-role=assistant] .stats");
        assertTrue(stats.contains("tokens/s"), stats + session.log());

        Map<String, Object> outcome = (Map<String, Object>) session.call("async () => {"
                + " const order = []; let generatedBeforeFirstProgress = null;"
                + " const generation = locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                + "   max_tokens: 64, temperature: 0}).then(r => { order.push('generation'); return r; });"
                + " const benchmark = locara.benchmark.run({model: 'stories260k', prompt_tokens: 32, decode_tokens: 16,"
                + "   onProgress: p => { if (generatedBeforeFirstProgress === null)"
                + "     generatedBeforeFirstProgress = order.includes('generation'); }})"
                + "   .then(r => { order.push('benchmark'); return r; });"
                + " const [g, b] = await Promise.all([generation, benchmark]);"
                + " const after = await locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                + "   max_tokens: 8, temperature: 0});"
                + " return {order, generatedBeforeFirstProgress, tokens: g.choices[0].token_ids, decoded: b.decode.tokens,"
                + "   after: after.choices[0].token_ids}; }");
        assertEquals(List.of("generation", "benchmark"), outcome.get("order"), session.log());
        assertEquals(Boolean.TRUE, outcome.get("generatedBeforeFirstProgress"), "the benchmark started after the generation"
                + session.log());
        assertEquals(WorkbenchTest.GREEDY_64, WorkbenchTest.ints(outcome.get("tokens")), "the generation is unchanged" + session.log());
        assertEquals(16, ((Number) outcome.get("decoded")).intValue(), session.log());
        assertEquals(WorkbenchTest.GREEDY_64.subList(0, 8), WorkbenchTest.ints(outcome.get("after")),
                "a generation after a benchmark starts from a clean context" + session.log());
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRequestsAreRefusedWithTypedErrors() {
        Map<String, Object> errors = (Map<String, Object>) session.call("async () => {"
                + " const outcome = request => locara.benchmark.run(request).then(() => 'resolved', e => e.name + '|' + e.code);"
                + " return {notLoaded: await outcome({prompt_tokens: 8, decode_tokens: 4}),"
                + "   unknown: await outcome({model: 'gpt-5'}),"
                + "   zeroTokens: await outcome({model: 'stories260k', prompt_tokens: 0}),"
                + "   fraction: await outcome({model: 'stories260k', decode_tokens: 2.5}),"
                + "   modelNotString: await outcome({model: 42}),"
                + "   notAnObject: await outcome('fast')}; }");
        assertEquals("LocaraError|model_not_loaded", errors.get("notLoaded"), "a fresh page holds no model" + session.log());
        assertEquals("LocaraError|model_not_found", errors.get("unknown"), session.log());
        for (String bad : List.of("zeroTokens", "fraction", "modelNotString", "notAnObject")) {
            assertEquals("TypeError|invalid_request", errors.get(bad), bad + session.log());
        }
        page.fill("#bench-prompt", "0");
        page.click("#bench-run");
        assertEquals("error", page.getAttribute("#bench-status", "data-state"), session.log());
        assertTrue(page.textContent("#bench-status").contains("prompt_tokens"), page.textContent("#bench-status") + session.log());
    }

    private void waitForBenchmark() {
        page.waitForSelector("#bench-status[data-state=done], #bench-status[data-state=error]");
        assertEquals("done", page.getAttribute("#bench-status", "data-state"), page.textContent("#bench-status") + session.log());
        assertTrue(page.isVisible("#bench-table"), session.log());
    }

    private static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private void assertClose(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(expected - actual) <= relative * Math.abs(expected), what + ": expected " + expected + ", got "
                + actual + session.log());
    }
}
