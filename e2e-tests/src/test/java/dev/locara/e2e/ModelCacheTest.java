package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storing models in the browser's OPFS through window.locara.models, in headless Chromium. */
class ModelCacheTest {
    private static final String SHA = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";
    private static final long SIZE = 1_185_376;

    private static Page ready(Browser.Session session, String url) {
        Page page = session.page;
        page.setDefaultTimeout(120_000);
        page.navigate(url);
        page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
        assertEquals("ready", page.getAttribute("#status", "data-state"), page.textContent("#status") + session.log());
        // The start-up check writes and removes a probe file beside the models; the listings below
        // must not race it.
        page.waitForSelector("#model-check[data-state]", new Page.WaitForSelectorOptions()
                .setState(WaitForSelectorState.ATTACHED));
        return page;
    }

    @Test
    @SuppressWarnings("unchecked")
    void downloadsVerifiesResumesListsGeneratesAndDeletes() {
        try (Browser browser = new Browser(true)) {
            Browser.Session session = browser.open();
            List<String> ranges = Collections.synchronizedList(new ArrayList<>());
            session.page.context().onRequest(r -> {
                if (r.url().endsWith("/models/stories260K.gguf")) {
                    ranges.add(String.valueOf(r.headers().get("range")));
                }
            });
            ready(session, browser.url());

            // A cancelled download stores nothing that looks complete.
            Map<String, Object> cancelled = (Map<String, Object>) session.call("async () => { const c = new AbortController();"
                    + " c.abort(); try { await locara.models.download('stories260k', {signal: c.signal}); return {ok: true}; }"
                    + " catch (e) { return {code: e.code, message: e.message}; } }");
            assertEquals("download_cancelled", cancelled.get("code"), cancelled + session.log());
            assertEquals(0, storedCount(session), session.log());

            // A tab closed mid-download leaves a partial file: put one there, as the page would have.
            session.call("async () => { const part = await (await fetch('models/stories260K.gguf',"
                    + " {headers: {Range: 'bytes=0-499999'}})).arrayBuffer();"
                    + " const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('models', {create: true});"
                    + " const w = await (await dir.getFileHandle('stories260K.gguf', {create: true})).createWritable();"
                    + " await w.write(part); await w.close(); }");
            assertEquals(0, storedCount(session), "a partial file is not listed as stored" + session.log());
            ranges.clear();
            Map<String, Object> done = (Map<String, Object>) session.call("async () => { const seen = [];"
                    + " const r = await locara.models.download('stories260k', {onProgress: p => seen.push(p)});"
                    + " return {r, seen}; }");
            Map<String, Object> result = (Map<String, Object>) done.get("r");
            List<Map<String, Object>> seen = (List<Map<String, Object>>) done.get("seen");
            assertEquals(SHA, result.get("sha256"), done + session.log());
            assertEquals(List.of("bytes=500000-1185375"), ranges, "the download resumed with a Range request" + session.log());
            assertTrue(!seen.isEmpty(), "progress was reported" + session.log());
            Map<String, Object> last = seen.get(seen.size() - 1);
            assertEquals(SIZE, ((Number) last.get("loaded")).longValue(), seen + session.log());
            assertEquals(SIZE, ((Number) last.get("total")).longValue(), seen + session.log());
            assertTrue(((Number) seen.get(0).get("loaded")).longValue() > 500_000, "resumed after the stored part: " + seen);
            assertTrue(last.containsKey("bytes_per_second") && last.containsKey("seconds_left"), last.toString());

            Map<String, Object> stored = (Map<String, Object>) session.call("() => locara.models.stored()");
            List<Map<String, Object>> data = (List<Map<String, Object>>) stored.get("data");
            assertEquals(1, data.size(), stored + session.log());
            assertEquals("stories260k", data.get(0).get("id"));
            assertEquals(SIZE, ((Number) stored.get("total_bytes")).longValue());
            assertTrue(((Number) data.get(0).get("last_used")).doubleValue() > 0, stored.toString());

            // A reloaded page (same origin storage) loads the stored copy: no request for the model file at all.
            List<String> modelRequests = Collections.synchronizedList(new ArrayList<>());
            session.page.context().onRequest(r -> {
                if (r.url().contains("/models/")) {
                    modelRequests.add(r.url());
                }
            });
            ready(session, browser.url());
            Map<String, Object> completion = (Map<String, Object>) session.call("() => locara.completions.create("
                    + "{model: 'stories260k', prompt: 'Once upon a time', max_tokens: 8, temperature: 0})");
            Map<String, Object> choice = ((List<Map<String, Object>>) completion.get("choices")).get(0);
            List<Integer> tokens = new ArrayList<>();
            for (Object o : (List<Object>) choice.get("token_ids")) {
                tokens.add(((Number) o).intValue());
            }
            assertEquals(WorkbenchTest.GREEDY_64.subList(0, 8), tokens, "generation from the stored copy" + session.log());
            assertEquals(List.of(), modelRequests, "the stored model was used, not the server's" + session.log());

            session.call("() => locara.models.delete('stories260k')");
            assertEquals(0, storedCount(session), session.log());
            assertEquals(List.of(), opfsFiles(session), "delete removes the bytes and the marker" + session.log());
            session.page.context().close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void corruptSourceIsRejectedAndNothingStays(@TempDir Path models) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("locara.models", "../../shared/models"),
                "stories260K.gguf"));
        bytes[bytes.length / 2] ^= 0x40; // one flipped bit in the middle of the weights
        Files.write(models.resolve("stories260K.gguf"), bytes);
        try (Browser browser = new Browser(true, null, models)) {
            Browser.Session session = browser.open();
            ready(session, browser.url());
            Map<String, Object> error = (Map<String, Object>) session.call("async () => { try {"
                    + " await locara.models.download('stories260k'); return {ok: true}; }"
                    + " catch (e) { return {code: e.code, message: e.message}; } }");
            assertEquals("hash_mismatch", error.get("code"), error + session.log());
            assertTrue(String.valueOf(error.get("message")).contains("deleted"), error.toString());
            assertEquals(0, storedCount(session), session.log());
            assertEquals(List.of(), opfsFiles(session), "no bytes stay stored" + session.log());
            session.page.context().close();
        }
    }

    @SuppressWarnings("unchecked")
    private static int storedCount(Browser.Session session) {
        Map<String, Object> stored = (Map<String, Object>) session.call("() => locara.models.stored()");
        return ((List<Object>) stored.get("data")).size();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> opfsFiles(Browser.Session session) {
        return (List<Object>) session.call("async () => { const out = [];"
                + " const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('models', {create: true});"
                + " for await (const name of dir.keys()) { out.push(name); } return out; }");
    }
}
