package dev.locara.engine;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/**
 * The prompt leaves no room to generate in the context: its own code, so that a chat can offer to
 * start anew or drop its oldest turns instead of showing a bare error.
 */
public final class ContextFullException extends IllegalArgumentException implements Coded {
    private final int promptTokens;
    private final int contextLength;

    public ContextFullException(int promptTokens, int contextLength) {
        super("The prompt is " + promptTokens + " tokens long but the context holds " + contextLength
                + ": shorten it, or ask for a longer context (context_length).");
        this.promptTokens = promptTokens;
        this.contextLength = contextLength;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int contextLength() {
        return contextLength;
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.CONTEXT_LENGTH_EXCEEDED;
    }
}
