package dev.locara.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quantize then dequantize, with the data and bound of ggml's tests/test-quantize-fns.cpp:
 * 4096 values 0.1 + 2 cos(i), error sqrt(sum (x - y)^2) / n below MAX_QUANTIZATION_TOTAL_ERROR = 0.002
 * (the bound it applies to every type here; its looser ones are for 1-3 bit and FP4 types).
 */
class QuantRoundTripTest {
    private static final float MAX_QUANTIZATION_TOTAL_ERROR = 0.002f;
    private static final int TEST_SIZE = 32 * 128;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q4_K", "Q5_K", "Q6_K"})
    void errorWithinGgmlBound(GgmlType type) {
        float[] x = new float[TEST_SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 + 2 * (float) Math.cos(i));
        }
        QuantFormat format = QuantFormats.of(type);
        byte[] q = format.quantize(x, 0, x.length);
        assertEquals(type.bytesFor(x.length), q.length);
        float[] y = new float[x.length];
        format.dequantize(q, 0, y, 0, y.length);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double diff = x[i] - y[i];
            sum += diff * diff;
        }
        float error = (float) Math.sqrt(sum) / x.length;
        assertTrue(error < MAX_QUANTIZATION_TOTAL_ERROR, type + " round-trip error " + error);
    }

    @Test
    void offsetsAreHonoured() {
        float[] x = new float[96];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 40;
        }
        QuantFormat q8 = QuantFormats.of(GgmlType.Q8_0);
        byte[] alone = q8.quantize(java.util.Arrays.copyOfRange(x, 32, 96), 0, 64);
        byte[] out = new byte[3 + alone.length];
        q8.quantize(x, 32, 64, out, 3);
        assertArrayEquals(alone, java.util.Arrays.copyOfRange(out, 3, out.length));
        float[] y = new float[70];
        q8.dequantize(out, 3, y, 6, 64);
        float[] expected = new float[64];
        q8.dequantize(alone, 0, expected, 0, 64);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(y, 6, 70));
    }

    @Test
    void unsupportedTypeNamesTheSupportedOnes() {
        GgufException e = assertThrows(GgufException.class, () -> QuantFormats.of(GgmlType.IQ2_XS));
        assertEquals(GgufException.Kind.UNKNOWN_TENSOR_TYPE, e.kind());
        assertTrue(e.getMessage().contains("IQ2_XS") && e.getMessage().contains("Q4_K, Q5_K, Q6_K"), e.getMessage());
    }

    @Test
    void partialBlocksAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> QuantFormats.of(GgmlType.Q4_K).quantize(new float[300], 0, 300));
    }
}
