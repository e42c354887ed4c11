package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.model.LlamaConfig;
import org.junit.jupiter.api.Test;

/** How many prompt tokens a chunk holds: the memory budget and the binding limit decide. */
class GpuPrefillTest {
    // A 7B-shaped llama: 4 x 4096 + 2 x 4096 + 2 x 11008 + 32 x 2048 floats = 448 KiB per token.
    private static final LlamaConfig LLAMA_7B = new LlamaConfig("llama", 4096, 11008, 32, 32, 32, 32000, 2048, 128,
            10000f, 1e-5f, false);
    private static final long PER_TOKEN = 4L * (4 * 4096 + 2 * 4096 + 2 * 11008 + 32 * 2048);

    @Test
    void plentyOfMemoryGivesTheLargestChunk() {
        assertEquals(GpuPrefill.MAX_BATCH, GpuPrefill.maxBatch(LLAMA_7B, 2048, 8L << 30, 1L << 30));
    }

    @Test
    void littleFreeMemoryGivesSmallerChunksButNeverNone() {
        assertEquals(10, GpuPrefill.maxBatch(LLAMA_7B, 2048, 10 * PER_TOKEN + 1, 1L << 30));
        assertEquals(1, GpuPrefill.maxBatch(LLAMA_7B, 2048, 0, 1L << 30));
    }

    @Test
    void theWidestBufferMustFitOneBinding() {
        // The attention scores of one token are 32 x 2048 floats (256 KiB): a 1 MiB binding holds 4 tokens' worth.
        assertEquals(4, GpuPrefill.maxBatch(LLAMA_7B, 2048, 8L << 30, 1L << 20));
    }
}
