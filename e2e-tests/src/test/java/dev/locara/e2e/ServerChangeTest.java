package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model file changed on the server after the browser stored it (a replaced mirror, a tampered
 * folder): the page keeps using the copy it verified, never the new bytes, and a download of the
 * changed file is refused by its hash and leaves nothing stored.
 */
class ServerChangeTest {
    @Test
    @SuppressWarnings("unchecked")
    void aFileChangedOnTheServerIsNeverLoadedAndRefusedWhenDownloaded(@TempDir Path models) throws Exception {
        Path served = models.resolve("stories260K.gguf");
        Files.copy(ModelManagerTest.demoFile(), served);
        try (Browser browser = new Browser(true, null, models)) {
            Browser.Session s = browser.openWorkbench();
            s.call("() => locara.models.download('stories260k')");

            byte[] bytes = Files.readAllBytes(served);
            bytes[bytes.length / 2] ^= 0x40; // one bit of the weights, the same size: only a hash can tell
            Files.write(served, bytes);
            List<String> modelRequests = Collections.synchronizedList(new ArrayList<>());
            s.page.context().onRequest(r -> {
                if (r.url().contains("/models/")) {
                    modelRequests.add(r.url());
                }
            });
            s.page.reload();
            s.page.waitForSelector("#status[data-state=ready]");
            List<Object> verify = (List<Object>) s.call("async () => (await locara.models.verify()).data.map(c => c.state)");
            assertEquals(List.of("ok"), verify, "the stored copy is whole" + s.log());
            Map<String, Object> r = (Map<String, Object>) s.call("() => locara.completions.create({model: 'stories260k',"
                    + " prompt: 'Once upon a time', max_tokens: 8, temperature: 0})");
            List<Integer> tokens = new ArrayList<>();
            for (Object o : (List<Object>) ((List<Map<String, Object>>) r.get("choices")).get(0).get("token_ids")) {
                tokens.add(((Number) o).intValue());
            }
            assertEquals(WorkbenchTest.GREEDY_64.subList(0, 8), tokens, "the pinned model's answer" + s.log());
            assertEquals(List.of(), modelRequests, "the changed file was not read" + s.log());

            // Stored anew from the changed server: the hash refuses it, nothing stays.
            s.call("() => locara.models.delete('stories260k')");
            Map<String, Object> error = (Map<String, Object>) s.call("async () => { try {"
                    + " await locara.models.download('stories260k'); return {ok: true}; }"
                    + " catch (e) { return {code: e.code, message: e.message}; } }");
            assertEquals("hash_mismatch", error.get("code"), error + s.log());
            assertTrue(String.valueOf(error.get("message")).contains("nothing was stored"), error.toString());
            assertEquals(List.of(), s.call("async () => (await locara.models.stored()).data.map(m => m.id)"));
        }
    }
}
