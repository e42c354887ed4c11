package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * The model-level quantization choices ("file types"), numbered as llama.cpp's llama_ftype so the
 * written general.file_type means the same to llama.cpp.
 */
public enum QuantPreset {
    Q4_0(2, GgmlType.Q4_0),
    Q4_1(3, GgmlType.Q4_1),
    Q8_0(7, GgmlType.Q8_0),
    Q5_0(8, GgmlType.Q5_0),
    Q5_1(9, GgmlType.Q5_1),
    Q4_K_M(15, GgmlType.Q4_K),
    Q5_K_M(17, GgmlType.Q5_K),
    Q6_K(18, GgmlType.Q6_K);

    /** llama.cpp's llama_ftype value, written as general.file_type. */
    public final int fileType;
    /** The type of most weight matrices; ModelQuantizer's plan says where it deviates. */
    public final GgmlType defaultType;

    QuantPreset(int fileType, GgmlType defaultType) {
        this.fileType = fileType;
        this.defaultType = defaultType;
    }

    boolean mixesInQ6K() {
        return this == Q4_K_M || this == Q5_K_M;
    }
}
