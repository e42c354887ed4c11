package dev.locara.embed;

import java.util.List;

/**
 * What OpenAI's embeddings endpoint takes, less the model: the texts, what they are for (null: neither,
 * no prefix), and how many dimensions to keep (0: all).
 */
public record EmbeddingRequest(List<String> input, InputType inputType, int dimensions) {
    public EmbeddingRequest {
        input = List.copyOf(input);
        if (input.isEmpty()) {
            throw new IllegalArgumentException("input needs at least one text.");
        }
        if (dimensions < 0) {
            throw new IllegalArgumentException("dimensions must be at least 1, got " + dimensions + ".");
        }
    }

    public EmbeddingRequest(List<String> input) {
        this(input, null, 0);
    }
}
