package dev.locara.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.cache.ModelCatalog;
import org.junit.jupiter.api.Test;

class ModelRowTest {
    @Test
    void progressSaysBytesRateAndTimeLeftWhenKnown() {
        assertEquals("500.0 kB of 1.2 MB (42 %)", ModelRow.progressText(500_000, 1_185_376, -1, -1));
        assertEquals("800.0 kB of 1.2 MB (67 %) · 2.5 MB/s · 0 s left",
                ModelRow.progressText(800_000, 1_185_376, 2_500_000, 0.15));
        assertEquals("1.0 GB of 4.7 GB (21 %) · 25.0 MB/s · 147 s left",
                ModelRow.progressText(1e9, 4_683_074_240.0, 25e6, 147.3));
    }

    @Test
    void factsComeFromTheManifest() {
        assertEquals("1.2 MB on disk · F32 · about 260 thousand parameters · 2048-token context · llama",
                ModelRow.facts(ModelCatalog.DEMO));
        assertEquals("4.7 GB on disk · Q4_K_M · 7.6 billion parameters · 32768-token context · qwen2",
                ModelRow.facts(ModelCatalog.byId("qwen2.5-7b-instruct-q4_k_m")));
    }
}
