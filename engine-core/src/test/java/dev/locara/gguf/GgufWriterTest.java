package dev.locara.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.model.LlamaTensors;
import dev.locara.quant.QuantFormats;
import org.junit.jupiter.api.Test;

class GgufWriterTest {
    /** A whole file in memory: enough for tests. */
    record Bytes(byte[] data) implements ByteSource {
        public long size() {
            return data.length;
        }

        public void readFully(long offset, byte[] dst, int dstOffset, int length) {
            ByteSource.checkRange(offset, length, data.length);
            System.arraycopy(data, (int) offset, dst, dstOffset, length);
        }
    }

    @Test
    void everyValueTheReaderProducesWritesBack() {
        GgufWriter w = new GgufWriter().put("i", 7).put("l", 1L << 40).put("f", 1.5f).put("d", 2.25).put("b", true)
                .put("s", "x").put("bytes", new byte[] {1, -2}).put("shorts", new short[] {3, -4})
                .put("longs", new long[] {5}).put("doubles", new double[] {0.5}).put("bools", new boolean[] {true, false})
                .put("nested", new Object[] {new int[] {1, 2}, new String[] {"a"}});
        GgufFile f = GgufReader.read(new Bytes(w.toBytes()));
        GgufWriter again = new GgufWriter();
        f.metadata().forEach(again::put);
        GgufFile g = GgufReader.read(new Bytes(again.toBytes()));
        assertEquals(2.25, g.metadata().get("d"));
        assertArrayEquals(new short[] {3, -4}, g.array("shorts", short[].class));
        assertArrayEquals(new boolean[] {true, false}, g.array("bools", boolean[].class));
        Object[] nested = g.array("nested", Object[].class);
        assertArrayEquals(new int[] {1, 2}, (int[]) nested[0]);
        assertArrayEquals(new String[] {"a"}, (String[]) nested[1]);
    }

    @Test
    void quantizedTensorsReadBackAsFloatsAndUnknownTypesAreNamed() {
        float[] values = new float[64];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 8f - 4;
        }
        byte[] q8 = QuantFormats.of(GgmlType.Q8_0).quantize(values, 0, values.length);
        GgufWriter w = new GgufWriter().tensor("w", GgmlType.Q8_0, new long[] {32, 2}, q8)
                .tensor("iq", GgmlType.IQ4_NL, new long[] {32}, new byte[18]);
        Bytes source = new Bytes(w.toBytes());
        GgufFile f = GgufReader.read(source);
        float[] back = TensorReader.readFloats(source, LlamaTensors.require(f, "w", 64));
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], back[i], 0.02f);
        }
        GgufException e = assertThrows(GgufException.class, () -> LlamaTensors.require(f, "iq", 32));
        assertEquals(GgufException.Kind.UNKNOWN_TENSOR_TYPE, e.kind());
        assertTrue(e.getMessage().contains("'iq'") && e.getMessage().contains("IQ4_NL") && e.getMessage().contains("Q8_0"), e.getMessage());
    }

    @Test
    void readingInChunksCutsOnlyBetweenBlocks() {
        int n = 32 * 40000; // 1.36 MB of Q8_0: more than one 1 MiB read chunk, which 34 does not divide
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) Math.sin(i * 0.01);
        }
        byte[] q8 = QuantFormats.of(GgmlType.Q8_0).quantize(values, 0, n);
        Bytes source = new Bytes(new GgufWriter().tensor("w", GgmlType.Q8_0, new long[] {32 * 400, 100}, q8).toBytes());
        float[] expected = new float[n];
        QuantFormats.of(GgmlType.Q8_0).dequantize(q8, 0, expected, 0, n);
        assertArrayEquals(expected, TensorReader.readFloats(source, GgufReader.read(source).tensor("w")));
    }
}
