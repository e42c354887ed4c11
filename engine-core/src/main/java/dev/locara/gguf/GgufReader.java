package dev.locara.gguf;

import dev.locara.gguf.GgufException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GGUF v2/v3 header (magic, version, metadata, tensor directory) from a {@link ByteSource}
 * through a small window, so even a multi-gigabyte file is never held whole. Every count and length
 * is checked against the bytes that remain before anything is allocated: a corrupt file gives a
 * {@link GgufException}, never an OutOfMemoryError or a hang.
 */
public final class GgufReader {
    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int WINDOW = 64 * 1024;
    private static final int MAX_DIMS = 4;
    // Bounds on what metadata can claim, so a corrupt multi-gigabyte file cannot demand a huge
    // allocation: real vocabularies have a few hundred thousand entries, chat templates a few KB.
    private static final int MAX_ARRAY = 1 << 24;
    private static final int MAX_STRING = 1 << 24;
    /** Arrays of arrays deeper than this are refused: no real GGUF nests, and recursion must stay bounded. */
    private static final int MAX_ARRAY_DEPTH = 8;

    // Metadata value types, as numbered by the GGUF specification.
    private static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5,
            FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;

    private final ByteSource source;
    private final long size;
    private final byte[] window = new byte[WINDOW];
    private long windowStart;
    private int windowLength;
    private long position;

    private GgufReader(ByteSource source) {
        this.source = source;
        this.size = source.size();
    }

    public static GgufFile read(ByteSource source) {
        return new GgufReader(source).readFile();
    }

    private GgufFile readFile() {
        if (size < 4) {
            throw new GgufException(Kind.TRUNCATED, "The file is " + size + " bytes long: too short to be a GGUF model.");
        }
        int magic = i32();
        if (magic != MAGIC) {
            throw new GgufException(Kind.BAD_MAGIC, "Not a GGUF file: it starts with bytes "
                    + hex(magic) + " instead of 'GGUF'. Download the model in GGUF format.");
        }
        int version = i32();
        if (version != 2 && version != 3) {
            throw new GgufException(Kind.UNSUPPORTED_VERSION, "GGUF version " + Integer.toUnsignedString(version)
                    + " is not supported (versions 2 and 3 are). "
                    + (version == 1 ? "Convert the file again with a current llama.cpp." : "The file may be corrupt or big-endian."));
        }
        long tensorCount = i64();
        long kvCount = i64();
        // Each key-value pair takes at least 12 bytes, each tensor entry at least 24: reject absurd counts early.
        checkCount(kvCount, 12, "metadata entries");
        checkCount(tensorCount, 24, "tensors");

        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string();
            int type = i32();
            metadata.put(key, value(type, key, 0));
        }

        int alignment = 32;
        Object align = metadata.get("general.alignment");
        if (align != null) {
            if (!(align instanceof Integer a) || a <= 0 || (a & (a - 1)) != 0) {
                throw new GgufException(Kind.MALFORMED, "general.alignment must be a power of two, got " + align + ".");
            }
            alignment = a;
        }

