package dev.locara.synth;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gguf.GgufWriter;
import dev.locara.quant.ModelQuantizer;
import dev.locara.quant.QuantFormat;
import dev.locara.quant.QuantFormats;
import dev.locara.quant.QuantPreset;
import dev.locara.sample.SplitMix64;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF of seeded random weights with the exact tensor names, shapes and metadata llama.cpp's
 * converter writes for a {@link ModelShape}: for testing loaders, memory limits and speed at real
 * sizes without downloading a model. Weights are generated row by row while the file is written.
 *
 * <p>Every matrix is uniform with unit variance scaled by 1/sqrt(fan_in) (its ggml shape[0]), so
 * each projection keeps the scale of its input and activations stay finite through all layers; the
 * embedding follows the same rule, which keeps the tied output's logits of order one.
 */
public final class SyntheticModel {
    /** Picks each tensor's storage type (F32 for all by default). */
    public interface TensorTypes {
        GgmlType typeOf(String name, long[] shape);
    }

    /** Encodes one row of floats into a tensor type's bytes. */
    public interface RowEncoder {
        byte[] encode(float[] row);
    }

    /** Finds the encoder of a tensor type. */
    public interface Encoders {
        RowEncoder of(GgmlType type);
    }

    /** One tensor of the model: ggml shape and the generator of its values. */
    public record TensorSpec(String name, long[] shape, Values values) {
    }

    enum Values { ONES, NORM, RANDOM, ROPE_FACTORS, SHORT_FACTORS, LONG_FACTORS }

    public static final TensorTypes ALL_F32 = (name, shape) -> GgmlType.F32;
    public static final Encoders F32_ONLY = type -> {
        if (type != GgmlType.F32) {
            throw new IllegalArgumentException("No encoder for tensor type " + type + ".");
        }
        return SyntheticModel::f32Bytes;
    };

    private SyntheticModel() {
    }

    /** The tensors of {@code shape}, with the names and shapes llama.cpp's converter writes for its architecture. */
    public static List<TensorSpec> tensors(ModelShape s) {
        // Norm weights of the newer architectures vary around 1 so that tests see whether each norm is applied.
        Values norm = s.architecture().equals("llama") || s.qkvBias() ? Values.ONES : Values.NORM;
        boolean phi3 = s.architecture().equals("phi3");
        List<TensorSpec> t = new ArrayList<>();
        t.add(new TensorSpec("token_embd.weight", new long[] {s.dim(), s.vocab()}, Values.RANDOM));
        if (s.ropeScaling() != null) {
            t.add(new TensorSpec("rope_freqs.weight", new long[] {s.headDim() / 2}, Values.ROPE_FACTORS));
        }
        if (phi3) {
            // LongRoPE: per-frequency divisors, "short" within the original context, "long" beyond it.
            t.add(new TensorSpec("rope_factors_long.weight", new long[] {s.headDim() / 2}, Values.LONG_FACTORS));
            t.add(new TensorSpec("rope_factors_short.weight", new long[] {s.headDim() / 2}, Values.SHORT_FACTORS));
        }
        for (int l = 0; l < s.layers(); l++) {
            String p = "blk." + l + ".";
            t.add(new TensorSpec(p + "attn_norm.weight", new long[] {s.dim()}, norm));
            if (phi3) {
                // Rows: q, then k, then v, as Phi-3's qkv_proj stores them.
                t.add(new TensorSpec(p + "attn_qkv.weight", new long[] {s.dim(), s.qDim() + 2L * s.kvDim()}, Values.RANDOM));
            } else {
                t.add(new TensorSpec(p + "attn_q.weight", new long[] {s.dim(), s.qDim()}, Values.RANDOM));
                if (s.qkvBias()) {
                    t.add(new TensorSpec(p + "attn_q.bias", new long[] {s.qDim()}, Values.RANDOM));
                }
                t.add(new TensorSpec(p + "attn_k.weight", new long[] {s.dim(), s.kvDim()}, Values.RANDOM));
                if (s.qkvBias()) {
                    t.add(new TensorSpec(p + "attn_k.bias", new long[] {s.kvDim()}, Values.RANDOM));
                }
                t.add(new TensorSpec(p + "attn_v.weight", new long[] {s.dim(), s.kvDim()}, Values.RANDOM));
                if (s.qkvBias()) {
                    t.add(new TensorSpec(p + "attn_v.bias", new long[] {s.kvDim()}, Values.RANDOM));
                }
            }
            if (s.architecture().equals("gemma3")) {
                t.add(new TensorSpec(p + "attn_q_norm.weight", new long[] {s.headDim()}, norm));
                t.add(new TensorSpec(p + "attn_k_norm.weight", new long[] {s.headDim()}, norm));
            }
            t.add(new TensorSpec(p + "attn_output.weight", new long[] {s.qDim(), s.dim()}, Values.RANDOM));
            if (s.gemma()) {
                t.add(new TensorSpec(p + "post_attention_norm.weight", new long[] {s.dim()}, norm));
            }
            t.add(new TensorSpec(p + "ffn_norm.weight", new long[] {s.dim()}, norm));
            if (phi3) {
                // Rows: gate, then up (Phi-3's gate_up_proj).
                t.add(new TensorSpec(p + "ffn_up.weight", new long[] {s.dim(), 2L * s.ffn()}, Values.RANDOM));
            } else {
                t.add(new TensorSpec(p + "ffn_gate.weight", new long[] {s.dim(), s.ffn()}, Values.RANDOM));
                t.add(new TensorSpec(p + "ffn_up.weight", new long[] {s.dim(), s.ffn()}, Values.RANDOM));
            }
            t.add(new TensorSpec(p + "ffn_down.weight", new long[] {s.ffn(), s.dim()}, Values.RANDOM));
            if (s.gemma()) {
                t.add(new TensorSpec(p + "post_ffw_norm.weight", new long[] {s.dim()}, norm));
            }
        }
        t.add(new TensorSpec("output_norm.weight", new long[] {s.dim()}, norm));
        if (!s.tiedOutput()) {
            t.add(new TensorSpec("output.weight", new long[] {s.dim(), s.vocab()}, Values.RANDOM));
        }
        return t;
    }

