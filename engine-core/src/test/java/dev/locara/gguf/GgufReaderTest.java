package dev.locara.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.locara.DemoModel;
import dev.locara.gguf.GgufException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GgufReaderTest {
    /** Magic, version, tensor count and metadata count: the fixed part before the first key. */
    private static final int FIXED_HEADER = 24;

    // ---------------------------------------------------------------- the demo model

    @Test
    void demoModelHeader() throws Exception {
        try (FileByteSource source = DemoModel.open()) {
            GgufFile gguf = GgufReader.read(source);
            assertEquals(3, gguf.version());
            assertEquals("llama", gguf.requireString("general.architecture"));
            assertEquals(32, gguf.alignment());
            assertEquals(source.size(), gguf.fileSize());
            assertEquals(0, gguf.dataOffset() % 32, "data section must start aligned: " + gguf.dataOffset());
            assertEquals(5 * 9 + 3, gguf.tensors().size(), "5 blocks of 9 tensors + embedding, norm, output");
            assertEquals(2048, gguf.requireInt("llama.context_length"));
            assertEquals(64, gguf.requireInt("llama.embedding_length"));
            assertEquals(512, gguf.array("tokenizer.ggml.tokens", String[].class).length);
            assertEquals(512, gguf.array("tokenizer.ggml.scores", float[].class).length);
            assertEquals(512, gguf.array("tokenizer.ggml.token_type", int[].class).length);

            assertTensor(gguf, "token_embd.weight", GgmlType.F32, 64, 512);
            assertTensor(gguf, "output_norm.weight", GgmlType.F32, 64);
            assertTensor(gguf, "output.weight", GgmlType.F32, 64, 512);
            assertTensor(gguf, "blk.0.attn_q.weight", GgmlType.F32, 64, 64);
            assertTensor(gguf, "blk.0.attn_k.weight", GgmlType.F32, 64, 32);
            assertTensor(gguf, "blk.4.ffn_down.weight", GgmlType.F32, 172, 64);
            assertTensor(gguf, "blk.4.ffn_norm.weight", GgmlType.F32, 64);
            assertNull(gguf.tensor("blk.5.attn_q.weight"));
            assertEquals(gguf.tensors().size(), gguf.tensorsByName().size(), "tensor names are unique");

            for (GgufTensorInfo t : gguf.tensors()) {
                assertTrue(t.offset() >= gguf.dataOffset(), t.name() + " starts before the data section");
                assertEquals(0, (t.offset() - gguf.dataOffset()) % 32, t.name() + " is misaligned");
                assertEquals(t.elements() * 4, t.bytes(), t.name() + " byte size");
                assertTrue(t.offset() + t.bytes() <= gguf.fileSize(), t.name() + " passes the end of the file");
            }
            // The first tensor's data begins the data section, the last one ends the file.
            assertEquals(gguf.dataOffset(), gguf.tensors().get(0).offset());
            GgufTensorInfo last = gguf.tensors().get(gguf.tensors().size() - 1);
            assertEquals(gguf.fileSize(), last.offset() + last.bytes());

            float[] norm = TensorReader.readFloats(source, gguf.tensor("output_norm.weight"));
            assertEquals(64, norm.length);
            for (float v : norm) {
                assertTrue(Float.isFinite(v) && v != 0f, "output_norm weights are finite and non-zero");
            }
        }
    }

    private static void assertTensor(GgufFile gguf, String name, GgmlType type, long... shape) {
        GgufTensorInfo t = gguf.tensor(name);
        assertNotNull(t, "missing tensor " + name);
        assertEquals(type, t.type(), name);
        assertArrayEquals(shape, t.shape(), name + " has shape " + t.shapeString());
    }

    // ---------------------------------------------------------------- writer round trip

    @Test
    void writerRoundTripKeepsMetadataAndTensors() {
        float[] a = {1f, -2.5f, 0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
        float[] b = new float[3 * 2 * 2 * 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = i * 0.25f - 1f;
        }
        byte[] file = new GgufWriter()
                .put("general.architecture", "llama")
                .put("test.int", -123456)
                .put("test.int.max", Integer.MAX_VALUE)
                .put("test.long", 1L << 40)
                .put("test.long.min", Long.MIN_VALUE)
                .put("test.float", 3.25f)
                .put("test.true", true)
                .put("test.false", false)
                .put("test.string", "h\u00e9llo \u20ac \uD83E\uDD99")
                .put("test.empty", "")
                .put("test.strings", new String[] {"a", "", "\u2581b"})
                .put("test.floats", new float[] {0.5f, -1f, 1e-30f})
                .put("test.ints", new int[] {1, -1, Integer.MIN_VALUE})
                .put("test.no_ints", new int[0])
                .put("test.double", -0.1)
                .putU32("test.u32", 7)
                .putU32("test.u32.max", 0xFFFFFFFFL)
                .put("test.bytes", new byte[] {0, -1, 127})
                .put("test.shorts", new short[] {Short.MIN_VALUE, 2})
                .put("test.longs", new long[] {Long.MAX_VALUE, -3})
                .put("test.doubles", new double[] {Math.PI, -0.0})
                .put("test.bools", new boolean[] {true, false, true})
                .tensorF32("a", new long[] {8}, a)
                .tensorF32("b", new long[] {3, 2, 2, 2}, b)
                .toBytes();
        MemoryByteSource source = new MemoryByteSource(file);
        GgufFile gguf = GgufReader.read(source);

        assertEquals(3, gguf.version());
        assertEquals(32, gguf.alignment());
        assertEquals(file.length, gguf.fileSize());
        Map<String, Object> m = gguf.metadata();
        assertEquals(List.of("general.architecture", "test.int", "test.int.max", "test.long", "test.long.min", "test.float",
                "test.true", "test.false", "test.string", "test.empty", "test.strings", "test.floats", "test.ints",
                "test.no_ints", "test.double", "test.u32", "test.u32.max", "test.bytes", "test.shorts", "test.longs",
                "test.doubles", "test.bools"), List.copyOf(m.keySet()), "keys in file order");
        assertEquals("llama", m.get("general.architecture"));
        assertEquals(-123456, m.get("test.int"));
        assertEquals(Integer.MAX_VALUE, m.get("test.int.max"));
        assertEquals(1L << 40, m.get("test.long"));
        assertEquals(Long.MIN_VALUE, m.get("test.long.min"));
        assertEquals(3.25f, m.get("test.float"));
        assertEquals(true, m.get("test.true"));
        assertEquals(false, m.get("test.false"));
        assertEquals("h\u00e9llo \u20ac \uD83E\uDD99", m.get("test.string"));
        assertEquals("", m.get("test.empty"));
        assertArrayEquals(new String[] {"a", "", "\u2581b"}, (String[]) m.get("test.strings"));
        assertArrayEquals(new float[] {0.5f, -1f, 1e-30f}, (float[]) m.get("test.floats"));
        assertArrayEquals(new int[] {1, -1, Integer.MIN_VALUE}, (int[]) m.get("test.ints"));
        assertArrayEquals(new int[0], (int[]) m.get("test.no_ints"));
        assertEquals(-0.1, m.get("test.double"));
        assertEquals(7, m.get("test.u32"), "a UINT32 that fits an int reads as Integer");
        assertEquals(0xFFFFFFFFL, m.get("test.u32.max"), "a UINT32 above Integer.MAX_VALUE reads as Long");
        assertEquals(7, gguf.requireInt("test.u32"));
        assertArrayEquals(new byte[] {0, -1, 127}, (byte[]) m.get("test.bytes"));
        assertArrayEquals(new short[] {Short.MIN_VALUE, 2}, (short[]) m.get("test.shorts"));
        assertArrayEquals(new long[] {Long.MAX_VALUE, -3}, (long[]) m.get("test.longs"));
        assertArrayEquals(new double[] {Math.PI, -0.0}, (double[]) m.get("test.doubles"));
        assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) m.get("test.bools"));
        // The typed accessors see the same values.
        assertEquals(-123456, gguf.requireInt("test.int"));
        assertEquals(1L << 40, gguf.integer("test.long", 0));
        assertEquals(3.25f, gguf.real("test.float", 0f));
        assertTrue(gguf.bool("test.true", false));
        assertEquals(7, gguf.integer("test.float", 7), "a float is not an integer");
        GgufException missing = assertThrows(GgufException.class, () -> gguf.requireInt("test.absent"));
        assertEquals(Kind.MISSING, missing.kind());
        assertTrue(missing.getMessage().contains("test.absent"), missing.getMessage());

        assertEquals(2, gguf.tensors().size());
        GgufTensorInfo ta = gguf.tensor("a");
        GgufTensorInfo tb = gguf.tensor("b");
        assertArrayEquals(new long[] {8}, ta.shape());
        assertArrayEquals(new long[] {3, 2, 2, 2}, tb.shape());
        assertEquals(GgmlType.F32, ta.type());
        assertEquals(32, ta.bytes());
        assertEquals(96, tb.bytes());
        assertEquals(gguf.dataOffset(), ta.offset());
        assertEquals(0, (tb.offset() - gguf.dataOffset()) % 32);
        assertArrayEquals(bits(a), bits(TensorReader.readFloats(source, ta)), "every bit of a, NaN and -0 included");
        assertArrayEquals(bits(b), bits(TensorReader.readFloats(source, tb)));
    }

    @Test
    void writerAlignmentIsHonouredByTheReader() {
        float[] odd = {1f, 2f, 3f}; // 12 bytes: the next tensor must be padded to 64
        byte[] file = new GgufWriter()
                .put("general.alignment", 64)
                .tensorF32("odd", new long[] {3}, odd)
                .tensorF32("next", new long[] {2}, new float[] {4f, 5f})
                .toBytes();
        MemoryByteSource source = new MemoryByteSource(file);
        GgufFile gguf = GgufReader.read(source);
        assertEquals(64, gguf.alignment());
        assertEquals(0, gguf.dataOffset() % 64);
        assertEquals(gguf.dataOffset() + 64, gguf.tensor("next").offset());
        assertArrayEquals(odd, TensorReader.readFloats(source, gguf.tensor("odd")));
        assertArrayEquals(new float[] {4f, 5f}, TensorReader.readFloats(source, gguf.tensor("next")));
    }

    @Test
    void headerParseDoesNotReadTheTensorData() {
        float[] big = new float[1 << 20]; // 4 MiB of data
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        byte[] file = new GgufWriter()
                .put("general.architecture", "llama")
                .tensorF32("big", new long[] {1024, 1024}, big)
                .tensorF32("small", new long[] {8}, new float[] {1, 2, 3, 4, 5, 6, 7, 8})
                .toBytes();
        MemoryByteSource source = new MemoryByteSource(file);
        GgufFile gguf = GgufReader.read(source);
        long headerRead = source.bytesRead();
        assertTrue(headerRead >= gguf.dataOffset() - 32, "the header itself was read: " + headerRead);
        assertTrue(headerRead <= 128 * 1024 && headerRead * 16 < file.length,
                "the header parse read " + headerRead + " of " + file.length + " bytes");

        GgufTensorInfo t = gguf.tensor("big");
        assertEquals(4L << 20, t.bytes());
        source.resetCounters();
        float[] back = TensorReader.readFloats(source, t);
        assertEquals(t.bytes(), source.bytesRead(), "readFloats reads exactly the tensor");
        assertTrue(source.reads() > 1, "in chunks, not one 4 MiB read");
        assertArrayEquals(big, back);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, TensorReader.readFloats(source, gguf.tensor("small")));
    }

    @Test
    void readFloatsRefusesTypesItCannotDecode() {
        // Types ggml defines (so the header reads) but no QuantFormat decodes: sizes are whole blocks.
        GgmlType[] unsupported = {GgmlType.Q8_1, GgmlType.Q2_K, GgmlType.IQ2_XXS, GgmlType.I8, GgmlType.MXFP4};
        for (GgmlType type : unsupported) {
            long elements = type.blockSize * 2L;
            byte[] file = new GgufWriter().tensor("blk.0.attn_q.weight", type, new long[] {elements},
                    new byte[(int) type.bytesFor(elements)]).toBytes();
            MemoryByteSource source = new MemoryByteSource(file);
            GgufTensorInfo t = GgufReader.read(source).tensor("blk.0.attn_q.weight");
            assertEquals(type, t.type());
            assertEquals(2L * type.typeSize, t.bytes());
            GgufException e = assertThrows(GgufException.class, () -> TensorReader.readFloats(source, t));
            assertEquals(Kind.UNKNOWN_TENSOR_TYPE, e.kind(), type.toString());
            assertMessage(e, type.toString(), "not supported", "F32");
        }
        // Q8_0, 34 bytes per 32 values, is decoded now: all-zero blocks (scale 0) are zeros.
        byte[] q8 = new GgufWriter().tensor("q", GgmlType.Q8_0, new long[] {64}, new byte[2 * 34]).toBytes();
        MemoryByteSource source = new MemoryByteSource(q8);
        GgufTensorInfo t = GgufReader.read(source).tensor("q");
        assertEquals(68, t.bytes());
        assertArrayEquals(new float[64], TensorReader.readFloats(source, t));
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void emptyAndTinyFilesAreTruncated() {
        assertMessage(expect(Kind.TRUNCATED, new byte[0]), "0 bytes");
        assertMessage(expect(Kind.TRUNCATED, "GGU".getBytes(StandardCharsets.US_ASCII)), "3 bytes");
        // The magic alone, and the magic and version without counts.
        assertMessage(expect(Kind.TRUNCATED, Arrays.copyOf(smallFile(), 4)), "ends at byte 4");
        assertMessage(expect(Kind.TRUNCATED, Arrays.copyOf(smallFile(), 12)), "ends at byte 12");
    }

    @Test
    void wrongMagicIsRejected() {
        byte[] ggml = smallFile();
        ggml[2] = 'M';
        ggml[3] = 'L';
        assertMessage(expect(Kind.BAD_MAGIC, ggml), "Not a GGUF file", "47 47 4d 4c");

        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[4 + random.nextInt(200)];
            random.nextBytes(noise);
            noise[0] = (byte) (noise[0] == 'G' ? 'g' : noise[0]);
            assertMessage(expect(Kind.BAD_MAGIC, noise), "Not a GGUF file");
        }
        // A big-endian GGUF starts "FUGG".
        assertMessage(expect(Kind.BAD_MAGIC, "FUGG\0\0\0\3".getBytes(StandardCharsets.ISO_8859_1)), "46 55 47 47");
    }

    @Test
    void unsupportedVersionsAreRejected() {
        for (int version : new int[] {0, 1, 4, 99, 0x03000000, -1}) {
            byte[] file = smallFile();
            putI32(file, 4, version);
            GgufException e = expect(Kind.UNSUPPORTED_VERSION, file);
            assertMessage(e, "version " + Integer.toUnsignedString(version), "2 and 3");
        }
        byte[] v1 = smallFile();
        putI32(v1, 4, 1);
        assertMessage(expect(Kind.UNSUPPORTED_VERSION, v1), "llama.cpp");
        // Version 2 has the same layout as 3 and is read.
        byte[] v2 = smallFile();
        putI32(v2, 4, 2);
        assertEquals(2, GgufReader.read(new MemoryByteSource(v2)).version());
    }

    @Test
    void unknownTensorTypeNamesTheTensor() {
        for (int id : new int[] {77, 4, 5, 31, 63, 64, -1}) {
            byte[] file = oneTensorFile("blk.3.ffn_up.weight", new long[] {32, 2});
            putI32(file, tensorTypeAt("blk.3.ffn_up.weight", 2), id);
            GgufException e = expect(Kind.UNKNOWN_TENSOR_TYPE, file);
            assertMessage(e, "'blk.3.ffn_up.weight'", "type id " + id);
        }
    }

    @Test
    void tensorOutsideTheFileIsOutOfBounds() {
        String name = "w";
        byte[] file = oneTensorFile(name, new long[] {8, 4});
        GgufFile ok = GgufReader.read(new MemoryByteSource(file));
        assertEquals(128, ok.tensor(name).bytes());

        // Data section cut short.
        byte[] cut = Arrays.copyOf(file, file.length - 4);
        assertMessage(expect(Kind.TENSOR_OUT_OF_BOUNDS, cut), "'w'", "only " + cut.length + " bytes");

        // Offset patched past the end, or so large that the addition overflows.
        int offsetAt = tensorTypeAt(name, 2) + 4;
        for (long offset : new long[] {32, 1L << 20, 1L << 62, Long.MAX_VALUE - 31}) {
            byte[] patched = file.clone();
            putI64(patched, offsetAt, offset);
            assertMessage(expect(Kind.TENSOR_OUT_OF_BOUNDS, patched), "'w'");
        }
        // A negative or misaligned offset.
        for (long offset : new long[] {-32, 4, 33}) {
            byte[] patched = file.clone();
            putI64(patched, offsetAt, offset);
            assertMessage(expect(Kind.TENSOR_OUT_OF_BOUNDS, patched), "'w'", "alignment");
        }
        // A dimension patched so the tensor needs more bytes than there are.
        byte[] wide = file.clone();
        putI64(wide, tensorTypeAt(name, 2) - 8, 1000);
        assertMessage(expect(Kind.TENSOR_OUT_OF_BOUNDS, wide), "'w'", "needs bytes");
    }

    @Test
    void everyTruncationGivesAGgufException() {
        byte[] file = smallFile();
        GgufFile full = GgufReader.read(new MemoryByteSource(file));
        long dataOffset = full.dataOffset();
        assertTrue(dataOffset > 200, "the header region is worth cutting: " + dataOffset);
        boolean sawOutOfBounds = false;
        for (int cut = 0; cut < file.length; cut++) {
            byte[] part = Arrays.copyOf(file, cut);
            GgufException e = null;
            try {
                GgufReader.read(new MemoryByteSource(part));
            } catch (GgufException expected) {
                e = expected;
            } catch (Throwable other) {
                throw new AssertionError("cut at " + cut + " gave " + other + " instead of a GgufException", other);
            }
            if (e == null) {
                fail("a file cut to " + cut + " of " + file.length + " bytes was accepted");
            }
            String msg = e.getMessage();
            assertNotNull(msg, "cut at " + cut);
            if (cut <= dataOffset - 32) {
                // Inside the header proper (which ends after dataOffset - 32).
                assertEquals(Kind.TRUNCATED, e.kind(), "cut at " + cut + ": " + msg);
                assertTrue(msg.contains("truncated") || msg.contains("ends at byte") || msg.contains("too short"),
                        "cut at " + cut + ": " + msg);
                assertFalse(sawOutOfBounds);
            } else if (cut >= dataOffset) {
                assertEquals(Kind.TENSOR_OUT_OF_BOUNDS, e.kind(), "cut at " + cut + ": " + msg);
                assertTrue(msg.contains("only " + cut + " bytes"), "cut at " + cut + ": " + msg);
            } else {
                // The padding after the header: the header reads, the tensors do not fit.
                if (e.kind() == Kind.TENSOR_OUT_OF_BOUNDS) {
                    sawOutOfBounds = true;
                } else {
                    assertEquals(Kind.TRUNCATED, e.kind(), "cut at " + cut + ": " + msg);
                    assertFalse(sawOutOfBounds, "TRUNCATED after TENSOR_OUT_OF_BOUNDS at " + cut);
                }
            }
        }
    }

    @Test
    void hugeLengthsAndCountsAreRejectedBeforeAllocating() {
        long huge = 1L << 62;
        // The first key's length.
        byte[] keyLength = stringFile("k", "value");
        putI64(keyLength, FIXED_HEADER, huge);
        assertMessage(expect(Kind.TRUNCATED, keyLength), "4611686018427387904");

        // A string value's length: key length (8), "k", type (4), then the value's length.
        byte[] valueLength = stringFile("k", "value");
        putI64(valueLength, FIXED_HEADER + 8 + 1 + 4, huge);
        assertMessage(expect(Kind.TRUNCATED, valueLength), "4611686018427387904");
        putI64(valueLength, FIXED_HEADER + 8 + 1 + 4, -1);
        expect(Kind.TRUNCATED, valueLength);

        // An array's count, for each element type the writer produces, and for nested arrays.
        Object[] arrays = {new int[] {1, 2, 3}, new float[] {1f}, new String[] {"x", "y"}};
        for (Object array : arrays) {
            byte[] count = new GgufWriter().put("k", array).toBytes();
            int countAt = FIXED_HEADER + 8 + 1 + 4 + 4;
            for (long c : new long[] {huge, -1L, Long.MAX_VALUE, 1L << 32}) {
                putI64(count, countAt, c);
                GgufException e = expect(Kind.TRUNCATED, count);
                assertMessage(e, "declares " + Long.toUnsignedString(c) + " k ");
            }
        }
        for (int elementType : new int[] {0, 1, 2, 3, 7, 9, 10, 11, 12}) {
            byte[] count = new GgufWriter().put("k", new int[] {1, 2, 3}).toBytes();
            putI32(count, FIXED_HEADER + 8 + 1 + 4, elementType);
            putI64(count, FIXED_HEADER + 8 + 1 + 4 + 4, huge);
            expect(Kind.TRUNCATED, count);
        }

        // The metadata and tensor counts.
        for (int at : new int[] {8, 16}) {
            byte[] counts = smallFile();
            putI64(counts, at, huge);
            assertMessage(expect(Kind.TRUNCATED, counts), "4611686018427387904");
        }
        // A tensor name's length.
        byte[] name = oneTensorFile("w", new long[] {8});
        putI64(name, FIXED_HEADER, huge);
        expect(Kind.TRUNCATED, name);
    }

    @Test
    void impossibleTensorShapesAreMalformed() {
        for (int dims : new int[] {9, 5, 0, -1, Integer.MAX_VALUE}) {
            byte[] file = oneTensorFile("w", new long[] {8, 4});
            putI32(file, FIXED_HEADER + 8 + 1, dims);
            GgufException e = expect(Kind.MALFORMED, file);
            assertMessage(e, "'w'", dims + " dimensions");
        }
        // A negative dimension.
        byte[] negative = oneTensorFile("w", new long[] {8, 4});
        putI64(negative, FIXED_HEADER + 8 + 1 + 4 + 8, -4);
        assertMessage(expect(Kind.MALFORMED, negative), "'w'", "dimension");
        // A block type whose first dimension is not a whole number of blocks.
        byte[] q8 = new GgufWriter().tensor("q", GgmlType.Q8_0, new long[] {64}, new byte[34 * 2]).toBytes();
        putI64(q8, FIXED_HEADER + 8 + 1 + 4, 48);
        assertMessage(expect(Kind.MALFORMED, q8), "'q'", "block size 32");
        // Dimensions each possible but whose product no file could hold: no overflow, no ArithmeticException.
        long[][] huge = {{1L << 40, 1L << 40, 1L << 40, 1L << 40}, {1L << 31, 1L << 31}, {1L << 31, 1L << 30}, {1L << 40, 1L << 21}};
        for (long[] shape : huge) {
            byte[] file = oneTensorFile("big", new long[] {8, 1, 1, 1});
            for (int d = 0; d < 4; d++) {
                putI64(file, FIXED_HEADER + 8 + 3 + 4 + 8 * d, d < shape.length ? shape[d] : 1);
            }
            GgufException e = expect(null, file);
            assertTrue(e.kind() == Kind.MALFORMED || e.kind() == Kind.TENSOR_OUT_OF_BOUNDS, Arrays.toString(shape) + ": " + e);
            assertMessage(e, "'big'");
        }
    }

    @Test
    void deeplyNestedArraysAreRefusedWithoutStackOverflow() {
        for (int depth : new int[] {20, 5_000, 50_000}) {
            // One metadata entry "k": ARRAY of ARRAY of ... of an empty INT32 array. 12 bytes per level.
            ByteBuffer b = ByteBuffer.allocate(FIXED_HEADER + 8 + 1 + 4 + 12 * (depth + 1)).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x46554747).putInt(3).putLong(0).putLong(1);
            b.putLong(1).put((byte) 'k').putInt(9);
            for (int i = 0; i < depth; i++) {
                b.putInt(9).putLong(1);
            }
            b.putInt(5).putLong(0);
            byte[] file = b.array();
            GgufException e = expect(Kind.MALFORMED, file);
            assertMessage(e, "'k'", "deep");
        }
        // Shallow nesting, as the writer produces it, reads back.
        byte[] two = new GgufWriter().put("k", new Object[] {new int[] {1, 2}, new String[] {"a"}}).toBytes();
        Object[] k = (Object[]) GgufReader.read(new MemoryByteSource(two)).metadata().get("k");
        assertArrayEquals(new int[] {1, 2}, (int[]) k[0]);
        assertArrayEquals(new String[] {"a"}, (String[]) k[1]);
    }

    @Test
    void badMetadataTypesAndAlignmentAreMalformed() {
        byte[] type = stringFile("k", "v");
        putI32(type, FIXED_HEADER + 8 + 1, 13);
        assertMessage(expect(Kind.MALFORMED, type), "'k'", "type 13");

        byte[] elementType = new GgufWriter().put("k", new int[] {1}).toBytes();
        putI32(elementType, FIXED_HEADER + 8 + 1 + 4, 42);
        assertMessage(expect(Kind.MALFORMED, elementType), "'k'", "element type 42");

        for (int alignment : new int[] {0, 3, 48, -32}) {
            byte[] file = new GgufWriter().put("general.alignment", 32).tensorF32("w", new long[] {8}, new float[8]).toBytes();
            putI32(file, FIXED_HEADER + 8 + "general.alignment".length() + 4, alignment);
            assertMessage(expect(Kind.MALFORMED, file), "general.alignment", "power of two");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Reading {@code file} fails with a GgufException of {@code kind} (any kind when null). */
    private static GgufException expect(Kind kind, byte[] file) {
        GgufException e = assertThrows(GgufException.class, () -> GgufReader.read(new MemoryByteSource(file)));
        if (kind != null) {
            assertEquals(kind, e.kind(), e.getMessage());
        }
        return e;
    }

    private static void assertMessage(GgufException e, String... fragments) {
        assertNotNull(e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected '" + f + "' in: " + e.getMessage());
        }
    }

    /** A valid file with metadata of every type the writer knows and two tensors that fill whole alignment blocks. */
    private static byte[] smallFile() {
        float[] a = new float[16];
        float[] b = new float[8];
        Arrays.fill(a, 0.5f);
        Arrays.fill(b, -1f);
        return new GgufWriter()
                .put("general.architecture", "llama")
                .put("general.name", "tiny")
                .put("llama.block_count", 1)
                .put("test.long", 123456789012L)
                .put("test.float", 0.125f)
                .put("test.bool", true)
                .put("tokenizer.ggml.tokens", new String[] {"<unk>", "<s>", "</s>", "a"})
                .put("tokenizer.ggml.scores", new float[] {0f, 0f, 0f, -1f})
                .put("tokenizer.ggml.token_type", new int[] {2, 3, 3, 1})
                .tensorF32("token_embd.weight", new long[] {8, 2}, a)
                .tensorF32("output_norm.weight", new long[] {8}, b)
                .toBytes();
    }

    private static byte[] oneTensorFile(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new GgufWriter().tensorF32(name, shape, new float[(int) n]).toBytes();
    }

    private static byte[] stringFile(String key, String value) {
        return new GgufWriter().put(key, value).toBytes();
    }

    /** Where the type id of the only tensor of a file without metadata lies. */
    private static int tensorTypeAt(String name, int dims) {
        return FIXED_HEADER + 8 + name.getBytes(StandardCharsets.UTF_8).length + 4 + 8 * dims;
    }

    private static void putI32(byte[] file, int at, int value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    private static void putI64(byte[] file, int at, long value) {
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    @Test
    void helpersPointAtTheFieldsTheyClaim() {
        // Guards the offsets used above: reading them back from an untouched file gives the written values.
        byte[] file = oneTensorFile("blk.3.ffn_up.weight", new long[] {32, 2});
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(GgmlType.F32.id, b.getInt(tensorTypeAt("blk.3.ffn_up.weight", 2)));
        assertEquals(2, b.getInt(FIXED_HEADER + 8 + "blk.3.ffn_up.weight".length()));
        byte[] s = stringFile("k", "value");
        assertEquals(5, ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).getLong(FIXED_HEADER + 8 + 1 + 4));
        byte[] arr = new GgufWriter().put("k", new int[] {1, 2, 3}).toBytes();
        assertEquals(3, ByteBuffer.wrap(arr).order(ByteOrder.LITTLE_ENDIAN).getLong(FIXED_HEADER + 8 + 1 + 4 + 4));
        assertInstanceOf(int[].class, GgufReader.read(new MemoryByteSource(arr)).metadata().get("k"));
    }
}
