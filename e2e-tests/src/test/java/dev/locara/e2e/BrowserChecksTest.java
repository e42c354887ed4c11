package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the TeaVM-compiled browser checks (dev.locara.e2e.checks) in a worker and asserts each passed. */
class BrowserChecksTest {
    @Test
    @SuppressWarnings("unchecked")
    void runtimeBehavesInTheBrowserAsOnTheJvm() {
        Path checks = Path.of(System.getProperty("locara.checks", "target/checks-webapp"));
        // The tokenizer checks load llama.cpp's vocabulary-only GGUFs and .inp/.out files as models/.
        Path vectors = Path.of(System.getProperty("locara.vectors", "../../shared/tokenizer-vectors"));
        assertTrue(Files.isRegularFile(vectors.resolve("ggml-vocab-gpt-2.gguf")),
                "tokenizer vectors missing from " + vectors.toAbsolutePath() + "; set -Dlocara.vectors=DIR");
        try (Browser browser = new Browser(false, checks, vectors)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            List<Map<String, Object>> results = (List<Map<String, Object>>) s.call("() => new Promise(resolve => {"
                    + " const w = new Worker('checks-worker.js'); w.onmessage = e => resolve(e.data);"
                    // A check that kills the worker must fail with the worker's error, not a time-out.
                    + " w.onerror = e => resolve([{name: 'the checks worker', ok: false, detail: e.message}]); })");
            assertFalse(results.isEmpty(), "no checks ran" + s.log());
            StringBuilder failures = new StringBuilder();
            for (Map<String, Object> r : results) {
                System.out.println("browser check " + (Boolean.TRUE.equals(r.get("ok")) ? "ok" : "FAILED") + ": "
                        + r.get("name") + (String.valueOf(r.get("detail")).isEmpty() ? "" : " (" + r.get("detail") + ")"));
                if (!Boolean.TRUE.equals(r.get("ok"))) {
                    failures.append("\n- ").append(r.get("name")).append(": ").append(r.get("detail"));
                }
            }
            assertTrue(failures.length() == 0, "browser checks failed:" + failures + s.log());
        }
    }
}
