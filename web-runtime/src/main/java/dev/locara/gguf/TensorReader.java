package dev.locara.gguf;

/** Reads tensor data out of a {@link ByteSource} as Java values, in bounded chunks. */
public final class TensorReader {
    private static final int CHUNK = 1 << 20;

    private TensorReader() {
    }

    /** The tensor's values as floats; only types the CPU reference computes with are accepted. */
    public static float[] readFloats(ByteSource source, GgufTensorInfo tensor) {
        if (tensor.type() != GgmlType.F32) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + tensor.name() + "' has type "
                    + tensor.type() + ", which this version of Locara cannot compute with yet; supported: F32.");
        }
        long n = tensor.elements();
        if (n > Integer.MAX_VALUE) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Tensor '" + tensor.name() + "' is too large for one array.");
        }
        float[] out = new float[(int) n];
        byte[] chunk = new byte[(int) Math.min(CHUNK, tensor.bytes())];
        long done = 0;
        int index = 0;
        while (done < tensor.bytes()) {
            int len = (int) Math.min(chunk.length, tensor.bytes() - done);
            source.readFully(tensor.offset() + done, chunk, 0, len);
            for (int p = 0; p < len; p += 4) {
                out[index++] = Float.intBitsToFloat((chunk[p] & 0xFF) | (chunk[p + 1] & 0xFF) << 8
                        | (chunk[p + 2] & 0xFF) << 16 | (chunk[p + 3] & 0xFF) << 24);
            }
            done += len;
        }
        return out;
    }
}
