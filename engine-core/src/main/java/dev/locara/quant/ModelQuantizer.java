package dev.locara.quant;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gguf.GgufWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quantizes a GGUF model to a {@link QuantPreset}, choosing each tensor's type the way llama.cpp's
 * llama-quant.cpp does for a dense model without an importance matrix, and writing the result tensor
 * by tensor (a bounded batch of rows at a time) so the model is never held whole.
 *
 * <p>Where this departs from llama.cpp: a row width that no block type divides keeps its source type
 * (llama.cpp fails for the legacy types and writes F16 after a failed K-quant fallback), and tensors
 * are written in source order (llama.cpp sorts them by layer, then name).
 */
public final class ModelQuantizer {
    /** One tensor's decision. */
    public record Choice(GgufTensorInfo tensor, GgmlType type) {
    }

    /** ggml's GGML_QNT_VERSION, written as general.quantization_version. */
    private static final int QUANTIZATION_VERSION = 2;
    private static final int BATCH_VALUES = 1 << 18;

    private ModelQuantizer() {
    }

    /** The type of every tensor of {@code gguf} under {@code preset}, in file order. */
    public static List<Choice> plan(GgufFile gguf, QuantPreset preset) {
        // llama.cpp counts attn_v and ffn_down tensors in its loader's order: by layer, then by name
        List<GgufTensorInfo> ordered = new ArrayList<>(gguf.tensors());
        ordered.sort(Comparator.comparingInt((GgufTensorInfo t) -> layerOf(t.name())).thenComparing(GgufTensorInfo::name));
        boolean tied = gguf.tensor("output.weight") == null;
        int nAttnV = (int) gguf.tensors().stream().filter(t -> isAttnV(t.name())).count();
        int nLayers = (int) gguf.integer(gguf.string("general.architecture", "llama") + ".block_count", 0);
        int iAttnV = 0, iFfnDown = 0;
        Map<GgufTensorInfo, GgmlType> chosen = new LinkedHashMap<>();
        for (GgufTensorInfo t : ordered) {
            if (!quantizable(t)) {
                chosen.put(t, t.type());
                continue;
            }
            String name = t.name();
            long width = t.shape()[0];
            GgmlType type = preset.defaultType;
            if (name.equals("output.weight") || (tied && name.equals("token_embd.weight"))) {
                // the output projection is the most sensitive matrix: Q6_K unless the preset is Q8_0
                if (width % type.blockSize != 0) {
                    type = GgmlType.Q8_0;
                } else if (type != GgmlType.Q8_0) {
                    type = GgmlType.Q6_K;
                }
            } else if (isAttnV(name)) {
                if (preset.mixesInQ6K() && useMoreBits(iAttnV, nAttnV)) {
                    type = GgmlType.Q6_K;
                }
                iAttnV++;
            } else if (name.contains("ffn_down")) {
                if (preset.mixesInQ6K() && useMoreBits(iFfnDown, nLayers)) {
                    type = GgmlType.Q6_K;
                }
                iFfnDown++;
            }
            chosen.put(t, fitRowWidth(t, type));
        }
        List<Choice> plan = new ArrayList<>();
        for (GgufTensorInfo t : gguf.tensors()) {
            plan.add(new Choice(t, chosen.get(t)));
        }
        return plan;
    }

    /** Writes {@code gguf}, read from {@code source}, quantized to {@code preset}. */
    public static void quantize(GgufFile gguf, ByteSource source, QuantPreset preset, OutputStream out) throws IOException {
        GgufWriter writer = new GgufWriter();
        for (Map.Entry<String, Object> e : gguf.metadata().entrySet()) {
            writer.put(e.getKey(), e.getValue());
        }
        writer.put("general.quantization_version", QUANTIZATION_VERSION);
        writer.put("general.file_type", preset.fileType);
        for (Choice c : plan(gguf, preset)) {
            GgufTensorInfo t = c.tensor();
            GgufWriter.TensorBody body = c.type() == t.type() ? o -> copy(source, t, o) : o -> convert(source, t, c.type(), o);
            writer.tensor(t.name(), c.type(), t.shape(), body);
        }
        writer.write(out);
    }

