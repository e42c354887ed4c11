package dev.locara.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.locara.gguf.GgmlType;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Java quantizers and dequantizers against ggml's own output, bit for bit (see quant-golden/README.md). */
class QuantGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"f16", "bf16", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "q4_k", "q5_k", "q6_k"})
    void matchesGgml(String name) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(load(name)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x444C4751, file.getInt(), "magic QGLD");
        QuantFormat format = QuantFormats.of(GgmlType.byId(file.getInt()));
        int rows = file.getInt();
        for (int r = 0; r < rows; r++) {
            int kind = file.getInt(), n = file.getInt(), seed = file.getInt();
            byte[] expected = new byte[file.getInt()];
            file.get(expected);
            float[] x = GoldenRows.row(kind, n, seed);
            byte[] actual = format.quantize(x, 0, n);
            String where = name + " row " + r + " (kind " + kind + ", " + n + " values)";
            if (!java.util.Arrays.equals(expected, actual)) {
                fail(where + ": quantized bytes differ at byte " + java.util.Arrays.mismatch(expected, actual)
                        + "\n ggml: " + HexFormat.of().formatHex(expected) + "\n java: " + HexFormat.of().formatHex(actual));
            }
            float[] y = new float[n];
            format.dequantize(expected, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                int want = file.getInt();
                if (want != Float.floatToRawIntBits(y[i])) {
                    fail(where + ": dequantized value " + i + " is " + y[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(y[i]))
                            + "), ggml gives " + Float.intBitsToFloat(want) + " (0x" + Integer.toHexString(want) + ")");
                }
            }
        }
        assertEquals(0, file.remaining(), "trailing bytes");
    }

    private static byte[] load(String name) throws IOException {
        try (InputStream in = QuantGoldenTest.class.getResourceAsStream("/quant-golden/" + name + ".bin")) {
            if (in == null) {
                throw new IOException("missing golden file quant-golden/" + name + ".bin");
            }
            return new DataInputStream(in).readAllBytes();
        }
    }
}
