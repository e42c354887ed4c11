package dev.locara.onnx;

import dev.locara.gguf.GgufWriter;
import dev.locara.json.Json;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face tokenizer.json of the WordPiece kind (BERT's), turned into GGUF's tokenizer.ggml.* metadata
 * the way llama.cpp's converter writes it for BERT: the "phantom space" vocabulary (word-initial pieces get a
 * leading U+2581, "##" continuations lose their prefix, [BRACKETED] specials stay as they are), special
 * tokens as CONTROL, and the ids of [CLS], [SEP], [UNK], [PAD], [MASK].
 */
record TokenizerJson(String[] tokens, int[] types, int cls, int sep, int unk, int pad, int mask) {
    private static final int NORMAL = 1, CONTROL = 3;

    @SuppressWarnings("unchecked")
    static TokenizerJson parse(String text, int vocabSize) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(text);
        Map<String, Object> model = (Map<String, Object>) root.get("model");
        if (model == null || !"WordPiece".equals(model.get("type"))) {
            throw new IllegalArgumentException("tokenizer.json's model is " + (model == null ? "missing" : "'" + model.get("type") + "'")
                    + "; convert-onnx reads WordPiece (BERT) tokenizers only.");
        }
        if (!"##".equals(model.getOrDefault("continuing_subword_prefix", "##"))) {
            throw new IllegalArgumentException("tokenizer.json continues words with '" + model.get("continuing_subword_prefix")
                    + "'; Locara's WordPiece expects '##'.");
        }
        Object maxChars = model.getOrDefault("max_input_chars_per_word", 100L);
        if (!Long.valueOf(100).equals(maxChars)) {
            throw new IllegalArgumentException("tokenizer.json sets max_input_chars_per_word to " + maxChars
                    + "; Locara's WordPiece applies BERT's 100.");
        }
        if (root.get("normalizer") instanceof Map<?, ?> normalizer) {
            boolean lowercase = Boolean.TRUE.equals(normalizer.get("lowercase"));
            Object strip = normalizer.get("strip_accents");
            if (!"BertNormalizer".equals(normalizer.get("type")) || !lowercase || Boolean.FALSE.equals(strip)) {
                throw new IllegalArgumentException("tokenizer.json normalizes with " + normalizer.get("type") + " (lowercase "
                        + normalizer.get("lowercase") + ", strip_accents " + strip + "); Locara's WordPiece lowercases and "
                        + "strips accents (uncased BERT) only.");
            }
        }
        Map<String, Object> vocab = (Map<String, Object>) model.get("vocab");
        String[] tokens = new String[vocabSize];
        int[] types = new int[vocabSize];
        for (Map.Entry<String, Object> e : vocab.entrySet()) {
            int id = ((Long) e.getValue()).intValue();
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException("tokenizer.json has token id " + id + " ('" + e.getKey()
                        + "') but the model's embedding has " + vocabSize + " rows.");
            }
            tokens[id] = e.getKey();
            types[id] = NORMAL;
        }
        for (Object o : (List<Object>) root.getOrDefault("added_tokens", List.of())) {
            Map<String, Object> added = (Map<String, Object>) o;
            int id = ((Long) added.get("id")).intValue();
            if (id >= 0 && id < vocabSize) {
                tokens[id] = (String) added.get("content");
                types[id] = Boolean.TRUE.equals(added.get("special")) ? CONTROL : NORMAL;
            }
        }
        for (int i = 0; i < vocabSize; i++) {
            if (tokens[i] == null) { // embedding rows past the vocabulary (padded to a multiple): never produced
                tokens[i] = "[PAD" + i + "]";
                types[i] = CONTROL;
            } else if (types[i] == NORMAL) {
                tokens[i] = phantom(tokens[i]);
            }
        }
        return new TokenizerJson(tokens, types, require(vocab, "[CLS]"), require(vocab, "[SEP]"),
                require(vocab, (String) model.getOrDefault("unk_token", "[UNK]")), optional(vocab, "[PAD]"), optional(vocab, "[MASK]"));
    }

    /** llama.cpp's BertModel.set_vocab rewrite. */
    static String phantom(String token) {
        if (token.startsWith("[") && token.endsWith("]")) {
            return token;
        }
        return token.startsWith("##") ? token.substring(2) : "\u2581" + token;
    }

    private static int require(Map<String, Object> vocab, String token) {
        Object id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("tokenizer.json's vocabulary lacks '" + token + "'.");
        }
        return ((Long) id).intValue();
    }

    private static int optional(Map<String, Object> vocab, String token) {
        Object id = vocab.get(token);
        return id == null ? -1 : ((Long) id).intValue();
    }

    void writeTo(GgufWriter w, int typeCount) {
        w.put("tokenizer.ggml.model", "bert")
                .put("tokenizer.ggml.pre", "default")
                .put("tokenizer.ggml.tokens", tokens)
                .put("tokenizer.ggml.token_type", types)
                .putU32("tokenizer.ggml.token_type_count", typeCount)
                .putU32("tokenizer.ggml.bos_token_id", cls)
                .putU32("tokenizer.ggml.cls_token_id", cls)
                .putU32("tokenizer.ggml.seperator_token_id", sep) // sic: GGUF's spelling
                .putU32("tokenizer.ggml.unknown_token_id", unk)
                .put("tokenizer.ggml.add_bos_token", true)
                .put("tokenizer.ggml.add_sep_token", true)
                .put("tokenizer.ggml.add_eos_token", false);
        if (pad >= 0) {
            w.putU32("tokenizer.ggml.padding_token_id", pad);
        }
        if (mask >= 0) {
            w.putU32("tokenizer.ggml.mask_token_id", mask);
        }
    }
}
