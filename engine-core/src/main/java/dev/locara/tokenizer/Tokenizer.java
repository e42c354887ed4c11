package dev.locara.tokenizer;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import java.util.List;

/** Text to token ids and back, as the model's own tokenizer (named in the GGUF) does it. */
public interface Tokenizer {
    /**
     * @param addSpecial   add BOS/EOS as the vocabulary asks
     * @param parseSpecial treat the text of control tokens (e.g. "&lt;s&gt;") as those tokens rather than as text
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** The bytes a token contributes to the output; control tokens contribute none. */
    byte[] pieceBytes(int token);

    Vocabulary vocabulary();

    /** What the tokenizer could not do as the model intends (e.g. an unknown pre-tokenizer), for the UI to show. */
    default List<String> warnings() {
        return List.of();
    }

    /** Decodes a whole sequence (streaming callers use {@link Utf8Stream}). */
    default String decode(int[] tokens) {
        Utf8Stream stream = new Utf8Stream();
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            sb.append(stream.push(pieceBytes(t)));
        }
        return sb.append(stream.flush()).toString();
    }

    static Tokenizer fromGguf(GgufFile gguf) {
        String model = gguf.string("tokenizer.ggml.model", "llama");
        switch (model) {
            case "llama":
                return new SentencePieceTokenizer(Vocabulary.fromGguf(gguf));
            case "gpt2":
                return BpeTokenizer.fromGguf(gguf);
            case "bert":
                return new WordPieceTokenizer(Vocabulary.fromGguf(gguf));
            default:
                throw new GgufException(GgufException.Kind.MISSING, "Tokenizer '" + model + "' is not supported by this version "
                        + "of Locara; supported: llama (SentencePiece), gpt2 (byte-level BPE), bert (WordPiece).");
        }
    }
}
