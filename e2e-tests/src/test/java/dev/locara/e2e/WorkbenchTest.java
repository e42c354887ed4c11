package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workbench in headless Chromium on WebGPU (SwiftShader here), through window.locara and the page. */
class WorkbenchTest extends WorkbenchPageTest {
    /** llama.cpp's greedy continuation of BOS + "Once upon a time" on the demo model. */
    static final List<Integer> GREEDY_64 = List.of(432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396,
            267, 337, 410, 408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358, 394, 261, 370, 432, 352,
            266, 268, 388, 426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270, 333, 415, 426, 13,
            438, 310, 439, 419, 357, 336);
    static final String GREEDY_TEXT = ", there was a little girl named Lily. She loved to play outside in the park. One day,"
            + " she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said";
    private static final double TIMEOUT_MS = 120_000;

    @Test
    void pageLoadsWithoutConsoleErrorsAndReportsItsAdapter() {
        @SuppressWarnings("unchecked")
        Map<String, Object> adapter = (Map<String, Object>) session.call("async () => (await locara.ready).adapter");
        assertTrue(String.valueOf(adapter.get("vendor")).length() > 0, "adapter vendor is empty: " + adapter + session.log());
        assertTrue(page.textContent("#status").startsWith("WebGPU adapter: "), page.textContent("#status") + session.log());
        // The user is told when the adapter is the CPU emulation (Chromium does not flag SwiftShader as a fallback).
        boolean software = Boolean.TRUE.equals(adapter.get("fallback")) || "swiftshader".equals(adapter.get("architecture"));
        assertEquals(software, page.textContent("#status").contains("a software adapter"), page.textContent("#status"));
        assertTrue(session.consoleErrors.isEmpty(), "console errors: " + session.consoleErrors + session.log());
    }

