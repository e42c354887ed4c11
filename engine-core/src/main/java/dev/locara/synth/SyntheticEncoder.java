package dev.locara.synth;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufWriter;
import dev.locara.quant.QuantFormats;
import dev.locara.sample.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * A GGUF of seeded random weights with the tensor names, shapes and metadata llama.cpp's converter writes
 * for a {@code bert} or {@code nomic-bert} {@link EncoderShape}, and a working WordPiece vocabulary (letters,
 * digits and punctuation as word starts and as continuations, then filler pieces), so the whole path from
 * text to vector can be tested, and compared with llama.cpp, without a real model.
 *
 * <p>Matrices are uniform with unit variance scaled by 1/sqrt(fan_in), as {@link SyntheticModel}'s, the
 * embedding tables (token, type, position) of unit variance, so all three weigh alike before the first norm; norm
 * weights vary in [0.5, 1.5] and biases in [-0.1, 0.1], so that each is seen.
 */
public final class SyntheticEncoder {
    /** [PAD], [UNK], [CLS], [SEP], [MASK], then the pieces every text needs. */
    public static final int PAD = 0, UNK = 1, CLS = 2, SEP = 3, MASK = 4;
    private static final String BASIC = "abcdefghijklmnopqrstuvwxyz0123456789.,!?;:'\"()-_";
    static final int MIN_VOCAB = 5 + 2 * 49;

    private enum Values { RANDOM, NORM, BIAS, TABLE }

    private record Spec(String name, long[] shape, Values values) {
    }

    private SyntheticEncoder() {
    }

    /** A writer whose matrices are stored as {@code type} (F32, F16, Q8_0...) where their rows fill whole blocks. */
    public static GgufWriter writer(EncoderShape s, long seed, GgmlType type) {
        String a = s.architecture();
        GgufWriter w = new GgufWriter()
                .put("general.architecture", a)
                .put("general.name", "synthetic " + s.name() + " (seed " + seed + ", random weights)")
                .putU32("general.file_type", type == GgmlType.F32 ? 0 : type == GgmlType.F16 ? 1 : type == GgmlType.Q8_0 ? 7 : 0)
                .putU32(a + ".context_length", s.context())
                .putU32(a + ".embedding_length", s.dim())
                .putU32(a + ".feed_forward_length", s.ffn())
                .putU32(a + ".block_count", s.layers())
                .putU32(a + ".attention.head_count", s.heads())
                .put(a + ".attention.layer_norm_epsilon", 1e-12f)
                .put(a + ".attention.causal", false)
                .putU32(a + ".pooling_type", s.pooling().code);
        if (a.equals("nomic-bert")) {
            w.put(a + ".rope.freq_base", 1000f);
        }
        String[] tokens = vocabulary(s.vocab());
        int[] types = new int[tokens.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = i <= MASK ? 3 : 1; // CONTROL, NORMAL
        }
        w.put("tokenizer.ggml.model", "bert")
                .put("tokenizer.ggml.pre", "default")
                .put("tokenizer.ggml.tokens", tokens)
                .put("tokenizer.ggml.token_type", types)
                .putU32("tokenizer.ggml.token_type_count", s.tokenTypes())
                .putU32("tokenizer.ggml.bos_token_id", CLS)
                .putU32("tokenizer.ggml.cls_token_id", CLS)
                .putU32("tokenizer.ggml.seperator_token_id", SEP)
                .putU32("tokenizer.ggml.unknown_token_id", UNK)
                .putU32("tokenizer.ggml.padding_token_id", PAD)
                .putU32("tokenizer.ggml.mask_token_id", MASK)
                .put("tokenizer.ggml.add_bos_token", true)
                .put("tokenizer.ggml.add_sep_token", true)
                .put("tokenizer.ggml.add_eos_token", false);
        for (Spec t : tensors(s)) {
            // Like llama.cpp's quantizer: the matrices and the token table; norms, biases, position and type tables stay F32.
            boolean matrix = t.values == Values.RANDOM || t.name.equals("token_embd.weight");
            GgmlType stored = matrix && t.shape[0] % type.blockSize == 0 ? type : GgmlType.F32;
            long tensorSeed = seed * 0x9E3779B97F4A7C15L + t.name.hashCode(); // String.hashCode is fixed by the JLS
            w.tensor(t.name, stored, t.shape, out -> {
                int cols = (int) t.shape[0];
                long rows = t.shape.length == 2 ? t.shape[1] : 1;
                SplitMix64 random = new SplitMix64(tensorSeed);
                double scale = Math.sqrt(3.0 / cols);
                float[] row = new float[cols];
                for (long r = 0; r < rows; r++) {
                    for (int i = 0; i < cols; i++) {
                        row[i] = (float) switch (t.values) {
                            case RANDOM -> (random.nextDouble() * 2 - 1) * scale;
                            case TABLE -> (random.nextDouble() * 2 - 1) * 1.7320508;
                            case NORM -> 0.5 + random.nextDouble();
                            case BIAS -> (random.nextDouble() * 2 - 1) * 0.1;
                        };
                    }
                    out.write(QuantFormats.of(stored).quantize(row, 0, cols));
                }
            });
        }
        return w;
    }

