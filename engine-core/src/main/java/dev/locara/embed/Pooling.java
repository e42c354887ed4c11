package dev.locara.embed;

import dev.locara.gguf.GgufException;

/** How one vector is made of a sequence's token states: llama.cpp's {@code <arch>.pooling_type} codes. */
public enum Pooling {
    NONE(0), MEAN(1), CLS(2), LAST(3), RANK(4);

    /** The value of {@code <arch>.pooling_type} in a GGUF. */
    public final int code;

    Pooling(int code) {
        this.code = code;
    }

    public static Pooling of(long code) {
        for (Pooling p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new GgufException(GgufException.Kind.MALFORMED, "Pooling type " + code + " is not one llama.cpp defines (0 to 4).");
    }
}
