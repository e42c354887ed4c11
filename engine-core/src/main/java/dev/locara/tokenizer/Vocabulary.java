package dev.locara.tokenizer;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import java.util.HashMap;
import java.util.Map;

/** The token table of a GGUF model (tokenizer.ggml.*), shared by every tokenizer family. */
public final class Vocabulary {
    private final String[] tokens;
    private final float[] scores; // may be null (BPE vocabularies have none)
    private final TokenType[] types;
    private final Map<String, Integer> ids;
    private final java.util.Set<Integer> endOfGeneration = new java.util.HashSet<>();
    public final int bos;
    public final int eos;
    public final int unk;
    public final int sep; // BERT's [SEP], appended after the text when addSep
    public final boolean addBos;
    public final boolean addEos;
    public final boolean addSpacePrefix;
    public final boolean addSep;

    Vocabulary(String[] tokens, float[] scores, TokenType[] types, int bos, int eos, int unk,
               boolean addBos, boolean addEos, boolean addSpacePrefix) {
        this(tokens, scores, types, bos, eos, unk, -1, addBos, addEos, addSpacePrefix, false);
    }

    Vocabulary(String[] tokens, float[] scores, TokenType[] types, int bos, int eos, int unk, int sep,
               boolean addBos, boolean addEos, boolean addSpacePrefix, boolean addSep) {
        this.tokens = tokens;
        this.scores = scores;
        this.types = types;
        this.bos = bos;
        this.eos = eos;
        this.unk = unk;
        this.sep = sep;
        this.addSep = addSep;
        this.addBos = addBos;
        this.addEos = addEos;
        this.addSpacePrefix = addSpacePrefix;
        this.ids = new HashMap<>(tokens.length * 2);
        for (int i = 0; i < tokens.length; i++) {
            ids.putIfAbsent(tokens[i], i);
        }
        // End of generation as llama.cpp (llama-vocab.cpp) finds it: EOS, plus the end-of-turn tokens of
        // chat models, known by their text, so a chat stops at "<|im_end|>" or "<|eot_id|>" and not only at EOS.
        if (eos >= 0) {
            endOfGeneration.add(eos);
        }
        for (String text : new String[] {"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
                "<|eom_id|>", "<EOT>", "_<EOT>", "<|end_of_text|>", "<｜end▁of▁sentence｜>", "<end_of_utterance>"}) {
            Integer id = ids.get(text);
            if (id != null) {
                endOfGeneration.add(id);
            }
        }
    }

    public static Vocabulary fromGguf(GgufFile gguf) {
        String[] tokens = gguf.array("tokenizer.ggml.tokens", String[].class);
        if (tokens == null || tokens.length == 0) {
            throw new GgufException(GgufException.Kind.MISSING, "This GGUF has no tokenizer.ggml.tokens: it carries no vocabulary.");
        }
        float[] scores = gguf.array("tokenizer.ggml.scores", float[].class);
        int[] typeCodes = gguf.array("tokenizer.ggml.token_type", int[].class);
        if ((scores != null && scores.length != tokens.length) || (typeCodes != null && typeCodes.length != tokens.length)) {
            throw new GgufException(GgufException.Kind.MALFORMED, "tokenizer.ggml.scores or token_type does not have one entry per token.");
        }
        TokenType[] types = new TokenType[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            types[i] = typeCodes == null ? TokenType.NORMAL : TokenType.of(typeCodes[i]);
        }
        // Defaults per tokenizer family as llama.cpp sets them; the GGUF's own keys override them.
        String model = gguf.string("tokenizer.ggml.model", "llama");
        boolean spm = model.equals("llama");
        boolean bert = model.equals("bert");
        boolean bosByPre = model.equals("gpt2") && PreTokenizer.addsBos(gguf.string("tokenizer.ggml.pre", ""));
        return new Vocabulary(tokens, scores, types,
                id(gguf, "tokenizer.ggml.bos_token_id", spm ? 1 : bert ? 101 : -1, tokens.length),
                id(gguf, "tokenizer.ggml.eos_token_id", spm ? 2 : -1, tokens.length),
                id(gguf, "tokenizer.ggml.unknown_token_id", spm ? 0 : bert ? 100 : -1, tokens.length),
                optionalId(gguf, "tokenizer.ggml.seperator_token_id", bert ? 102 : -1, tokens.length), // sic: GGUF's spelling
                gguf.bool("tokenizer.ggml.add_bos_token", spm || bert || bosByPre),
                gguf.bool("tokenizer.ggml.add_eos_token", false),
                gguf.bool("tokenizer.ggml.add_space_prefix", spm),
                gguf.bool("tokenizer.ggml.add_sep_token", bert));
    }

    private static int id(GgufFile gguf, String key, int fallback, int size) {
        long v = gguf.integer(key, fallback);
        if (v >= size) {
            throw new GgufException(GgufException.Kind.MALFORMED, key + " is " + v + " but the vocabulary has only " + size + " tokens.");
        }
        return (int) v;
    }

    /** Converters write -1 (as uint32) for "no such token": like llama.cpp, keep the default for any id out of range. */
    private static int optionalId(GgufFile gguf, String key, int fallback, int size) {
        long v = gguf.integer(key, fallback);
        return v >= 0 && v < size ? (int) v : fallback;
    }

    public int size() {
        return tokens.length;
    }

    public String text(int id) {
        return tokens[id];
    }

    public float score(int id) {
        return scores == null ? 0f : scores[id];
    }

    public TokenType type(int id) {
        return types[id];
    }

    /** The id of the token whose text is exactly {@code text}, or -1. */
    public int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    public boolean isEndOfGeneration(int id) {
        return endOfGeneration.contains(id);
    }
}
