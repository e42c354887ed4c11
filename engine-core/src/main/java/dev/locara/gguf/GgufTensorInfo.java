package dev.locara.gguf;

/**
 * One tensor's entry in the GGUF header.
 *
 * @param shape  dimensions in ggml order: shape[0] (ne0) is the contiguous one, so a weight matrix
 *               of shape [in, out] stores each output row of {@code in} values together
 * @param offset absolute byte offset of the data in the file
 * @param bytes  size of the data in bytes
 */
public record GgufTensorInfo(String name, GgmlType type, long[] shape, long offset, long bytes) {
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
