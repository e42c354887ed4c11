package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.gguf.GgmlType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockRepackerTest {
    /** Packs by the layout's definition, block by block, for comparison. */
    private static byte[] expected(PackedLayout layout, byte[] file) {
        int b = layout.type().typeSize;
        int p = layout.packedBlockBytes();
        byte[] out = new byte[file.length / b * p];
        for (int i = 0; i < file.length / b; i++) {
            System.arraycopy(file, i * b, out, i * p, layout.padAt());
            System.arraycopy(file, i * b + layout.padAt(), out, i * p + layout.padAt() + 2, b - layout.padAt());
        }
        return out;
    }

    @Test
    void packsBlocksThatStraddleChunksOfAnySize() {
        Random random = new Random(7);
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q5_0, GgmlType.Q8_0, GgmlType.Q6_K}) {
            PackedLayout layout = PackedLayout.of(type);
            byte[] file = new byte[type.typeSize * 97];
            random.nextBytes(file);
            for (int chunk : new int[] {1, 3, 17, type.typeSize, 1000, file.length}) {
                byte[] got = new byte[file.length / type.typeSize * layout.packedBlockBytes()];
                int[] writes = {0};
                BlockRepacker r = new BlockRepacker(layout, (offset, data, length) -> {
                    assertEquals(0, length % layout.packedBlockBytes());
                    System.arraycopy(data, 0, got, (int) offset, length);
                    writes[0]++;
                }, 256);
                for (int o = 0; o < file.length; o += chunk) {
                    r.accept(file, o, Math.min(chunk, file.length - o));
                }
                r.finish();
                assertArrayEquals(expected(layout, file), got, type + " in chunks of " + chunk);
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
