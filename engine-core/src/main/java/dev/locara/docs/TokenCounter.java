package dev.locara.docs;

import dev.locara.tokenizer.Tokenizer;

/**
 * How many tokens a text takes in the embedding model's tokenizer, without the special tokens the model
 * adds around a sequence: the chunker bounds chunks by what the encoder will see, not by characters.
 */
@FunctionalInterface
public interface TokenCounter {
    int count(String text);

    static TokenCounter of(Tokenizer tokenizer) {
        return text -> tokenizer.encode(text, false, false).length;
    }
}
