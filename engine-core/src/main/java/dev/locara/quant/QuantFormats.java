package dev.locara.quant;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufException;

/** The one switch from a ggml type to its format; unknown types fail here, loudly. */
public final class QuantFormats {
    private static final F32 F32_FORMAT = new F32();
    private static final F16 F16_FORMAT = new F16();
    private static final BF16 BF16_FORMAT = new BF16();
    private static final Q8_0 Q8_0_FORMAT = new Q8_0();
    private static final Q4_0 Q4_0_FORMAT = new Q4_0();
    private static final Q4_1 Q4_1_FORMAT = new Q4_1();
    private static final Q5_0 Q5_0_FORMAT = new Q5_0();
    private static final Q5_1 Q5_1_FORMAT = new Q5_1();
    private static final Q4_K Q4_K_FORMAT = new Q4_K();
    private static final Q5_K Q5_K_FORMAT = new Q5_K();
    private static final Q6_K Q6_K_FORMAT = new Q6_K();

    /** Types the CPU reference reads and the quantizer writes, in ggml id order. */
    public static final GgmlType[] SUPPORTED = {GgmlType.F32, GgmlType.F16, GgmlType.Q4_0, GgmlType.Q4_1,
        GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.BF16};

    private QuantFormats() {
    }

    public static boolean supports(GgmlType type) {
        return lookup(type) != null;
    }

    /** The format of {@code type}; a GgufException (UNKNOWN_TENSOR_TYPE) naming the supported ones otherwise. */
    public static QuantFormat of(GgmlType type) {
        QuantFormat f = lookup(type);
        if (f == null) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor type " + type
                    + " is not supported by this version of Locara; supported: " + supportedList() + ".");
        }
        return f;
    }

    public static String supportedList() {
        StringBuilder sb = new StringBuilder();
        for (GgmlType t : SUPPORTED) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t);
        }
        return sb.toString();
    }

    private static QuantFormat lookup(GgmlType type) {
        return switch (type) {
            case F32 -> F32_FORMAT;
            case F16 -> F16_FORMAT;
            case BF16 -> BF16_FORMAT;
            case Q8_0 -> Q8_0_FORMAT;
            case Q4_0 -> Q4_0_FORMAT;
            case Q4_1 -> Q4_1_FORMAT;
            case Q5_0 -> Q5_0_FORMAT;
            case Q5_1 -> Q5_1_FORMAT;
            case Q4_K -> Q4_K_FORMAT;
            case Q5_K -> Q5_K_FORMAT;
            case Q6_K -> Q6_K_FORMAT;
            default -> null;
        };
    }
}