    /** ggml_n_dims >= 2, a weight, and not one of the tensors llama.cpp never quantizes. */
    private static boolean quantizable(GgufTensorInfo t) {
        int dims = 0;
        for (int i = 0; i < t.shape().length; i++) {
            if (t.shape()[i] > 1) dims = i + 1;
        }
        String n = t.name();
        return dims >= 2 && n.endsWith("weight") && !n.contains("_norm.weight") && !n.contains("ffn_gate_inp.weight")
                && !n.equals("position_embd.weight") && !n.equals("token_types.weight") && !n.contains("ssm_conv1d")
                && !n.contains("attn_rel_b.weight");
    }

    /** Attention value projections, fused or not: the tensors llama.cpp treats as most quantization-sensitive. */
    private static boolean isAttnV(String name) {
        return name.contains("attn_v.weight") || name.contains("attn_qkv.weight") || name.contains("attn_kv_b.weight");
    }

    /** llama.cpp's use_more_bits: the first and last eighth of the layers, and every third one between. */
    static boolean useMoreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    /** llama.cpp's fallbacks for rows a K-quant's 256-value blocks do not divide; else the source type. */
    private static GgmlType fitRowWidth(GgufTensorInfo t, GgmlType type) {
        long width = t.shape()[0];
        if (width % type.blockSize == 0) {
            return type;
        }
        GgmlType fallback = switch (type) {
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> t.type();
        };
        // a width no 32-block divides can only be held by a one-value "block" type, as the source already is
        return width % fallback.blockSize == 0 ? fallback : t.type();
    }

    private static int layerOf(String name) {
        if (!name.startsWith("blk.")) {
            return -1;
        }
        int end = name.indexOf('.', 4);
        try {
            return Integer.parseInt(name.substring(4, end < 0 ? name.length() : end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void copy(ByteSource source, GgufTensorInfo t, OutputStream out) throws IOException {
        byte[] buf = new byte[(int) Math.min(1 << 20, t.bytes())];
        for (long done = 0; done < t.bytes(); ) {
            int len = (int) Math.min(buf.length, t.bytes() - done);
            source.readFully(t.offset() + done, buf, 0, len);
            out.write(buf, 0, len);
            done += len;
        }
    }

    /** Decodes whole rows of the source, a batch at a time, and re-encodes them as {@code to}. */
    private static void convert(ByteSource source, GgufTensorInfo t, GgmlType to, OutputStream out) throws IOException {
        QuantFormat decoder = QuantFormats.of(t.type());
        QuantFormat encoder = QuantFormats.of(to);
        int width = Math.toIntExact(t.shape()[0]);
        long rows = t.elements() / width;
        int batchRows = Math.max(1, BATCH_VALUES / width);
        long srcRowBytes = t.type().bytesFor(width);
        byte[] in = new byte[Math.toIntExact(srcRowBytes * Math.min(batchRows, rows))];
        float[] values = new float[width * (int) Math.min(batchRows, rows)];
        byte[] encoded = new byte[Math.toIntExact(to.bytesFor(values.length))];
        for (long row = 0; row < rows; row += batchRows) {
            int n = (int) Math.min(batchRows, rows - row);
            source.readFully(t.offset() + row * srcRowBytes, in, 0, (int) (n * srcRowBytes));
            decoder.dequantize(in, 0, values, 0, n * width);
            // row by row, as ggml quantizes: a block never spans two rows
            for (int r = 0; r < n; r++) {
                encoder.quantize(values, r * width, width, encoded, (int) (r * to.bytesFor(width)));
            }
            out.write(encoded, 0, (int) (n * to.bytesFor(width)));
        }
    }
}
