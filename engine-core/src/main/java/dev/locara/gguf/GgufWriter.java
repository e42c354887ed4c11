package dev.locara.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files: the counterpart of {@link GgufReader}, used to synthesize models, to build
 * test files and to write quantized models. Metadata values are typed by their Java class (Integer =
 * INT32, Long = INT64, Float = FLOAT32, Double = FLOAT64, Boolean, String, and arrays of those and of
 * byte, short, long and nested arrays), which covers every value {@link GgufReader} produces;
 * {@link #putU32} writes UINT32, the type llama.cpp requires for counts and ids.
 *
 * <p>Tensor data is given as bytes or written by a {@link TensorBody} at its turn: the header needs
 * only each tensor's type and shape, so a multi-gigabyte model is written without holding its weights.
 */
public final class GgufWriter {
    /** Writes a tensor's bytes when its turn comes, so a whole model never has to be in memory. */
    @FunctionalInterface
    public interface TensorBody {
        void writeTo(OutputStream out) throws IOException;
    }

    private record Tensor(String name, GgmlType type, long[] shape, long size, TensorBody body) {
    }

    private record U32(long value) {
    }

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;

    public GgufWriter put(String key, Object value) {
        metadata.put(key, value);
        if (key.equals("general.alignment")) {
            alignment = (Integer) value;
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
        long size = sizeOf(name, type, shape);
        if (data.length != size) {
            throw new IllegalArgumentException("Tensor '" + name + "' of type " + type + " and shape " + Arrays.toString(shape)
                    + " takes " + size + " bytes, but " + data.length + " were given.");
        }
        tensors.add(new Tensor(name, type, shape.clone(), size, out -> out.write(data)));
        return this;
    }

    /** A tensor whose {@code type.bytesFor(elements)} bytes {@code body} writes during {@link #write}. */
    public GgufWriter tensor(String name, GgmlType type, long[] shape, TensorBody body) {
        tensors.add(new Tensor(name, type, shape.clone(), sizeOf(name, type, shape), body));
        return this;
    }

    /** The bytes a tensor takes; refuses shapes a reader would refuse. */
    private static long sizeOf(String name, GgmlType type, long[] shape) {
        if (shape.length < 1 || shape.length > 4 || shape[0] % type.blockSize != 0) {
            throw new IllegalArgumentException("Tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " is not valid for type " + type + " (1 to 4 dimensions, the first a multiple of " + type.blockSize + ").");
        }
        long elements = 1;
        for (long d : shape) {
            elements = Math.multiplyExact(elements, d);
        }
        return type.bytesFor(elements);
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
            size += align(t.size);
        }
        return size;
    }

    /** Writes the whole file: the header, then each tensor's data at its aligned offset. */
    public void write(OutputStream stream) throws IOException {
        Out out = new Out(stream);
        writeHeader(out);
        for (Tensor t : tensors) {
            long start = out.position;
            t.body.writeTo(out);
            if (out.position - start != t.size) {
                throw new IllegalStateException("Tensor '" + t.name + "' wrote " + (out.position - start) + " bytes; its "
                        + t.type + " shape needs " + t.size + ".");
            }
            out.pad(align(t.size) - t.size);
        }
    }

    /**
     * Writes only the header, padded to the data section; the rest of the file ({@link #fileSize} in
     * all) is left to the caller, e.g. as a sparse run of zeros.
     */
    public void writeHeader(OutputStream stream) throws IOException {
        writeHeader(new Out(stream));
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
            out.value(e.getValue(), true);
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
            offset = align(offset + t.size);
        }
        out.pad(align(out.position) - out.position);
    }

    private long align(long v) {
        return (v + alignment - 1) / alignment * alignment;
    }

    private static final class Out extends OutputStream {
        private final OutputStream s;
        long position;

        Out(OutputStream s) {
            this.s = s;
        }

        void bytes(byte[] b) throws IOException {
            s.write(b);
            position += b.length;
        }

        @Override
        public void write(int b) throws IOException {
            i8(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            s.write(b, off, len);
            position += len;
        }

        void pad(long n) throws IOException {
            bytes(new byte[(int) n]);
        }

        void i8(int v) throws IOException {
            s.write(v);
            position++;
        }

        void i32(int v) throws IOException {
            for (int i = 0; i < 4; i++) {
                i8(v >>> (8 * i) & 0xFF);
            }
        }

        void i64(long v) throws IOException {
            i32((int) v);
            i32((int) (v >>> 32));
        }

        void string(String v) throws IOException {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            bytes(b);
        }

        void value(Object v, boolean withType) throws IOException {
            if (v instanceof U32 u) {
                if (withType) i32(4);
                i32((int) u.value);
            } else if (v instanceof Integer i) {
                if (withType) i32(5);
                i32(i);
            } else if (v instanceof Long l) {
                if (withType) i32(11);
                i64(l);
            } else if (v instanceof Float f) {
                if (withType) i32(6);
                i32(Float.floatToRawIntBits(f));
            } else if (v instanceof Double d) {
                if (withType) i32(12);
                i64(Double.doubleToRawLongBits(d));
            } else if (v instanceof Boolean b) {
                if (withType) i32(7);
                i8(b ? 1 : 0);
            } else if (v instanceof String str) {
                if (withType) i32(8);
                string(str);
            } else if (v instanceof String[] a) {
                if (withType) i32(9);
                i32(8);
                i64(a.length);
                for (String x : a) string(x);
            } else if (v instanceof float[] a) {
                if (withType) i32(9);
                i32(6);
                i64(a.length);
                for (float x : a) i32(Float.floatToRawIntBits(x));
            } else if (v instanceof int[] a) {
                if (withType) i32(9);
                i32(5);
                i64(a.length);
                for (int x : a) i32(x);
            } else if (v instanceof byte[] a) {
                if (withType) i32(9);
                i32(1);
                i64(a.length);
                for (byte x : a) i8(x & 0xFF);
            } else if (v instanceof short[] a) {
                if (withType) i32(9);
                i32(3);
                i64(a.length);
                for (short x : a) { i8(x & 0xFF); i8(x >>> 8 & 0xFF); }
            } else if (v instanceof long[] a) {
                if (withType) i32(9);
                i32(11);
                i64(a.length);
                for (long x : a) i64(x);
            } else if (v instanceof double[] a) {
                if (withType) i32(9);
                i32(12);
                i64(a.length);
                for (double x : a) i64(Double.doubleToRawLongBits(x));
            } else if (v instanceof boolean[] a) {
                if (withType) i32(9);
                i32(7);
                i64(a.length);
                for (boolean x : a) i8(x ? 1 : 0);
            } else if (v instanceof Object[] a) {
                // nested arrays: the element type is ARRAY and each element carries its own array header
                if (withType) i32(9);
                i32(9);
                i64(a.length);
                for (Object x : a) value(x, false);
            } else {
                throw new IllegalArgumentException("Cannot write metadata of type " + v.getClass().getName());
            }
        }
    }
}
