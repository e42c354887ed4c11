package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the WebGPU kernel checks (dev.locara.e2e.gpu.GpuChecks) in a worker of Chromium with WebGPU
 * and asserts each passed; their details (measured errors and bounds) are printed.
 */
class GpuChecksTest {
    @Test
    @SuppressWarnings("unchecked")
    void quantizedKernelsMatchTheCpuReference() {
        Path checks = Path.of(System.getProperty("locara.checks", "target/checks-webapp"));
        try (Browser browser = new Browser(true, checks)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            List<Map<String, Object>> results;
            try {
                results = (List<Map<String, Object>>) s.call("() => new Promise(resolve => {"
                        + " const w = new Worker('gpu-checks-worker.js'); w.onmessage = e => resolve(e.data); })",
                        300); // every architecture twice (CPU and GPU shapes), each kernel variant compiled by SwiftShader
            } catch (RuntimeException e) {
                throw new AssertionError("the GPU checks did not finish: " + e.getMessage() + s.log(), e);
            }
            assertFalse(results.isEmpty(), "no checks ran" + s.log());
            StringBuilder failures = new StringBuilder();
            for (Map<String, Object> r : results) {
                boolean ok = Boolean.TRUE.equals(r.get("ok"));
                System.out.println((ok ? "ok   " : "FAIL ") + r.get("name") + ": " + r.get("detail"));
                if (!ok) {
                    failures.append("\n- ").append(r.get("name")).append(": ").append(r.get("detail"));
                }
            }
            assertTrue(failures.length() == 0, "GPU checks failed:" + failures + s.log());
        }
    }
}