        List<String> names = new ArrayList<>();
        List<GgmlType> types = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        List<Long> relOffsets = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = string();
            int dims = i32();
            if (dims < 1 || dims > MAX_DIMS) {
                throw new GgufException(Kind.MALFORMED, "Tensor '" + name + "' has " + dims + " dimensions; 1 to 4 are possible.");
            }
            long[] shape = new long[dims];
            for (int d = 0; d < dims; d++) {
                shape[d] = i64();
                if (shape[d] < 0 || shape[d] > (1L << 40)) {
                    throw new GgufException(Kind.MALFORMED, "Tensor '" + name + "' has an impossible dimension " + Long.toUnsignedString(shape[d]) + ".");
                }
            }
            int typeId = i32();
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) {
                throw new GgufException(Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has tensor type id " + typeId
                        + ", which ggml does not define. The file may come from a newer llama.cpp or be corrupt.");
            }
            if (shape[0] % type.blockSize != 0) {
                throw new GgufException(Kind.MALFORMED, "Tensor '" + name + "' of type " + type + " has a first dimension "
                        + shape[0] + " that is not a multiple of its block size " + type.blockSize + ".");
            }
            names.add(name);
            types.add(type);
            shapes.add(shape);
            relOffsets.add(i64());
        }

        long dataOffset = alignUp(position, alignment);
        List<GgufTensorInfo> tensors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long expected = 0; // where the next tensor must start: llama.cpp packs them in directory order
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!seen.add(name)) {
                throw new GgufException(Kind.MALFORMED, "Tensor '" + name + "' appears twice in the tensor directory.");
            }
            long[] shape = shapes.get(i);
            long elements = 1;
            for (long d : shape) {
                // Each dimension is at most 2^40, so the check below keeps the product from overflowing.
                if (d != 0 && elements > (Long.MAX_VALUE / 8) / d) {
                    throw new GgufException(Kind.MALFORMED, "Tensor '" + name + "' has shape " + Arrays.toString(shape)
                            + ", more values than any file can hold.");
                }
                elements *= d;
            }
            GgmlType type = types.get(i);
            long bytes = type.bytesFor(elements);
            long rel = relOffsets.get(i);
            if (rel < 0 || rel % alignment != 0) {
                throw new GgufException(Kind.TENSOR_OUT_OF_BOUNDS, "Tensor '" + name + "' has offset "
                        + Long.toUnsignedString(rel) + ", which is not a multiple of the alignment " + alignment + ".");
            }
            // The data of each tensor is exactly what its type and shape take, padded to the alignment;
            // an offset elsewhere means a size in the directory does not match the data (llama.cpp refuses it too).
            if (rel != expected) {
                throw new GgufException(Kind.TENSOR_OUT_OF_BOUNDS, "Tensor '" + name + "' starts at data offset " + rel
                        + " but the tensors before it take " + expected + " bytes: a tensor's data does not match its type"
                        + " and shape, or the file is corrupt.");
            }
            long start = dataOffset + rel;
            if (start < dataOffset || start > size || bytes > size - start) {
                throw new GgufException(Kind.TENSOR_OUT_OF_BOUNDS, "Tensor '" + name + "' needs bytes "
                        + start + " to " + (start + bytes) + " but the file has only " + size
                        + " bytes: the download is incomplete or the file is corrupt.");
            }
            expected = alignUp(rel + bytes, alignment);
            tensors.add(new GgufTensorInfo(name, type, shape, start, bytes));
        }
        return new GgufFile(version, Collections.unmodifiableMap(metadata), List.copyOf(tensors), alignment, dataOffset, size);
    }

    private Object value(int type, String key, int depth) {
        switch (type) {
            case UINT8: return u8() & 0xFF;
            case INT8: return (int) u8();
            case UINT16: return i16() & 0xFFFF;
            case INT16: return (int) i16();
            case UINT32: {
                long v = i32() & 0xFFFFFFFFL;
                return v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
            }
            case INT32: return i32();
            case FLOAT32: return Float.intBitsToFloat(i32());
            case BOOL: return u8() != 0;
            case STRING: return string();
            case UINT64:
            case INT64: return i64();
            case FLOAT64: return Double.longBitsToDouble(i64());
            case ARRAY: return array(key, depth + 1);
            default:
                throw new GgufException(Kind.MALFORMED, "Metadata '" + key + "' has unknown value type " + type + ".");
        }
    }

    private Object array(String key, int depth) {
        if (depth > MAX_ARRAY_DEPTH) {
            throw new GgufException(Kind.MALFORMED, "Metadata '" + key + "' nests arrays more than " + MAX_ARRAY_DEPTH + " deep.");
        }
        int type = i32();
        long count = i64();
        switch (type) {
            case UINT8:
            case INT8: {
                byte[] a = new byte[checkCount(count, 1, key)];
                for (int i = 0; i < a.length; i++) a[i] = u8();
                return a;
            }
            case UINT16:
            case INT16: {
                short[] a = new short[checkCount(count, 2, key)];
                for (int i = 0; i < a.length; i++) a[i] = i16();
                return a;
            }
            case UINT32:
            case INT32: {
                int[] a = new int[checkCount(count, 4, key)];
                for (int i = 0; i < a.length; i++) a[i] = i32();
                return a;
            }
            case FLOAT32: {
                float[] a = new float[checkCount(count, 4, key)];
                for (int i = 0; i < a.length; i++) a[i] = Float.intBitsToFloat(i32());
                return a;
            }
            case BOOL: {
                boolean[] a = new boolean[checkCount(count, 1, key)];
                for (int i = 0; i < a.length; i++) a[i] = u8() != 0;
                return a;
            }
            case STRING: {
                String[] a = new String[checkCount(count, 8, key)];
                for (int i = 0; i < a.length; i++) a[i] = string();
                return a;
            }
            case UINT64:
            case INT64: {
                long[] a = new long[checkCount(count, 8, key)];
                for (int i = 0; i < a.length; i++) a[i] = i64();
                return a;
            }
            case FLOAT64: {
                double[] a = new double[checkCount(count, 8, key)];
                for (int i = 0; i < a.length; i++) a[i] = Double.longBitsToDouble(i64());
                return a;
            }
            case ARRAY: {
                Object[] a = new Object[checkCount(count, 12, key)];
                for (int i = 0; i < a.length; i++) a[i] = array(key, depth + 1);
                return a;
            }
            default:
                throw new GgufException(Kind.MALFORMED, "Metadata array '" + key + "' has unknown element type " + type + ".");
        }
    }

    /** Rejects a count that could not fit in the rest of the file even at {@code minBytes} per item. */
    private int checkCount(long count, int minBytes, String what) {
        long remaining = size - position;
        if (count < 0 || count > remaining / minBytes) {
            throw new GgufException(Kind.TRUNCATED, "The header declares " + Long.toUnsignedString(count) + " " + what
                    + " but only " + remaining + " bytes remain: the file is truncated or corrupt.");
        }
        if (count > MAX_ARRAY) {
            throw new GgufException(Kind.MALFORMED, "The header declares " + count + " " + what + "; more than "
                    + MAX_ARRAY + " is not a real model's metadata: the file is corrupt.");
        }
        return (int) count;
    }

    private String string() {
        long length = i64();
        if (length < 0 || length > size - position) {
            throw new GgufException(Kind.TRUNCATED, "A string at byte " + (position - 8) + " claims " + Long.toUnsignedString(length)
                    + " bytes but the file ends first: the file is truncated or corrupt.");
        }
        if (length > MAX_STRING) {
            throw new GgufException(Kind.MALFORMED, "A string at byte " + (position - 8) + " claims " + length
                    + " bytes; more than " + MAX_STRING + " is not a real model's metadata: the file is corrupt.");
        }
        int n = (int) length;
        if (n <= WINDOW) { // decoded where it lies in the window: the usual case, a vocabulary's tokens
            ensure(n);
            int p = (int) (position - windowStart);
            position += n;
            return utf8(window, p, n);
        }
        byte[] bytes = new byte[n];
        read(bytes, n);
        return utf8(bytes, 0, n);
    }

    /**
     * UTF-8 bytes as a String. A vocabulary is hundreds of thousands of short strings, and TeaVM's
     * String(bytes, UTF_8) goes through a CharsetDecoder for each, which made reading a header slow in
     * the browser (BENCHMARKS.md, "Load: the weight stream, the header and the kernels' start").
     * One- to three-byte sequences, which well-formed UTF-8 decodes in exactly
     * one way, are decoded here; a string with anything else (four-byte sequences, malformed or
     * overlong bytes, encoded surrogates) goes to the JDK's decoder whole, so every result is the
     * JDK's.
     */
    static String utf8(byte[] b, int offset, int length) {
        char[] chars = new char[length];
        int c = 0;
        int end = offset + length;
        for (int i = offset; i < end; ) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                chars[c++] = (char) b0;
                i++;
            } else if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < end && (b[i + 1] & 0xC0) == 0x80) {
                chars[c++] = (char) ((b0 & 0x1F) << 6 | (b[i + 1] & 0x3F));
                i += 2;
            } else if (b0 >= 0xE0 && b0 < 0xF0 && i + 2 < end && (b[i + 1] & 0xC0) == 0x80 && (b[i + 2] & 0xC0) == 0x80) {
                int ch = (b0 & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
                if (ch < 0x800 || (ch >= 0xD800 && ch < 0xE000)) {
                    return new String(b, offset, length, StandardCharsets.UTF_8);
                }
                chars[c++] = (char) ch;
                i += 3;
            } else {
                return new String(b, offset, length, StandardCharsets.UTF_8);
            }
        }
        return new String(chars, 0, c);
    }

    private byte u8() {
        ensure(1);
        return window[(int) (position++ - windowStart)];
    }

    private short i16() {
        ensure(2);
        int p = (int) (position - windowStart);
        position += 2;
        return (short) ((window[p] & 0xFF) | (window[p + 1] & 0xFF) << 8);
    }

    private int i32() {
        ensure(4);
        int p = (int) (position - windowStart);
        position += 4;
        return (window[p] & 0xFF) | (window[p + 1] & 0xFF) << 8 | (window[p + 2] & 0xFF) << 16 | (window[p + 3] & 0xFF) << 24;
    }

    private long i64() {
        long lo = i32() & 0xFFFFFFFFL;
        long hi = i32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    private void read(byte[] dst, int length) {
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, WINDOW);
            ensure(chunk);
            System.arraycopy(window, (int) (position - windowStart), dst, done, chunk);
            position += chunk;
            done += chunk;
        }
    }

    /** Makes bytes [position, position + n) available in the window, n at most WINDOW. */
    private void ensure(int n) {
        if (position + n > size) {
            throw new GgufException(Kind.TRUNCATED, "The file ends at byte " + size + " in the middle of its header (needed "
                    + n + " more bytes at " + position + "): the download is incomplete or the file is corrupt.");
        }
        if (position >= windowStart && position + n <= windowStart + windowLength) {
            return;
        }
        windowStart = position;
        windowLength = (int) Math.min(WINDOW, size - position);
        source.readFully(windowStart, window, 0, windowLength);
    }

    private static long alignUp(long value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    private static String hex(int v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int b = (v >>> (8 * i)) & 0xFF;
            sb.append(i == 0 ? "" : " ").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }
}
