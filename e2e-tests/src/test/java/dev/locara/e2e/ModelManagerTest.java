package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import dev.locara.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The model manager in the workbench: the manifest's models by category with their figures, the demo
 * model downloaded with progress, interrupted, cancelled and resumed (with a Range request from where
 * it stopped, also after a reload), used and deleted. Model hubs cannot be reached here, so requests
 * to Hugging Face are aborted by the test, as a network without them would.
 */
class ModelManagerTest {
    static final long DEMO_SIZE = 1_185_376;
    static final String DEMO_ROW = "li.model-row[data-model=stories260k]";

    static Path demoFile() {
        return Path.of(System.getProperty("locara.models", "../../shared/models"), "stories260K.gguf");
    }

    /** The workbench with the models panel open, once the start-up check of stored models has answered. */
    static Browser.Session openManager(Browser browser) {
        Browser.Session s = browser.open();
        s.page.context().route("https://huggingface.co/**", Route::abort);
        s.page.setDefaultTimeout(120_000);
        s.page.navigate(browser.url());
        return showManager(s);
    }

    static Browser.Session showManager(Browser.Session s) {
        s.page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
        assertEquals("ready", s.page.getAttribute("#status", "data-state"), s.page.textContent("#status") + s.log());
        if (s.page.isHidden("#device")) {
            s.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Models and device")).click();
        }
        s.page.waitForSelector("#model-check[data-state]");
        return s;
    }