    /**
     * A writer holding the metadata and, for each tensor, a generator that runs only when the file is
     * written. {@code fileType} is llama.cpp's general.file_type (0 = all F32).
     */
    public static GgufWriter writer(ModelShape s, long seed, TensorTypes types, Encoders encoders, int fileType) {
        String a = s.architecture();
        GgufWriter w = new GgufWriter()
                .put("general.architecture", a)
                .put("general.name", "synthetic " + s.name() + " (seed " + seed + ", random weights)")
                .putU32("general.file_type", fileType);
        if (fileType != 0) {
            w.putU32("general.quantization_version", 2);
        }
        w.putU32(a + ".context_length", s.context())
                .putU32(a + ".embedding_length", s.dim())
                .putU32(a + ".block_count", s.layers())
                .putU32(a + ".feed_forward_length", s.ffn())
                .putU32(a + ".attention.head_count", s.heads())
                .putU32(a + ".attention.head_count_kv", s.kvHeads())
                .put(a + ".rope.freq_base", s.ropeTheta())
                .put(a + ".attention.layer_norm_rms_epsilon", s.normEps());
        if (a.equals("llama")) {
            w.putU32("llama.vocab_size", s.vocab()).putU32("llama.rope.dimension_count", s.headDim());
        }
        if (a.equals("phi3")) {
            w.putU32("phi3.rope.dimension_count", s.headDim())
                    .putU32("phi3.rope.scaling.original_context_length", s.context());
        }
        if (s.gemma()) {
            w.putU32(a + ".attention.key_length", s.headDim()).putU32(a + ".attention.value_length", s.headDim());
            if (s.slidingWindow() > 0) {
                w.putU32(a + ".attention.sliding_window", s.slidingWindow());
            }
            if (s.attnSoftcap() > 0) {
                w.put(a + ".attn_logit_softcapping", s.attnSoftcap());
            }
            if (s.finalSoftcap() > 0) {
                w.put(a + ".final_logit_softcapping", s.finalSoftcap());
            }
        }
        SyntheticVocabulary v = SyntheticVocabulary.of(s.vocab());
        w.put("tokenizer.ggml.model", "llama")
                .put("tokenizer.ggml.tokens", v.tokens())
                .put("tokenizer.ggml.scores", v.scores())
                .put("tokenizer.ggml.token_type", v.types())
                .putU32("tokenizer.ggml.bos_token_id", SyntheticVocabulary.BOS)
                .putU32("tokenizer.ggml.eos_token_id", SyntheticVocabulary.EOS)
                .putU32("tokenizer.ggml.unknown_token_id", SyntheticVocabulary.UNK)
                .put("tokenizer.ggml.add_bos_token", true)
                .put("tokenizer.ggml.add_eos_token", false);
        for (TensorSpec t : tensors(s)) {
            GgmlType type = t.values == Values.RANDOM && t.shape.length == 2 ? types.typeOf(t.name, t.shape) : GgmlType.F32;
            RowEncoder encoder = encoders.of(type);
            long tensorSeed = seed * 0x9E3779B97F4A7C15L + t.name.hashCode(); // String.hashCode is fixed by the JLS
            w.tensor(t.name, type, t.shape, out -> writeRows(out, s, t, tensorSeed, encoder));
        }
        return w;
    }

