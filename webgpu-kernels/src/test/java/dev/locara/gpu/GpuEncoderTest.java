package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locara.embed.EncoderConfig;
import dev.locara.embed.Pooling;
import org.junit.jupiter.api.Test;

/** How many tokens one encoder submission holds: at least a full-context sequence, then the budget and the bindings decide. */
class GpuEncoderTest {
    // all-MiniLM-L6-v2: 5 x 384 + 1536 floats and 5 ints per token = 13844 bytes.
    private static final EncoderConfig MINILM = new EncoderConfig("bert", 384, 6, 12, 1536, 30522, 512, 2, 1e-12f,
            Pooling.MEAN, 0f, "", "");
    // nomic-embed-text-v1.5: SwiGLU, so up and gate: 5 x 768 + 2 x 3072 floats and 5 ints = 39956 bytes.
    private static final EncoderConfig NOMIC = new EncoderConfig("nomic-bert", 768, 12, 12, 3072, 30522, 2048, 2, 1e-12f,
            Pooling.MEAN, 1000f, "search_query: ", "search_document: ");

    @Test
    void perTokenActivationsCountEveryBuffer() {
        assertEquals(13844, GpuEncoder.perTokenBytes(MINILM));
        assertEquals(39956, GpuEncoder.perTokenBytes(NOMIC));
    }

    @Test
    void theActivationBudgetBoundsABatchWithPlentyOfMemory() {
        assertEquals(GpuEncoder.ACTIVATION_BUDGET / 13844, GpuEncoder.maxTokens(MINILM, 8L << 30, 1L << 30));
    }

    @Test
    void aFullContextSequenceAlwaysFitsWhenTheBudgetIsSmallerThanIt() {
        // 2048 nomic tokens take 78 MiB, more than the budget: the batch is one full sequence.
        assertEquals(2048, GpuEncoder.maxTokens(NOMIC, 8L << 30, 1L << 30));
    }

    @Test
    void tooLittleMemoryOrTooSmallABindingIsRefusedWithBothNumbers() {
        assertThrows(InsufficientGpuMemoryException.class, () -> GpuEncoder.maxTokens(MINILM, 511 * 13844L, 1L << 30));
        // A 3072-float row of up per token: 2047 tokens' worth in the binding is one short of the context.
        assertThrows(InsufficientGpuMemoryException.class, () -> GpuEncoder.maxTokens(NOMIC, 8L << 30, 2047L * 4 * 3072));
    }
}
