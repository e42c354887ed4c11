package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage that can be trusted: what the browser evicted or what was damaged behind the app's back
 * (the test writes the OPFS files itself) is caught by the check at start, shown as lost, no longer
 * listed as stored, and offered for download again; what is whole stays ready.
 */
class StoredModelCheckTest {
    private static final String OPFS = "(await (await navigator.storage.getDirectory()).getDirectoryHandle('models'))";

    /** Downloads the demo model through the API, then reloads, so the manager has recorded it as stored. */
    private static void storeDemo(Browser.Session s, Browser browser) {
        s.call("() => locara.models.download('stories260k')");
        s.page.reload();
        ModelManagerTest.showManager(s);
        s.page.waitForSelector(ModelManagerTest.DEMO_ROW + "[data-state=stored]");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> stored(Browser.Session s) {
        return (List<Object>) s.call("async () => (await locara.models.stored()).data.map(m => m.id)");
    }

    @Test
    void aDamagedCopyIsCaughtAtStartAndOfferedAgain() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = ModelManagerTest.openManager(browser);
            Page page = s.page;
            storeDemo(s, browser);
            assertTrue(page.textContent("#model-check").startsWith("Checked 1 stored model: all whole."),
                    page.textContent("#model-check"));

            // The same size, other bytes in the middle: only the hash can tell.
            s.call("async () => { const h = await " + OPFS + ".getFileHandle('stories260K.gguf');"
                    + " const w = await h.createWritable({keepExistingData: true});"
                    + " await w.write({type: 'write', position: 600000, data: new Uint8Array(4096).fill(7)}); await w.close(); }");
            page.reload();
            ModelManagerTest.showManager(s);
            String row = ModelManagerTest.DEMO_ROW;
            page.waitForSelector(row + "[data-state=lost]");
            String status = page.textContent(row + " .model-status");
            assertTrue(status.startsWith("Lost: Its bytes hash to ") && status.contains("damaged"), status);
            assertEquals("lost", page.getAttribute("#model-check", "data-state"));
            assertEquals(List.of(), stored(s), "a damaged copy is not stored any more" + s.log());

            ModelManagerTest.button(page.locator(row), "Download again").click();
            page.waitForSelector(row + "[data-state=stored]");
            assertEquals(List.of("stories260k"), stored(s));
        }
    }

    @Test
    void evictedModelsAreShownLostWhileWholeOnesStayReady(@TempDir Path models) throws Exception {
        Files.copy(ModelManagerTest.demoFile(), models.resolve("stories260K.gguf"));
        byte[] bytes = Files.readAllBytes(ModelManagerTest.demoFile());
        bytes[bytes.length - 2000] ^= 0x04; // still a GGUF, no longer the pinned file: a user model
        Files.write(models.resolve("tiny-tales.gguf"), bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        try (Browser browser = new Browser(true, null, models)) {
            Browser.Session s = ModelManagerTest.openManager(browser);
            Page page = s.page;
            s.call("() => locara.models.add({url: '/models/tiny-tales.gguf'})");
            storeDemo(s, browser);
            String mine = "#user-models li[data-model=tiny-tales]";
            assertEquals("stored", page.getAttribute(mine, "data-state"), s.log());
            assertTrue(page.textContent(mine).contains("Not pinned") && page.textContent(mine).contains(sha),
                    page.textContent(mine));

            // Use the user's model: the header's select follows, and it is loaded at once.
            ModelManagerTest.button(page.locator(mine), "Use").click();
            assertEquals("tiny-tales", page.inputValue("select.model-select"));
            page.waitForSelector("#model-loaded[data-loaded=true]");
            assertEquals("tiny-tales is loaded on the GPU.", page.getAttribute("#model-loaded", "title"));

            // The browser evicts the demo model: bytes and marker both gone, as an eviction leaves it.
            s.call("async () => { const d = " + OPFS + "; await d.removeEntry('stories260K.gguf.verified');"
                    + " await d.removeEntry('stories260K.gguf'); }");
            page.reload();
            ModelManagerTest.showManager(s);
            String row = ModelManagerTest.DEMO_ROW;
            page.waitForSelector(row + "[data-state=lost]");
            assertTrue(page.textContent(row + " .model-status").contains("no longer in browser storage"),
                    page.textContent(row + " .model-status"));
            assertEquals("stored", page.getAttribute(mine, "data-state"), "the user model was untouched" + s.log());
            assertTrue(page.textContent("#model-check").startsWith("Checked 1 stored model: 1 lost or damaged"),
                    page.textContent("#model-check"));

            // Only its bytes removed: the marker is there but vouches for nothing.
            s.call("async () => { await " + OPFS + ".removeEntry('user-tiny-tales.gguf'); }");
            page.reload();
            ModelManagerTest.showManager(s);
            page.waitForSelector(mine + "[data-state=lost]");
            assertTrue(page.textContent(mine).contains("Its file is gone from browser storage"), page.textContent(mine));
            assertEquals(List.of(), stored(s), s.log());
            Map<?, ?> files = (Map<?, ?>) s.call("async () => { const out = {}; for await (const n of " + OPFS
                    + ".keys()) { out[n] = true; } return out; }");
            assertEquals(Map.of(), files, "the lost model's marker was removed with it");
        }
    }

    /** The same page does not hash a model twice in in-memory storage (whose file times say nothing); presence still counts. */
    @Test
    @SuppressWarnings("unchecked")
    void aModelHashedOnThisPageIsNotHashedAgainThereButStillCheckedForPresence() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = browser.openWorkbench();
            s.call("() => locara.models.download('stories260k')");
            String verify = "async () => (await locara.models.verify()).data.map(c => c.state + ': ' + c.message)";
            assertEquals(List.of("ok: Whole: its SHA-256 matches the record."), s.call(verify), "hashed once" + s.log());
            assertEquals(List.of("ok: Whole: its size is the one recorded, and its SHA-256 matched earlier in this"
                    + " session."), s.call(verify));
            // Stored anew (deleted, downloaded again): hashed again.
            s.call("async () => { await locara.models.delete('stories260k'); await locara.models.download('stories260k'); }");
            assertEquals(List.of("ok: Whole: its SHA-256 matches the record."), s.call(verify));
            s.call("async () => { await " + OPFS + ".removeEntry('stories260K.gguf'); }");
            List<Object> lost = (List<Object>) s.call(verify);
            assertTrue(lost.size() == 1 && ((String) lost.get(0)).startsWith("lost: Its file is gone"), lost.toString());
        }
    }

    /**
     * A profile on disk moves a file's time at every write: a model unchanged since its hash matched is
     * not hashed again at the next start, and one rewritten behind the app's back, even to the same size, is.
     */
    @Test
    void onDiskAnUnchangedModelIsNotHashedAgainAndARewrittenOneIsCaught(@TempDir Path profile) {
        try (Browser browser = new Browser(true)) {
            com.microsoft.playwright.BrowserContext context = browser.persistentContext(profile);
            try {
                Page page = context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
                page.setDefaultTimeout(120_000);
                Browser.Session s = new Browser.Session(page);
                page.navigate(browser.url());
                page.waitForSelector("#status[data-state=ready]");
                s.call("() => locara.models.download('stories260k')");
                String verify = "async () => (await locara.models.verify()).data.map(c => c.state + ' ' + c.hash_ms + ': '"
                        + " + c.message)";
                assertEquals(List.of("ok 0: Whole: unchanged since its SHA-256 last matched (the same size and"
                        + " modification time, which this storage moves on every write)."), s.call(verify), s.log());
                s.call("() => locara.completions.create({model: 'stories260k', prompt: 'Once', max_tokens: 2})");
                s.call("async () => { const h = await " + OPFS + ".getFileHandle('stories260K.gguf');"
                        + " const w = await h.createWritable({keepExistingData: true});"
                        + " await w.write({type: 'write', position: 600000, data: new Uint8Array(4096).fill(7)}); await w.close(); }");
                List<?> damaged = (List<?>) s.call(verify);
                assertTrue(damaged.size() == 1 && ((String) damaged.get(0)).startsWith("damaged "), damaged.toString());
                // The engine no longer serves what it loaded from those bytes: the next load reads the model anew.
                assertEquals(false, s.call("async () => locara.models.list().data.find(m => m.id === 'stories260k').loaded"));
                assertEquals(true, s.call("async () => { const stages = [];"
                        + " await locara.models.load('stories260k', {onProgress: p => stages.push(p.stage)});"
                        + " return stages.includes('upload'); }"), "a forgotten model is loaded again");
            } finally {
                context.close();
            }
        }
    }
}
