package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Loading a model onto the GPU with its stages shown: the model manager's "Use" preloads it with a
 * progress bar under the chat header (reading the file, uploading weights, compiling kernels, then
 * ready), locara.models.load reports the same stages with progress that never goes back and ends at
 * 1, and a load that cannot happen is said in words.
 */
class ModelLoadTest {
    private static final List<String> STAGES = List.of("read", "upload", "compile", "ready");
    private static final String DEMO_NAME = "TinyStories 260K (demo, F32)";

    /** Records every change of the load bar (stage, progress, shown) as the page makes it. */
    private static void recordLoadBar(Browser.Session s) {
        s.page.evaluate("() => { window.loadBar = []; const bar = document.getElementById('model-load');"
                + " const record = () => window.loadBar.push({stage: bar.getAttribute('data-stage'), hidden: bar.hidden,"
                + "  progress: Number(bar.querySelector('progress').getAttribute('value') || 0), text: bar.textContent});"
                + " new MutationObserver(record).observe(bar, {attributes: true, childList: true, subtree: true,"
                + "  characterData: true}); }");
    }

    /** The stages in the order seen, each once (a stage reports many times). */
    private static List<String> stagesSeen(List<Map<String, Object>> reports) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : reports) {
            String stage = (String) r.get("stage");
            if (stage != null && (out.isEmpty() || !out.get(out.size() - 1).equals(stage))) {
                out.add(stage);
            }
        }
        return out;
    }

    private static void assertMonotonic(List<Map<String, Object>> reports, String field) {
        double last = -1;
        for (Map<String, Object> r : reports) {
            double v = ((Number) r.get(field)).doubleValue();
            assertTrue(v >= last, field + " went back from " + last + " to " + v + " in " + reports);
            last = v;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void useLoadsTheStoredDemoModelShowingEachStageInOrder() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = ModelManagerTest.openManager(browser);
            Page page = s.page;
            Locator row = page.locator(ModelManagerTest.DEMO_ROW);
            ModelManagerTest.button(row, "Download").click();
            page.waitForSelector(ModelManagerTest.DEMO_ROW + "[data-state=stored]");
            // Another model in the select, so that the demo row offers "Use".
            String other = (String) page.evaluate("() => [...document.querySelectorAll('select.model-select option')]"
                    + ".map(o => o.value).find(v => v !== 'stories260k')");
            page.selectOption("select.model-select", other);
            assertEquals("not loaded yet", page.textContent("#model-loaded"));
            recordLoadBar(s);

            ModelManagerTest.button(row, "Use").click();
            page.waitForSelector("#model-loaded[data-loaded=true]");
            page.waitForSelector("#model-load[data-stage=ready]", new Page.WaitForSelectorOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
            List<Map<String, Object>> seen = (List<Map<String, Object>>) page.evaluate("() => window.loadBar");
            assertEquals(STAGES, stagesSeen(seen), seen + s.log());
            assertMonotonic(seen, "progress");
            Map<String, Object> last = seen.get(seen.size() - 1);
            assertEquals(true, last.get("hidden"), "the bar goes once the model is ready");
            assertTrue(seen.stream().anyMatch(r -> String.valueOf(r.get("text")).contains("from browser storage")),
                    "a stored model is read from browser storage: " + seen);
            assertTrue(seen.stream().anyMatch(r -> String.valueOf(r.get("text")).matches(
                    "\\d+ % · Uploading weights to the GPU: .* of 1\\.2 MB \\(\\d+ of \\d+ tensors\\)…")), seen.toString());
            assertEquals("stories260k", page.inputValue("select.model-select"));
            assertEquals("loaded", page.textContent("#model-loaded"));
            assertEquals(DEMO_NAME + " is loaded on the GPU.", page.getAttribute("#model-loaded", "title"));
            assertEquals(true, s.call("async () => locara.models.list().data.find(m => m.id === 'stories260k').loaded"));
            assertTrue(page.textContent(ModelManagerTest.DEMO_ROW + " .badge.in-use").equals("In use · loaded"),
                    page.textContent(ModelManagerTest.DEMO_ROW));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiReportsEachStageWithProgressThatReachesOne() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = browser.openWorkbench();
            Map<String, Object> r = (Map<String, Object>) s.call("async () => { const reports = [];"
                    + " const result = await locara.models.load('stories260k', {context_length: 256,"
                    + "  onProgress: p => reports.push(p)});"
                    + " const again = []; await locara.models.load('stories260k', {context_length: 256,"
                    + "  onProgress: p => again.push(p)});"
                    + " return {result, reports, again, loaded: locara.models.list().data.find(m => m.id === 'stories260k').loaded}; }");
            List<Map<String, Object>> reports = (List<Map<String, Object>>) r.get("reports");
            assertEquals(STAGES, stagesSeen(reports), reports + s.log());
            assertMonotonic(reports, "progress");
            assertMonotonic(reports, "timeElapsed");
            Map<String, Object> last = reports.get(reports.size() - 1);
            assertEquals(1.0, ((Number) last.get("progress")).doubleValue());
            assertTrue(((Number) reports.get(0).get("progress")).doubleValue() < 1);
            for (Map<String, Object> p : reports) {
                assertTrue(p.get("text") instanceof String && !((String) p.get("text")).isEmpty(), p.toString());
            }
            Map<String, Object> upload = reports.stream().filter(p -> "upload".equals(p.get("stage")))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(upload.get("total"), upload.get("loaded"), "the upload ends with every tensor byte: " + upload);
            Map<String, Object> result = (Map<String, Object>) r.get("result");
            assertEquals("stories260k", result.get("id"));
            assertEquals(true, result.get("loaded"));
            assertEquals(256, ((Number) result.get("context_length")).intValue());
            assertEquals(true, r.get("loaded"));
            // Already there with this context: nothing is loaded again, and the one report says it is ready.
            List<Map<String, Object>> again = (List<Map<String, Object>>) r.get("again");
            assertEquals(List.of("ready"), stagesSeen(again), again.toString());
            assertEquals(1.0, ((Number) again.get(0).get("progress")).doubleValue());

            assertEquals("model_not_found", s.call("() => locara.models.load('no-such-model').then(() => 'loaded', e => e.code)"));
            assertEquals("invalid_request", s.call("() => locara.models.load('stories260k', {context_length: -3})"
                    + ".then(() => 'loaded', e => e.code)"));
        }
    }

    /** Holds the weight stream (the header's block reads go through), so the load stays in progress. */
    private static AtomicReference<Route> holdWeights(BrowserContext context) {
        AtomicReference<Route> held = new AtomicReference<>();
        context.route("**/models/stories260K.gguf", route -> {
            String range = String.valueOf(route.request().headers().get("range"));
            if (range.startsWith("bytes=0-") || range.startsWith("bytes=1048576-")) {
                route.resume();
            } else {
                held.set(route);
            }
        });
        return held;
    }

    private static void send(Page page, String text) {
        Locator message = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
        message.fill(text);
        message.press("Enter");
    }

    @Test
    void aChatsFirstMessageShowsTheLoadAndAFailedLoadIsSaidInWords() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = browser.open();
            AtomicReference<Route> held = holdWeights(s.page.context());
            s.page.setDefaultTimeout(120_000);
            s.page.navigate(browser.url());
            Page page = s.page;
            page.waitForSelector("#status[data-state=ready]");
            send(page, "Once upon a time");
            page.waitForCondition(() -> held.get() != null);
            page.waitForFunction("() => document.querySelector('#model-load .model-load-text').textContent"
                    + ".includes('Read the header')");
            String text = page.textContent("#model-load .model-load-text");
            assertTrue(text.matches("\\d+ % · Read the header of stories260k: .* of 1\\.2 MB, \\d+ tensors\\."), text);
            assertEquals("loading…", page.textContent("#model-loaded"));
            ChatTest.shot(page, "model-load-in-progress");
            page.setViewportSize(360, 740);
            assertEquals(0, ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
                    .intValue(), "the load bar fits a phone's width");
            ChatTest.shot(page, "model-load-phone");
            held.getAndSet(null).resume();
            page.waitForSelector("#model-loaded[data-loaded=true]");
            page.waitForSelector("#run-stats[data-state=idle]");
            assertTrue(page.isHidden("#model-load"), "the bar goes once the model is ready");
        }
        try (Browser browser = new Browser(true);
             BrowserContext dark = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                     .setColorScheme(ColorScheme.DARK))) {
            AtomicReference<Route> held = holdWeights(dark);
            Page page = dark.newPage();
            page.setDefaultTimeout(120_000);
            page.navigate(browser.url());
            page.waitForSelector("#status[data-state=ready]");
            send(page, "Once upon a time");
            page.waitForCondition(() -> held.get() != null);
            page.waitForFunction("() => document.querySelector('#model-load .model-load-text').textContent"
                    + ".includes('Read the header')");
            ChatTest.shot(page, "model-load-dark");
            // The stream breaks: the load fails, and the header says so in words.
            held.getAndSet(null).abort();
            page.waitForSelector("#model-load[data-stage=failed]");
            String failure = page.textContent("#model-load .model-load-text");
            assertTrue(failure.startsWith("Loading " + DEMO_NAME + " failed: The file of 'stories260k' stopped arriving"
                    + " from the server ("), failure);
            assertTrue(failure.contains("Check that the Locara server still runs and try again"), failure);
            assertEquals("alert", page.getAttribute("#model-load .model-load-text", "role"));
            assertEquals("failed to load", page.textContent("#model-loaded"));
            ChatTest.shot(page, "model-load-failed");
        }
    }
}
