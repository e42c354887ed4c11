package dev.locara.gguf;

import dev.locara.quant.QuantFormat;
import dev.locara.quant.QuantFormats;

/** Reads tensor data out of a {@link ByteSource} as Java values, in bounded chunks. */
public final class TensorReader {
    private static final int CHUNK = 1 << 20;

    private TensorReader() {
    }

    /**
     * The tensor's values as floats, dequantized from any type {@link QuantFormats} supports. Only the
     * output array is whole; the file is read a chunk of whole blocks at a time.
     */
    public static float[] readFloats(ByteSource source, GgufTensorInfo tensor) {
        QuantFormat format = QuantFormats.of(tensor.type());
        long n = tensor.elements();
        if (n > Integer.MAX_VALUE) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Tensor '" + tensor.name() + "' is too large for one array.");
        }
        GgmlType type = tensor.type();
        if (n % type.blockSize != 0 || type.bytesFor(n) != tensor.bytes()) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Tensor '" + tensor.name() + "' of type " + type + " and shape "
                    + tensor.shapeString() + " does not fill whole blocks of " + type.blockSize + " values.");
        }
        float[] out = new float[(int) n];
        byte[] chunk = new byte[(int) Math.min(CHUNK / type.typeSize * type.typeSize, tensor.bytes())];
        long done = 0;
        int index = 0;
        while (done < tensor.bytes()) {
            int len = (int) Math.min(chunk.length, tensor.bytes() - done);
            source.readFully(tensor.offset() + done, chunk, 0, len);
            int values = len / type.typeSize * type.blockSize;
            format.dequantize(chunk, 0, out, index, values);
            index += values;
            done += len;
        }
        return out;
    }
}
