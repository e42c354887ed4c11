package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server whose models folder lacks the demo model: the request fails with words, not a hang or a crash. */
class MissingModelTest {
    @TempDir
    Path emptyModels;

    @Test
    void aMissingModelFileIsReportedClearly() {
        try (Browser browser = new Browser(true, null, emptyModels)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            s.page.waitForSelector("#status[data-state=ready]"); // window.locara exists once the page's wasm is up
            Object outcome = s.call("() => locara.completions.create({model: 'stories260k', prompt: 'Once', max_tokens: 2})"
                    + ".then(() => 'resolved', e => e.code + '|' + e.message)");
            String text = String.valueOf(outcome);
            assertTrue(text.startsWith("model_unavailable|"), text + s.log());
            assertTrue(text.contains("--models"), "the message says what to do: " + text + s.log());
            Object next = s.call("() => locara.completions.create({model: 'stories260k', prompt: 'Once', max_tokens: 2})"
                    + ".then(() => 'resolved', e => e.code)");
            assertTrue("model_unavailable".equals(next), "the engine keeps answering: " + next + s.log());
            Object download = s.call("() => locara.models.download('stories260k')"
                    + ".then(() => 'resolved', e => e.code + '|' + e.message)");
            String tried = String.valueOf(download);
            assertTrue(tried.startsWith("model_unavailable|"), tried + s.log());
            assertTrue(tried.contains("models/stories260K.gguf") && tried.contains("https://huggingface.co/"),
                    "both sources tried, the local server first: " + tried);
            assertTrue(tried.indexOf("models/stories260K.gguf") < tried.indexOf("https://huggingface.co/"), tried);
        }
    }
}
