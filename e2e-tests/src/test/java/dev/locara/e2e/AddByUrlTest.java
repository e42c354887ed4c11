package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding a model by URL: stored unpinned with its computed hash; a host the page may not reach is explained. */
class AddByUrlTest {
    @Test
    @SuppressWarnings("unchecked")
    void addsByUrlAndExplainsHostsThePageMayNotReach(@TempDir Path models) throws Exception {
        Path demo = Path.of(System.getProperty("locara.models", "../../shared/models"), "stories260K.gguf");
        byte[] bytes = Files.readAllBytes(demo);
        bytes[bytes.length - 2000] ^= 0x04; // still a GGUF, no longer the pinned file
        Files.write(models.resolve("tiny-tales.gguf"), bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        try (Browser browser = new Browser(true, null, models)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            s.page.waitForSelector("#status[data-state=ready]");
            Map<String, Object> added = (Map<String, Object>) s.call("async () => { let last = null;"
                    + " const r = await locara.models.add({url: '/models/tiny-tales.gguf'},"
                    + "   {onProgress: p => { last = p; }}); return {r, last}; }");
            Map<String, Object> model = (Map<String, Object>) added.get("r");
            assertEquals("tiny-tales", model.get("id"), added + s.log());
            assertEquals(false, model.get("pinned"), added.toString());
            assertEquals(sha, model.get("sha256"), "the hash is computed while bytes arrive" + s.log());
            Map<String, Object> progress = (Map<String, Object>) added.get("last");
            assertEquals((long) bytes.length, ((Number) progress.get("loaded")).longValue(), added.toString());

            Map<String, Object> completion = (Map<String, Object>) s.call("() => locara.completions.create("
                    + "{model: 'tiny-tales', prompt: 'Once upon a time', max_tokens: 3, temperature: 0})");
            List<Object> ids = (List<Object>) ((List<Map<String, Object>>) completion.get("choices")).get(0).get("token_ids");
            assertEquals(3, ids.size(), completion + s.log());

            Object blocked = s.call("() => locara.models.add({url: 'https://models.example.org/x.gguf'})"
                    + ".then(() => 'resolved', e => e.code + '|' + e.message)");
            String text = String.valueOf(blocked);
            assertTrue(text.startsWith("model_unavailable|"), text + s.log());
            assertTrue(text.contains("--allow-host models.example.org"), "says which host to allow: " + text);
            Object bad = s.call("() => locara.models.add({url: 'ftp://x/y.gguf'}).then(() => 'resolved', e => e.code)");
            assertEquals("invalid_request", bad, s.log());
            List<Map<String, Object>> stored = (List<Map<String, Object>>) s.call("async () => (await locara.models.stored()).data");
            assertEquals(1, stored.size(), "a failed add stores nothing: " + stored);
        }
    }
}
