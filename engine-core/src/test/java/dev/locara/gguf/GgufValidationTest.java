package dev.locara.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locara.model.LlamaCpu;
import dev.locara.synth.ModelShape;
import dev.locara.synth.SyntheticModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Files whose sizes, shapes or hyper-parameters do not add up are refused with a typed error. */
class GgufValidationTest {
    private static GgufException.Kind kindOf(byte[] file) {
        ByteArraySource source = new ByteArraySource(file);
        return assertThrows(GgufException.class, () -> new LlamaCpu(GgufReader.read(source), source, 16)).kind();
    }

    /** Overwrites the little-endian i64 that follows the first occurrence of {@code marker} plus {@code skip} bytes. */
    private static byte[] patch(byte[] file, String marker, int skip, long value) {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + m.length < file.length; i++) {
            for (int k = 0; k < m.length; k++) {
                if (file[i + k] != m[k]) continue outer;
            }
            ByteBuffer.wrap(file, i + m.length + skip, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
            return file;
        }
        throw new AssertionError(marker + " not found");
    }

    @Test
    void writerRefusesDataOfTheWrongLength() {
        GgufWriter w = new GgufWriter();
        assertThrows(IllegalArgumentException.class, () -> w.tensor("a", GgmlType.F32, new long[] {4}, new byte[12]));
        assertThrows(IllegalArgumentException.class, () -> w.tensor("q", GgmlType.Q8_0, new long[] {16}, new byte[17]));
        GgufWriter streamed = new GgufWriter().tensor("a", GgmlType.F32, new long[] {4}, out -> out.write(new byte[8]));
        assertThrows(IllegalStateException.class, streamed::toBytes);
    }

    @Test
    void readerRefusesTensorDataThatDoesNotMatchTypeAndShape() {
        byte[] two = new GgufWriter().tensorF32("a", new long[] {16}, new float[16]).tensorF32("b", new long[] {8}, new float[8]).toBytes();
        // "a" now claims 8 values (32 bytes) while its data still takes 64: "b" no longer starts where "a" ends.
        byte[] shrunk = patch(two.clone(), "a", 4, 8);
        GgufException e = assertThrows(GgufException.class, () -> GgufReader.read(new ByteArraySource(shrunk)));
        assertEquals(GgufException.Kind.TENSOR_OUT_OF_BOUNDS, e.kind());
        // "b" claims more values than the file holds.
        byte[] grown = patch(two.clone(), "b", 4, 64);
        assertEquals(GgufException.Kind.TENSOR_OUT_OF_BOUNDS,
                assertThrows(GgufException.class, () -> GgufReader.read(new ByteArraySource(grown))).kind());
        // A quantized tensor whose first dimension is not a whole number of blocks.
        byte[] q = new GgufWriter().tensor("q", GgmlType.Q8_0, new long[] {32}, new byte[34]).toBytes();
        byte[] ragged = patch(q, "q", 4, 16);
        assertEquals(GgufException.Kind.MALFORMED,
                assertThrows(GgufException.class, () -> GgufReader.read(new ByteArraySource(ragged))).kind());
    }

    @Test
    void overflowingShapesAndDuplicateNamesAreMalformed() {
        byte[] four = new GgufWriter().tensorF32("t", new long[] {1, 1, 1, 1}, new float[1]).toBytes();
        for (int d = 0; d < 4; d++) {
            patch(four, "t", 4 + 8 * d, 1L << 40); // each dimension allowed, their product overflows a long
        }
        assertEquals(GgufException.Kind.MALFORMED,
                assertThrows(GgufException.class, () -> GgufReader.read(new ByteArraySource(four))).kind());
        byte[] twice = new GgufWriter().tensorF32("x", new long[] {1}, new float[1]).tensorF32("x", new long[] {1}, new float[1]).toBytes();
        assertEquals(GgufException.Kind.MALFORMED,
                assertThrows(GgufException.class, () -> GgufReader.read(new ByteArraySource(twice))).kind());
    }

    @Test
    void impossibleHyperParametersAreMalformedNotAllocated() {
        ModelShape small = new ModelShape("t", "llama", 32, 2, 4, 2, 64, 300, 128, 10000f, 1e-5f, true, null);
        // A block count of 2^31 - 1 would allocate arrays for that many layers before finding a tensor missing.
        assertEquals(GgufException.Kind.MALFORMED, kindOf(patchU32(SyntheticModel.writerF32(small, 1).toBytes(), "llama.block_count", Integer.MAX_VALUE)));
        // An int64 metadata value beyond int range.
        byte[] big = new GgufWriter().put("general.architecture", "llama").put("llama.embedding_length", 1L << 40)
                .put("llama.attention.head_count", 4).tensorF32("token_embd.weight", new long[] {4, 2}, new float[8]).toBytes();
        assertEquals(GgufException.Kind.MALFORMED, kindOf(big));
        // A one-dimensional embedding.
        byte[] flat = new GgufWriter().put("general.architecture", "llama").put("llama.embedding_length", 4)
                .put("llama.attention.head_count", 2).tensorF32("token_embd.weight", new long[] {8}, new float[8]).toBytes();
        assertEquals(GgufException.Kind.MALFORMED, kindOf(flat));
    }

    /** Sets a UINT32 metadata value: after the key come its type (4 bytes) and the value. */
    private static byte[] patchU32(byte[] file, String key, int value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + k.length < file.length; i++) {
            if (java.util.Arrays.equals(file, i, i + k.length, k, 0, k.length)) {
                ByteBuffer.wrap(file, i + k.length + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
                return file;
            }
        }
        throw new AssertionError(key + " not found");
    }
}