    /** The tensors llama.cpp's converter writes for the architecture, in its order. */
    private static List<Spec> tensors(EncoderShape s) {
        boolean nomic = s.architecture().equals("nomic-bert");
        long d = s.dim();
        List<Spec> t = new ArrayList<>();
        t.add(new Spec("token_embd.weight", new long[] {d, s.vocab()}, Values.TABLE));
        if (s.tokenTypes() > 0) {
            t.add(new Spec("token_types.weight", new long[] {d, s.tokenTypes()}, Values.TABLE));
        }
        if (!nomic) {
            t.add(new Spec("position_embd.weight", new long[] {d, s.context()}, Values.TABLE));
        }
        t.add(new Spec("token_embd_norm.weight", new long[] {d}, Values.NORM));
        t.add(new Spec("token_embd_norm.bias", new long[] {d}, Values.BIAS));
        for (int l = 0; l < s.layers(); l++) {
            String p = "blk." + l + ".";
            if (nomic) {
                t.add(new Spec(p + "attn_qkv.weight", new long[] {d, 3 * d}, Values.RANDOM));
            } else {
                for (String m : new String[] {"attn_q", "attn_k", "attn_v"}) {
                    t.add(new Spec(p + m + ".weight", new long[] {d, d}, Values.RANDOM));
                    t.add(new Spec(p + m + ".bias", new long[] {d}, Values.BIAS));
                }
            }
            t.add(new Spec(p + "attn_output.weight", new long[] {d, d}, Values.RANDOM));
            if (!nomic) {
                t.add(new Spec(p + "attn_output.bias", new long[] {d}, Values.BIAS));
            }
            t.add(new Spec(p + "attn_output_norm.weight", new long[] {d}, Values.NORM));
            t.add(new Spec(p + "attn_output_norm.bias", new long[] {d}, Values.BIAS));
            t.add(new Spec(p + "ffn_up.weight", new long[] {d, s.ffn()}, Values.RANDOM));
            if (nomic) {
                t.add(new Spec(p + "ffn_gate.weight", new long[] {d, s.ffn()}, Values.RANDOM));
            } else {
                t.add(new Spec(p + "ffn_up.bias", new long[] {s.ffn()}, Values.BIAS));
            }
            t.add(new Spec(p + "ffn_down.weight", new long[] {s.ffn(), d}, Values.RANDOM));
            if (!nomic) {
                t.add(new Spec(p + "ffn_down.bias", new long[] {d}, Values.BIAS));
            }
            t.add(new Spec(p + "layer_output_norm.weight", new long[] {d}, Values.NORM));
            t.add(new Spec(p + "layer_output_norm.bias", new long[] {d}, Values.BIAS));
        }
        return t;
    }

    /**
     * A phantom-space WordPiece vocabulary (as llama.cpp's converter rewrites BERT's): specials, each basic
     * character as a word start ("\u2581a") and as a continuation ("a"), then two-letter pieces and numbered
     * filler up to {@code size}.
     */
    static String[] vocabulary(int size) {
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (char c : BASIC.toCharArray()) {
            v.add("\u2581" + c);
            v.add(String.valueOf(c));
        }
        String letters = BASIC.substring(0, 26);
        for (int i = 0; v.size() < size && i < 26 * 26; i++) {
            String pair = "" + letters.charAt(i / 26) + letters.charAt(i % 26);
            v.add(i % 2 == 0 ? "\u2581" + pair : pair);
        }
        for (int i = 0; v.size() < size; i++) {
            v.add("[unused" + i + "]");
        }
        return v.subList(0, size).toArray(new String[0]);
    }
}
