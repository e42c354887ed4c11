package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing GGUF files from disk through the demo page's file input and window.locara.models.import. */
class ImportTest {
    private static final String SHA = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";
    private static final Path DEMO = Path.of(System.getProperty("locara.models", "../../shared/models"), "stories260K.gguf");

    @Test
    @SuppressWarnings("unchecked")
    void pinnedUnpinnedAndRefusedImports(@TempDir Path dir) throws Exception {
        byte[] modified = Files.readAllBytes(DEMO);
        modified[modified.length - 1000] ^= 0x01; // one bit in the last tensor's data: still a GGUF, not the pinned one
        Path modifiedFile = dir.resolve("My Stories (edited).gguf");
        Files.write(modifiedFile, modified);
        String modifiedSha = sha256(modified);
        Path notGguf = dir.resolve("notes.gguf");
        Files.write(notGguf, "These are notes, not a model.\n".repeat(2000).getBytes(StandardCharsets.UTF_8));

        try (Browser browser = new Browser(true)) {
            Browser.Session session = browser.open();
            Page page = ready(session, browser.url());

            // The demo file itself: recognised by its hash as the pinned stories260k.
            String pinned = importThroughPage(page, DEMO);
            assertEquals("done", page.getAttribute("#import-result", "data-state"), pinned + session.log());
            assertTrue(pinned.contains("'stories260k'") && pinned.contains("pinned (") && pinned.contains(SHA), pinned);

            // One bit changed: an unpinned user model named after the file, its own hash shown.
            String unpinned = importThroughPage(page, modifiedFile);
            assertEquals("done", page.getAttribute("#import-result", "data-state"), unpinned + session.log());
            assertTrue(unpinned.contains("'my-stories-edited'") && unpinned.contains("unpinned")
                    && unpinned.contains(modifiedSha), unpinned);

            List<Map<String, Object>> stored = stored(session);
            assertEquals(2, stored.size(), stored + session.log());
            Map<String, Object> pinnedEntry = byId(stored, "stories260k");
            assertEquals(true, pinnedEntry.get("pinned"), stored.toString());
            assertEquals(SHA, pinnedEntry.get("sha256"), stored.toString());
            Map<String, Object> user = byId(stored, "my-stories-edited");
            assertEquals(false, user.get("pinned"), stored.toString());
            assertEquals(modifiedSha, user.get("sha256"), stored.toString());
            assertEquals((long) modified.length, ((Number) user.get("bytes")).longValue(), stored.toString());

            // The user model loads by its id, from storage.
            Map<String, Object> completion = (Map<String, Object>) session.call("() => locara.completions.create("
                    + "{model: 'my-stories-edited', prompt: 'Once upon a time', max_tokens: 4, temperature: 0})");
            Map<String, Object> choice = ((List<Map<String, Object>>) completion.get("choices")).get(0);
            assertEquals(4, ((List<Object>) choice.get("token_ids")).size(), completion + session.log());
            assertEquals("length", choice.get("finish_reason"), completion.toString());

            // Not a GGUF: a typed error, shown as text, and nothing stays stored.
            String refused = importThroughPage(page, notGguf);
            assertEquals("error", page.getAttribute("#import-result", "data-state"), refused + session.log());
            assertEquals("invalid_model", page.getAttribute("#import-result", "data-code"), refused);
            assertTrue(refused.contains("notes.gguf") && refused.contains("Nothing was stored"), refused);
            Map<String, Object> apiError = (Map<String, Object>) session.call("async () => { try {"
                    + " await locara.models.import(new File(['GGUF but not really'], 'fake.gguf')); return {ok: true}; }"
                    + " catch (e) { return {name: e.name, code: e.code, message: e.message}; } }");
            assertEquals("invalid_model", apiError.get("code"), apiError + session.log());
            assertEquals("LocaraError", apiError.get("name"), apiError.toString());
            Map<String, Object> notAFile = (Map<String, Object>) session.call("async () => { try {"
                    + " await locara.models.import('stories260K.gguf'); return {ok: true}; }"
                    + " catch (e) { return {code: e.code}; } }");
            assertEquals("invalid_request", notAFile.get("code"), notAFile.toString());
            assertEquals(2, stored(session).size(), session.log());
            assertEquals(List.of("stories260K.gguf", "stories260K.gguf.verified", "user-my-stories-edited.gguf",
                    "user-my-stories-edited.gguf.unpinned"), opfsFiles(session), "no partial import stays" + session.log());

            // A name that is neither in the manifest nor stored still lists what exists.
            String unknown = String.valueOf(session.call("() => locara.completions.create({model: 'nope', prompt: 'hi'})"
                    + ".then(() => 'resolved', e => e.code + '|' + e.message)"));
            assertTrue(unknown.startsWith("model_not_found|") && unknown.contains("stories260k")
                    && unknown.contains("my-stories-edited"), unknown + session.log());

            session.call("() => locara.models.delete('my-stories-edited')");
            assertFalse(String.valueOf(stored(session)).contains("my-stories-edited"), session.log());
            session.page.context().close();
        }
    }

    private static Page ready(Browser.Session session, String url) {
        Page page = session.page;
        page.setDefaultTimeout(120_000);
        page.navigate(url);
        page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
        assertEquals("ready", page.getAttribute("#status", "data-state"), page.textContent("#status") + session.log());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Models and device")).click();
        return page;
    }

    /** Chooses {@code file} in the page's file input and waits for the outcome text. */
    private static String importThroughPage(Page page, Path file) {
        if (page.isHidden("#device")) { // the import sits in the models-and-device panel, closed at start
            page.click("button[aria-controls=device]");
        }
        page.evaluate("() => document.getElementById('import-result').dataset.state = 'idle'");
        page.setInputFiles("#import-file", file);
        page.waitForSelector("#import-result[data-state=done], #import-result[data-state=error]");
        return page.textContent("#import-result");
    }

    private static Map<String, Object> byId(List<Map<String, Object>> models, String id) {
        return models.stream().filter(m -> id.equals(m.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not in " + models));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stored(Browser.Session session) {
        Map<String, Object> stored = (Map<String, Object>) session.call("() => locara.models.stored()");
        return (List<Map<String, Object>>) stored.get("data");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> opfsFiles(Browser.Session session) {
        return (List<Object>) session.call("async () => { const out = [];"
                + " const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('models', {create: true});"
                + " for await (const name of dir.keys()) { out.push(name); } out.sort(); return out; }");
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
