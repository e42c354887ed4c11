package dev.locara.conversation;

/**
 * How an answer was generated, shown under it and kept with it.
 *
 * @param promptTokens     tokens the engine read before answering
 * @param completionTokens tokens it generated
 * @param firstTokenMs     milliseconds from sending to the first token
 * @param tokensPerSecond  decode speed after the first token
 * @param finishReason     "stop", "length", "abort" and such as the engine reports it; null when unknown
 */
public record MessageStats(int promptTokens, int completionTokens, double firstTokenMs, double tokensPerSecond,
                           String finishReason) {
    public MessageStats {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("Token counts must be >= 0, got " + promptTokens + " and "
                    + completionTokens + ".");
        }
        // JSON has no NaN or infinity: a stat that could not be stored is refused here, not lost at export.
        if (!(firstTokenMs >= 0 && firstTokenMs <= Double.MAX_VALUE)
                || !(tokensPerSecond >= 0 && tokensPerSecond <= Double.MAX_VALUE)) {
            throw new IllegalArgumentException("firstTokenMs and tokensPerSecond must be finite numbers >= 0, got "
                    + firstTokenMs + " and " + tokensPerSecond + ".");
        }
    }
}
