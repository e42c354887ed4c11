package dev.locara.gguf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed header of a GGUF file: metadata and tensor directory. Tensor data stays in the
 * {@link ByteSource}; {@code dataOffset} is where the aligned data section begins.
 */
public record GgufFile(int version, Map<String, Object> metadata, List<GgufTensorInfo> tensors,
                       int alignment, long dataOffset, long fileSize) {

    public GgufTensorInfo tensor(String name) {
        for (GgufTensorInfo t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public Map<String, GgufTensorInfo> tensorsByName() {
        Map<String, GgufTensorInfo> map = new LinkedHashMap<>();
        for (GgufTensorInfo t : tensors) {
            map.put(t.name(), t);
        }
        return map;
    }

    public boolean has(String key) {
        return metadata.containsKey(key);
    }

    public String string(String key, String fallback) {
        Object v = metadata.get(key);
        return v instanceof String s ? s : fallback;
    }

    public String requireString(String key) {
        Object v = metadata.get(key);
        if (!(v instanceof String s)) {
            throw missing(key, "a string");
        }
        return s;
    }

    public long integer(String key, long fallback) {
        Object v = metadata.get(key);
        return v instanceof Number n && !(v instanceof Float) && !(v instanceof Double) ? n.longValue() : fallback;
    }

    public int requireInt(String key) {
        Object v = metadata.get(key);
        if (!(v instanceof Number n) || v instanceof Float || v instanceof Double) {
            throw missing(key, "an integer");
        }
        long value = n.longValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Metadata '" + key + "' is " + value + ", out of range.");
        }
        return (int) value;
    }

    public float real(String key, float fallback) {
        Object v = metadata.get(key);
        return v instanceof Number n ? n.floatValue() : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        Object v = metadata.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    public <T> T array(String key, Class<T> arrayType) {
        Object v = metadata.get(key);
        return arrayType.isInstance(v) ? arrayType.cast(v) : null;
    }

    private GgufException missing(String key, String what) {
        return new GgufException(GgufException.Kind.MISSING,
                "This GGUF lacks the metadata key '" + key + "' (" + what + "), which the model needs.");
    }
}
