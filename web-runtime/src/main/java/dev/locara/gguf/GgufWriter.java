package dev.locara.gguf;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files: the counterpart of {@link GgufReader}, used to synthesize models and to
 * build test files. Metadata values are typed by their Java class (Integer = INT32, Long = INT64,
 * Float = FLOAT32, Boolean, String, and arrays of those); {@link #putU32} writes UINT32, the type
 * llama.cpp requires for counts and ids.
 *
 * <p>Tensor data is either given as bytes or streamed by a {@link TensorData} at its turn, so a
 * multi-gigabyte model can be written without holding its weights: the header only needs each
 * tensor's type and shape, from which its size follows.
 */
public final class GgufWriter {
    /** Produces one tensor's bytes when the writer reaches it; must write exactly the size its type and shape imply. */
    public interface TensorData {
        void writeTo(OutputStream out) throws IOException;
    }

    private record Tensor(String name, GgmlType type, long[] shape, long bytes, TensorData data) {
    }

    private record U32(long value) {
    }

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;

    public GgufWriter put(String key, Object value) {
        metadata.put(key, value);
        if (key.equals("general.alignment")) {
            alignment = ((Number) value).intValue();
        }
        return this;
    }

    public GgufWriter putU32(String key, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(key + " = " + value + " does not fit in UINT32");
        }
        metadata.put(key, new U32(value));
        if (key.equals("general.alignment")) {
            alignment = (int) value;
        }
        return this;
    }

    public GgufWriter tensor(String name, GgmlType type, long[] shape, byte[] data) {
        long bytes = bytesFor(name, type, shape);
        if (data.length != bytes) {
            throw new IllegalArgumentException("Tensor '" + name + "' of type " + type + " and shape " + java.util.Arrays.toString(shape)
                    + " takes " + bytes + " bytes, but " + data.length + " were given.");
        }
        tensors.add(new Tensor(name, type, shape.clone(), bytes, out -> out.write(data)));
        return this;
    }

    /** A tensor whose bytes {@code data} writes later, during {@link #write}. */
    public GgufWriter tensor(String name, GgmlType type, long[] shape, TensorData data) {
        tensors.add(new Tensor(name, type, shape.clone(), bytesFor(name, type, shape), data));
        return this;
    }

    public GgufWriter tensorF32(String name, long[] shape, float[] values) {
        byte[] data = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            data[4 * i] = (byte) bits;
            data[4 * i + 1] = (byte) (bits >> 8);
            data[4 * i + 2] = (byte) (bits >> 16);
            data[4 * i + 3] = (byte) (bits >> 24);
        }
        return tensor(name, GgmlType.F32, shape, data);
    }

    private static long bytesFor(String name, GgmlType type, long[] shape) {
        if (shape.length < 1 || shape.length > 4 || shape[0] % type.blockSize != 0) {
            throw new IllegalArgumentException("Tensor '" + name + "': shape " + java.util.Arrays.toString(shape)
                    + " is not valid for type " + type + " (1 to 4 dimensions, the first a multiple of " + type.blockSize + ").");
        }
        long elements = 1;
        for (long d : shape) {
            elements = Math.multiplyExact(elements, d);
        }
        return type.bytesFor(elements);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Size of the whole file {@link #write} produces. */
    public long fileSize() {
        long size = align(headerSize());
        for (Tensor t : tensors) {
            size += align(t.bytes);
        }
        return size;
    }

    /** Writes the whole file: the header, then each tensor's data at its aligned offset. */
    public void write(OutputStream stream) throws IOException {
        Out out = new Out(stream);
        writeHeader(out);
        for (Tensor t : tensors) {
            long before = out.position;
            t.data.writeTo(out);
            long written = out.position - before;
            if (written != t.bytes) {
                throw new IllegalStateException("Tensor '" + t.name + "' wrote " + written + " bytes; its type and shape take " + t.bytes + ".");
            }
            out.pad(align(t.bytes) - t.bytes);
        }
        out.flush();
    }

    /**
     * Writes only the header and the padding up to the data section; the data section ({@link #fileSize}
     * minus what was written) is left to the caller, e.g. as a sparse run of zeros.
     */
    public void writeHeader(OutputStream stream) throws IOException {
        Out out = new Out(stream);
        writeHeader(out);
        out.flush();
    }

    private long headerSize() {
        Out counter = new Out(OutputStream.nullOutputStream());
        try {
            writeHeader(counter);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return counter.position;
    }

    private void writeHeader(Out out) throws IOException {
        out.i32(0x46554747);
        out.i32(3);
        out.i64(tensors.size());
        out.i64(metadata.size());
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            out.string(e.getKey());
            out.value(e.getValue());
        }
        long offset = 0;
        for (Tensor t : tensors) {
            out.string(t.name);
            out.i32(t.shape.length);
            for (long d : t.shape) {
                out.i64(d);
            }
            out.i32(t.type.id);
            out.i64(offset);
            offset += align(t.bytes);
        }
        out.pad(align(out.position) - out.position);
    }

    private long align(long v) {
        return (v + alignment - 1) / alignment * alignment;
    }

    /** Little-endian primitives over a stream, counting the bytes written. */
    private static final class Out extends FilterOutputStream {
        long position;

        Out(OutputStream s) {
            super(s);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }

        void pad(long n) throws IOException {
            write(new byte[(int) n]);
        }

        void i32(int v) throws IOException {
            write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
        }

        void i64(long v) throws IOException {
            i32((int) v);
            i32((int) (v >>> 32));
        }

        void string(String v) throws IOException {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            write(b);
        }

        /** A typed metadata value: its GGUF type code, then the value. */
        void value(Object v) throws IOException {
            if (v instanceof U32 u) {
                i32(4);
                i32((int) u.value);
            } else if (v instanceof Integer i) {
                i32(5);
                i32(i);
            } else if (v instanceof Long l) {
                i32(11);
                i64(l);
            } else if (v instanceof Float f) {
                i32(6);
                i32(Float.floatToRawIntBits(f));
            } else if (v instanceof Boolean b) {
                i32(7);
                write(b ? 1 : 0);
            } else if (v instanceof String str) {
                i32(8);
                string(str);
            } else if (v instanceof String[] a) {
                arrayHeader(8, a.length);
                for (String x : a) string(x);
            } else if (v instanceof float[] a) {
                arrayHeader(6, a.length);
                for (float x : a) i32(Float.floatToRawIntBits(x));
            } else if (v instanceof int[] a) {
                arrayHeader(5, a.length);
                for (int x : a) i32(x);
            } else {
                throw new IllegalArgumentException("Cannot write metadata of type " + v.getClass().getName());
            }
        }

        private void arrayHeader(int elementType, int length) throws IOException {
            i32(9);
            i32(elementType);
            i64(length);
        }
    }
}
