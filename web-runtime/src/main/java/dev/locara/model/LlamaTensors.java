package dev.locara.model;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;

/** Looks up the tensors a llama forward pass needs, with the checks every backend makes. */
public final class LlamaTensors {
    private LlamaTensors() {
    }

    /** The tensor {@code name}, present, of a type the engine computes with, holding {@code elements} values. */
    public static GgufTensorInfo require(GgufFile gguf, String name, long elements) {
        GgufTensorInfo t = gguf.tensor(name);
        if (t == null) {
            throw new GgufException(GgufException.Kind.MISSING, "This GGUF lacks the tensor '" + name + "' that a llama model needs.");
        }
        if (!t.type().computable()) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has type " + t.type()
                    + ", which this version of Locara cannot compute with yet; supported: " + GgmlType.computableNames() + ".");
        }
        if (t.elements() != elements) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Tensor '" + name + "' has shape " + t.shapeString()
                    + " (" + t.elements() + " values) where the metadata implies " + elements + ".");
        }
        return t;
    }
}