    static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    static String state(Page page, String row) {
        return page.getAttribute(row, "data-state");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifest() throws IOException {
        try (InputStream in = ModelManagerTest.class.getResourceAsStream("/dev/locara/cache/models.json")) {
            Map<String, Object> root = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<Map<String, Object>>) root.get("models");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheManifestsModelsByCategoryWithTheirFigures() throws IOException {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = openManager(browser);
            Page page = s.page;
            List<Map<String, Object>> models = manifest();
            assertEquals(models.size(), page.locator("#model-manager li.model-row:not(.user-model)").count());
            for (Map<String, Object> m : models) {
                String id = (String) m.get("id");
                String row = "section.model-group[data-category=" + m.get("category") + "] li.model-row[data-model=\""
                        + id + "\"]";
                assertEquals(1, page.locator(row).count(), id + " is listed under " + m.get("category"));
                String facts = page.textContent(row + " .model-facts");
                assertTrue(facts.contains(" · " + m.get("quantization") + " · "), facts);
                assertTrue(facts.contains(m.get("contextLength") + "-token context"), facts);
                Map<String, Object> licence = (Map<String, Object>) m.get("license");
                assertEquals(licence.get("url"), page.getAttribute(row + " .model-licence a", "href"), id);
                assertEquals(licence.get("name"), page.textContent(row + " .model-licence a"), id);
                boolean recommended = Boolean.TRUE.equals(m.get("recommended"));
                assertEquals(recommended ? 1 : 0, page.locator(row + " .badge.recommended").count(), id);
                String fit = page.textContent(row + " .model-fit");
                // The figures come from the manifest: its size (MB, decimal) and its GPU memory estimate.
                Map<String, Object> memory = (Map<String, Object>) m.get("memory");
                assertTrue(fit.contains("at " + memory.get("context") + " tokens of context"), fit);
                assertTrue(fit.contains("Storage: needs ") && fit.contains(" free"), fit);
                assertEquals("not_stored", state(page, row), id + " " + page.textContent(row + " .model-status"));
                assertTrue(page.textContent(row + " .model-status").contains("needs the network"), id);
            }
            assertTrue(page.textContent(DEMO_ROW + " .model-facts").startsWith("1.2 MB on disk · F32 · about 260 thousand"
                    + " parameters"), page.textContent(DEMO_ROW + " .model-facts"));
            // The adapter's limits are known in the page: SwiftShader gives 1 GiB buffers, whose 16 bound the budget.
            assertTrue(page.textContent(DEMO_ROW + " .model-fit").contains("GPU memory: needs 3.8 MB at 2048 tokens of"
                    + " context, of about"), page.textContent(DEMO_ROW + " .model-fit"));
            assertTrue(page.textContent(DEMO_ROW + " .model-fit").contains("— fits; at most 1.1 GB per buffer."),
                    page.textContent(DEMO_ROW + " .model-fit"));
            for (String c : List.of("chat", "coding", "reasoning", "embeddings")) {
                assertEquals(1, page.locator("section.model-group[data-category=" + c + "] .badge.recommended").count(),
                        "one recommended default for " + c);
            }
            assertTrue(page.textContent("#model-check").startsWith("Checked 0 stored models: all whole."),
                    page.textContent("#model-check"));
            assertEquals("not-asked", page.getAttribute("#model-persist", "data-state"));
            ChatTest.shot(page, "model-manager");
        }
    }

    @Test
    void downloadsInterruptedCancelledAndResumedThenUsedAndDeleted() throws IOException {
        byte[] demo = Files.readAllBytes(demoFile());
        try (Browser browser = new Browser(true)) {
            Browser.Session s = openManager(browser);
            Page page = s.page;
            List<String> ranges = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<String> mode = new AtomicReference<>("cut");
            AtomicReference<Route> held = new AtomicReference<>();
            page.context().route("**/models/stories260K.gguf", route -> {
                ranges.add(String.valueOf(route.request().headers().get("range")));
                switch (mode.get()) {
                    case "cut": // the connection drops after 500 000 bytes
                        route.fulfill(new Route.FulfillOptions().setStatus(206)
                                .setHeaders(Map.of("Content-Range", "bytes 0-499999/" + DEMO_SIZE,
                                        "Content-Type", "application/octet-stream"))
                                .setBodyBytes(Arrays.copyOf(demo, 500_000)));
                        break;
                    case "hold": // answered when the test says
                        held.set(route);
                        break;
                    default:
                        route.resume();
                }
            });
            Locator row = page.locator(DEMO_ROW);

            // 1. The network fails mid-way: a clear error, the bytes so far kept.
            button(row, "Download").click();
            page.waitForSelector(DEMO_ROW + "[data-state=partial]");
            assertEquals("model_unavailable", page.getAttribute(DEMO_ROW + " .model-error", "data-code"), s.log());
            assertTrue(page.textContent(DEMO_ROW + " .model-error").startsWith("The model could not be downloaded"),
                    page.textContent(DEMO_ROW + " .model-error"));
            assertTrue(page.textContent(DEMO_ROW + " .model-status").contains("500.0 kB of 1.2 MB"),
                    page.textContent(DEMO_ROW + " .model-status"));
            assertEquals("bytes=0-" + (DEMO_SIZE - 1), ranges.get(0));
            // Persistent storage was asked for at this first download, and its answer is shown.
            page.waitForSelector("#model-persist:not([data-state=not-asked])");
            assertTrue(page.textContent("#model-persist").startsWith("Persistent storage: "), s.log());

            // 2. Resume, then Cancel while the transfer is under way: still partial, nothing lost.
            mode.set("hold");
            ranges.clear();
            button(row, "Resume").click();
            page.waitForSelector(DEMO_ROW + "[data-state=downloading] progress.model-progress");
            page.waitForCondition(() -> held.get() != null);
            assertEquals(List.of("bytes=500000-" + (DEMO_SIZE - 1)), ranges, "the resume asks from where it stopped");
            assertTrue(page.textContent(DEMO_ROW + " .model-progress-text").startsWith("500.0 kB of 1.2 MB (42 %)"),
                    page.textContent(DEMO_ROW + " .model-progress-text"));
            ChatTest.shot(page, "model-manager-download");
            button(row, "Cancel").click();
            held.getAndSet(null).resume();
            page.waitForSelector(DEMO_ROW + "[data-state=partial]");
            assertEquals(0, page.locator(DEMO_ROW + " .model-error").count(), "a cancel is no error");

            // 3. A reload finds the partial download and resumes it from there.
            mode.set("hold");
            page.reload();
            showManager(s);
            page.waitForSelector(DEMO_ROW + "[data-state=partial]");
            assertTrue(page.textContent("#model-check").contains("1 download can be resumed"), page.textContent("#model-check"));
            ranges.clear();
            button(row, "Resume").click();
            page.waitForCondition(() -> held.get() != null);
            assertEquals(List.of("bytes=500000-" + (DEMO_SIZE - 1)), ranges);
            mode.set("pass");
            held.getAndSet(null).resume();
            page.waitForSelector(DEMO_ROW + "[data-state=stored]");
            assertTrue(page.textContent(DEMO_ROW + " .model-status").startsWith("Stored and whole"), s.log());
            assertTrue(page.textContent("#model-storage").startsWith("Stored: 1 model, 1.2 MB."), page.textContent("#model-storage"));
            // The chat's model, stored but not in GPU memory yet: the row offers to load it.
            button(row, "Load").click();
            page.waitForSelector(DEMO_ROW + " .badge.in-use:text-is('In use · loaded')");
            assertTrue(button(row, "In use").isDisabled(), "a loaded model in use has nothing to press");

            // 4. Chat with it: the header says it is loaded; then delete it.
            page.click("#device-close");
            Locator message = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
            message.fill("Once upon a time");
            message.press("Enter");
            page.waitForSelector("#model-loaded[data-loaded=true]");
            assertEquals("TinyStories 260K (demo, F32) is loaded on the GPU.", page.getAttribute("#model-loaded", "title"));
            assertEquals("loaded", page.textContent("#model-loaded"));
            page.waitForSelector("#run-stats[data-state=idle]");
            showManager(s);
            button(row, "Delete").click();
            page.waitForSelector(DEMO_ROW + "[data-state=not_stored]");
            assertEquals(0L, ((Number) s.call("async () => (await locara.models.stored()).data.length")).longValue());
            assertTrue(page.textContent("#model-storage").startsWith("Stored: 0 models"), page.textContent("#model-storage"));
        }
    }

    @Test
    void aLicenceThatNeedsAcceptanceIsAskedFirstAndRemembered() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = openManager(browser);
            Page page = s.page;
            String llama = "li.model-row[data-model=\"llama-3.2-1b-instruct-q4_k_m\"]";
            Locator row = page.locator(llama);
            assertTrue(page.textContent(llama + " .model-licence").contains("must be accepted"), s.log());
            button(row, "Download").click();
            Locator terms = row.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions()
                    .setName("Licence terms of Llama-3.2-1B-Instruct-Q4_K_M"));
            assertTrue(terms.textContent().contains("700 million monthly active users"), terms.textContent());
            Locator accept = button(row, "Accept and download");
            assertTrue(accept.isDisabled(), "nothing is accepted before the box is ticked");
            assertEquals("not_stored", state(page, llama), "no download before acceptance");
            row.getByLabel("I accept the Llama 3.2 Community License").check();
            accept.click();
            // This machine has no copy and no network: the download fails, clearly, after the acceptance.
            page.waitForSelector(llama + " .model-error");
            assertEquals("model_unavailable", page.getAttribute(llama + " .model-error", "data-code"),
                    page.textContent(llama + " .model-error"));
            assertEquals("llama3.2", s.call("() => localStorage.getItem('locara.licence.llama-3.2-1b-instruct-q4_k_m')"));

            page.reload();
            showManager(s);
            assertTrue(page.textContent(llama + " .model-licence").contains("terms accepted in this browser"),
                    page.textContent(llama + " .model-licence"));
            button(row, "Download").click();
            page.waitForSelector(llama + " .model-error");
            assertEquals(0, row.locator(".licence-terms").count(), "accepted once, not asked again");
            // A licence without acceptTerms never asks.
            assertFalse(page.textContent(DEMO_ROW + " .model-licence").contains("accepted"));
        }
    }
}