    @Test
    @SuppressWarnings("unchecked")
    void greedyCompletionMatchesLlamaCpp() {
        Map<String, Object> result = (Map<String, Object>) session.call("() => locara.completions.create("
                + "{model: 'stories260k', prompt: 'Once upon a time', max_tokens: 64, temperature: 0})");
        Map<String, Object> choice = ((List<Map<String, Object>>) result.get("choices")).get(0);
        assertEquals(GREEDY_64, ints(choice.get("token_ids")), "greedy tokens differ from llama.cpp's" + session.log());
        Object loaded = session.call("async () => locara.models.list().data.find(m => m.id === 'stories260k').loaded");
        assertEquals(Boolean.TRUE, loaded, "models.list() says which model the engine holds" + session.log());
        assertEquals(GREEDY_TEXT, choice.get("text"), session.log());
        assertEquals("length", choice.get("finish_reason"), session.log());
        Map<String, Object> usage = (Map<String, Object>) result.get("usage");
        assertEquals(5, ((Number) usage.get("prompt_tokens")).intValue(), "BOS + 'Once upon a time' is 5 tokens" + session.log());
        assertEquals(64, ((Number) usage.get("completion_tokens")).intValue(), session.log());
        assertTrue(session.consoleErrors.isEmpty(), "console errors: " + session.consoleErrors + session.log());
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamingDeliversOneTokenPerChunk() {
        List<Map<String, Object>> chunks = (List<Map<String, Object>>) session.call("async () => {"
                + " const chunks = [];"
                + " for await (const c of locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                + "   max_tokens: 16, temperature: 0, stream: true})) { chunks.push(c); }"
                + " return chunks; }");
        assertEquals(17, chunks.size(), "16 token chunks and a final one" + session.log());
        List<Integer> tokens = new ArrayList<>();
        for (Map<String, Object> chunk : chunks.subList(0, 16)) {
            Map<String, Object> choice = ((List<Map<String, Object>>) chunk.get("choices")).get(0);
            List<Integer> ids = ints(choice.get("token_ids"));
            assertEquals(1, ids.size(), "each chunk carries one token: " + chunk + session.log());
            assertEquals(null, choice.get("finish_reason"), session.log());
            tokens.addAll(ids);
        }
        assertEquals(GREEDY_64.subList(0, 16), tokens, session.log());
        Map<String, Object> last = ((List<Map<String, Object>>) chunks.get(16).get("choices")).get(0);
        assertEquals("length", last.get("finish_reason"), session.log());
    }

    @Test
    @SuppressWarnings("unchecked")
    void abortSignalStopsAStreamAndFreesTheEngine() {
        Map<String, Object> outcome = (Map<String, Object>) session.call("async () => {"
                + " const controller = new AbortController(); let tokens = 0; let finish = null;"
                + " for await (const c of locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                + "   max_tokens: 2000, temperature: 0, stream: true, signal: controller.signal})) {"
                + "   tokens += c.choices[0].token_ids.length; finish = c.choices[0].finish_reason;"
                + "   if (tokens === 3) controller.abort(); }"
                + " const next = await locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                + "   max_tokens: 4, temperature: 0});"
                + " return {tokens, finish, next: next.choices[0].token_ids}; }");
        assertEquals("abort", outcome.get("finish"), session.log());
        int tokens = ((Number) outcome.get("tokens")).intValue();
        // Far fewer than the 2000 asked for; what the GPU already had queued (greedy steps chain up to
        // 64 per submission) may still arrive, more of it on a loaded machine.
        assertTrue(tokens >= 3 && tokens < 130, "stopped soon after the abort, got " + tokens + " tokens" + session.log());
        assertEquals(GREEDY_64.subList(0, 4), ints(outcome.get("next")), "the next request runs normally" + session.log());
    }

    @Test
    @SuppressWarnings("unchecked")
    void contextLengthBoundsGenerationAndSwitchingItReloadsCleanly() {
        Map<String, Object> first = (Map<String, Object>) session.call("async () => {"
                + " const small = await locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                + "   max_tokens: 100, temperature: 0, context_length: 16});"
                + " return {finish: small.choices[0].finish_reason, ids: small.choices[0].token_ids}; }");
        long kernelFetches = kernelFetches();
        Map<String, Object> outcome = (Map<String, Object>) session.call("async () => {"
                + " const again = await locara.completions.create({model: 'stories260k', prompt: 'Once upon a time',"
                + "   max_tokens: 8, temperature: 0});"
                + " const bad = await locara.completions.create({model: 'stories260k', prompt: 'x', context_length: 3})"
                + "   .then(() => 'resolved', e => e.name + '|' + e.code);"
                + " return {again: again.choices[0].token_ids, bad}; }");
        assertEquals("length", first.get("finish"), "a full context ends with 'length'" + session.log());
        assertEquals(GREEDY_64.subList(0, 11), ints(first.get("ids")), "16 - 5 prompt tokens" + session.log());
        assertEquals(GREEDY_64.subList(0, 8), ints(outcome.get("again")), "the default context after a reload" + session.log());
        assertEquals("TypeError|invalid_request", outcome.get("bad"), session.log());
        // The reload frees the old buffers but keeps the device, and with it the kernels compiled for
        // the first load: none is fetched (nor compiled) again.
        assertEquals(kernelFetches, kernelFetches(), "kernel files fetched again by the reload" + session.log());
    }

    private long kernelFetches() {
        synchronized (session.requests) {
            return session.requests.stream().filter(u -> u.endsWith(".wgsl")).count();
        }
    }

    @Test
    void unknownModelIsRejectedWithTheKnownNames() {
        Object error = session.call("() => locara.completions.create({model: 'gpt-5', prompt: 'hi'})"
                + ".then(() => 'resolved', e => e.name + '|' + e.code + '|' + e.message)");
        String text = String.valueOf(error);
        assertTrue(text.startsWith("LocaraError|model_not_found|"), text + session.log());
        assertTrue(text.contains("stories260k"), "the error lists the known models: " + text + session.log());
    }

    @Test
    void everyRequestGoesToTheLoopbackServer() {
        session.call("() => locara.completions.create({model: 'stories260k', prompt: 'Once upon a time', max_tokens: 2,"
                + " temperature: 0})");
        List<String> requests;
        synchronized (session.requests) {
            requests = new ArrayList<>(session.requests);
        }
        assertTrue(requests.stream().anyMatch(u -> u.endsWith("/models/stories260K.gguf")), requests + session.log());
        assertTrue(requests.stream().anyMatch(u -> u.endsWith(".wgsl")), requests + session.log());
        for (String url : requests) {
            assertTrue(url.startsWith(browser.url()), "request left the loopback server: " + url + session.log());
        }
    }

    @Test
    void missingWebGpuIsExplainedInWords() {
        try (Browser noGpu = new Browser(false)) {
            Browser.Session s = noGpu.open();
            s.page.setDefaultTimeout(TIMEOUT_MS);
            s.page.navigate(noGpu.url());
            s.page.waitForSelector("#status[data-state=error]", new Page.WaitForSelectorOptions()
                    .setState(WaitForSelectorState.ATTACHED));
            String status = s.page.textContent("#status");
            assertTrue(status.contains("Chrome") && status.contains("Safari 26"), status + s.log());
            assertEquals("webgpu_unavailable", s.page.getAttribute("#status", "data-code"), s.log());
            Object ready = s.call("() => locara.ready.then(() => 'resolved', e => e.code)");
            assertEquals("webgpu_unavailable", ready, s.log());
        }
    }

    static List<Integer> ints(Object list) {
        List<Integer> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).intValue());
        }
        return out;
    }
}