    public static GgufWriter writerF32(ModelShape s, long seed) {
        return writer(s, seed, ALL_F32, F32_ONLY, 0);
    }

    /**
     * A writer whose tensor types are those a release quantized to {@code preset} has: llama.cpp's
     * per-tensor choice as {@link ModelQuantizer#plan} makes it, applied to the F32 directory.
     */
    public static GgufWriter writer(ModelShape s, long seed, QuantPreset preset) {
        List<GgufTensorInfo> infos = new ArrayList<>();
        for (TensorSpec t : tensors(s)) {
            infos.add(new GgufTensorInfo(t.name, GgmlType.F32, t.shape, 0, 0));
        }
        Map<String, Object> metadata = Map.of("general.architecture", s.architecture(), s.architecture() + ".block_count", s.layers());
        Map<String, GgmlType> chosen = new HashMap<>();
        for (ModelQuantizer.Choice c : ModelQuantizer.plan(new GgufFile(3, metadata, infos, 32, 0, 0), preset)) {
            chosen.put(c.tensor().name(), c.type());
        }
        return writer(s, seed, (name, shape) -> chosen.get(name), type -> {
            QuantFormat format = QuantFormats.of(type);
            return row -> format.quantize(row, 0, row.length);
        }, preset.fileType);
    }

    private static void writeRows(OutputStream out, ModelShape s, TensorSpec t, long seed, RowEncoder encoder) throws IOException {
        int cols = (int) t.shape[0];
        long rows = t.shape.length == 2 ? t.shape[1] : 1;
        float[] row = new float[cols];
        SplitMix64 random = new SplitMix64(seed);
        // Uniform on [-sqrt(3), sqrt(3)] has unit variance; scaled so each dot product keeps its input's scale.
        double scale = Math.sqrt(3.0 / cols);
        for (long r = 0; r < rows; r++) {
            for (int i = 0; i < cols; i++) {
                row[i] = switch (t.values) {
                    case ONES -> 1f;
                    case NORM -> (float) (0.5 + random.nextDouble());
                    case SHORT_FACTORS -> 1f + 0.5f * i / cols;
                    case LONG_FACTORS -> 1f + 8f * i / cols;
                    case RANDOM -> (float) ((random.nextDouble() * 2 - 1) * scale);
                    case ROPE_FACTORS -> llama3RopeFactor(s, i);
                };
            }
            out.write(encoder.encode(row));
        }
    }

    /** llama.cpp's rope_freqs for Llama 3: 1 for high frequencies, the scale factor for low ones, smooth between. */
    static float llama3RopeFactor(ModelShape s, int i) {
        ModelShape.Llama3Rope r = s.ropeScaling();
        double freq = 1.0 / Math.pow(s.ropeTheta(), 2.0 * i / s.headDim());
        double wavelength = 2 * Math.PI / freq;
        double lowWavelength = r.originalContext() / r.lowFreqFactor();
        double highWavelength = r.originalContext() / r.highFreqFactor();
        if (wavelength < highWavelength) {
            return 1f;
        }
        if (wavelength > lowWavelength) {
            return r.factor();
        }
        double smooth = (r.originalContext() / wavelength - r.lowFreqFactor()) / (r.highFreqFactor() - r.lowFreqFactor());
        return (float) (1 / ((1 - smooth) / r.factor() + smooth));
    }

    static byte[] f32Bytes(float[] row) {
        ByteBuffer b = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(row);
        return b.array();
    }
}
