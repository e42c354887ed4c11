package dev.locara.model;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.quant.QuantFormats;

/**
 * Looks up the tensors a llama forward pass needs, with the checks every backend makes. Whether a
 * backend computes with the tensor's type is its own check: the CPU reference dequantizes every type
 * {@link QuantFormats} supports, the GPU only what it has kernels for ({@code GgmlType.computable()}).
 */
public final class LlamaTensors {
    private LlamaTensors() {
    }

    /** The tensor {@code name}, present, of a type Locara can decode, holding {@code elements} values. */
    public static GgufTensorInfo require(GgufFile gguf, String name, long elements) {
        GgufTensorInfo t = gguf.tensor(name);
        if (t == null) {
            throw new GgufException(GgufException.Kind.MISSING, "This GGUF lacks the tensor '" + name + "' that a llama model needs.");
        }
        if (!QuantFormats.supports(t.type())) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has type " + t.type()
                    + ", which this version of Locara cannot decode; supported: " + QuantFormats.supportedList() + ".");
        }
        if (t.elements() != elements) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Tensor '" + name + "' has shape " + t.shapeString()
                    + " (" + t.elements() + " values) where the metadata implies " + elements + ".");
        }
        return t;
    }
}
