package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.gguf.GgmlType;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockRepackerTest {
    /** Packs by the layout's definition, block by block, for comparison. */
    private static byte[] expected(PackedLayout layout, byte[] file) {
        int b = layout.type().typeSize;
        int p = layout.packedBlockBytes();
        byte[] out = new byte[file.length / b * p];
        for (int i = 0; i < file.length / b; i++) {
            if (layout.unpackedScales()) {
                // d, dmin; then each sub-block's 6-bit scale and min as a byte; then the rest.
                System.arraycopy(file, i * b, out, i * p, 4);
                for (int j = 0; j < 8; j++) {
                    out[i * p + 4 + j] = (byte) sixBits(file, i * b + 4, j);
                    out[i * p + 12 + j] = (byte) sixBits(file, i * b + 4, j + 8);
                }
                System.arraycopy(file, i * b + 16, out, i * p + 20, b - 16);
            } else {
                System.arraycopy(file, i * b, out, i * p, layout.padAt());
                System.arraycopy(file, i * b + layout.padAt(), out, i * p + layout.padAt() + 2, b - layout.padAt());
            }
        }
        return out;
    }

    /**
     * Value k of the 16 six-bit values (8 scales, then 8 mins) packed in 12 bytes as ggml's
     * quantize_row_q4_K writes them: values 0..3 and 8..11 are the low 6 bits of bytes 0..3 and
     * 4..7; values 4..7 and 12..15 take their low 4 bits from bytes 8..11 (low nibble for scales,
     * high for mins) and their top 2 bits from the top of bytes 0..3 (scales) or 4..7 (mins).
     */
    private static int sixBits(byte[] f, int at, int k) {
        int j = k % 8;
        boolean min = k >= 8;
        if (j < 4) {
            return f[at + j + (min ? 4 : 0)] & 63;
        }
        int low = min ? (f[at + j + 4] & 0xFF) >> 4 : f[at + j + 4] & 0xF;
        int high = (f[at + j - 4 + (min ? 4 : 0)] & 0xFF) >> 6;
        return low | high << 4;
    }

    @Test
    void packsBlocksThatStraddleChunksOfAnySize() {
        Random random = new Random(7);
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q5_0, GgmlType.Q8_0, GgmlType.Q6_K, GgmlType.Q4_K, GgmlType.Q5_K}) {
            PackedLayout layout = PackedLayout.of(type);
            byte[] file = new byte[type.typeSize * 97];
            random.nextBytes(file);
            for (int chunk : new int[] {1, 3, 17, type.typeSize, 1000, file.length}) {
                for (boolean direct : new boolean[] {false, true}) { // the browser's buffers are direct
                    byte[] got = new byte[file.length / type.typeSize * layout.packedBlockBytes()];
                    int[] writes = {0};
                    BlockRepacker r = new BlockRepacker(layout, (offset, data, length) -> {
                        assertEquals(0, length % layout.packedBlockBytes());
                        data.get(0, got, (int) offset, length);
                        writes[0]++;
                    }, direct ? ByteBuffer.allocateDirect(256) : ByteBuffer.allocate(256));
                    ByteBuffer src = direct ? ByteBuffer.allocateDirect(file.length).put(file) : ByteBuffer.wrap(file);
                    for (int o = 0; o < file.length; o += chunk) {
                        r.accept(src, o, Math.min(chunk, file.length - o));
                    }
                    r.finish();
                    assertArrayEquals(expected(layout, file), got, type + " in chunks of " + chunk + (direct ? ", direct" : ""));
                }
            }
        }
    }

    @Test
    void packedRowsAreWholeWords() {
        for (GgmlType type : GgmlType.values()) {
            if (PackedLayout.has(type)) {
                PackedLayout layout = PackedLayout.of(type);
                assertEquals(0, layout.rowBytes(256) % 4, type.toString());
                assertEquals(0, layout.packedBlockBytes() % (type.blockSize == 1 ? type.typeSize : 4), type.toString());
            }
        }
    }
}
