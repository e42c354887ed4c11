package dev.locara.gguf;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** A model file that cannot be used, with the reason as a kind that callers can act on. */
public final class GgufException extends RuntimeException implements Coded {
    public enum Kind {
        /** The file ends before a header field, a metadata value or a tensor's data. */
        TRUNCATED,
        /** The first four bytes are not "GGUF": not a GGUF file at all. */
        BAD_MAGIC,
        /** A GGUF version this reader does not know (only 2 and 3 are read). */
        UNSUPPORTED_VERSION,
        /** A tensor type id that ggml does not define, or one the engine cannot compute with. */
        UNKNOWN_TENSOR_TYPE,
        /** A tensor whose offset or size points outside the file, or that is misaligned. */
        TENSOR_OUT_OF_BOUNDS,
        /** A header value that is structurally impossible (a bad metadata type, a negative dimension...). */
        MALFORMED,
        /** Metadata or tensors that a model needs are missing or have the wrong shape. */
        MISSING
    }

    private final Kind kind;

    public GgufException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.INVALID_MODEL;
    }
}
