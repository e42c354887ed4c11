package dev.locara.protocol;

import dev.locara.sample.SamplingParams;
import java.util.List;

/** The generation settings that {@link Request.Generate} and {@link Request.Chat} both carry, on the wire. */
final class SamplingFields {
    private SamplingFields() {
    }

    static void write(FieldWriter w, int maxTokens, SamplingParams s, List<String> stop, int contextLength) {
        w.integer("maxTokens", maxTokens);
        w.number("temperature", s.temperature());
        w.number("seed", s.seed());
        w.integer("topK", s.topK());
        w.number("topP", s.topP());
        w.number("minP", s.minP());
        w.number("repeatPenalty", s.repeatPenalty());
        w.integer("penaltyLastN", s.penaltyLastN());
        w.number("presencePenalty", s.presencePenalty());
        w.number("frequencyPenalty", s.frequencyPenalty());
        w.ints("biasTokens", s.biasTokens());
        w.floats("biasValues", s.biasValues());
        w.strings("stop", stop);
        w.integer("contextLength", contextLength);
    }

    /** The settings, checked again by SamplingParams: the worker trusts no message. */
    static SamplingParams sampling(FieldReader r) {
        return new SamplingParams((float) r.number("temperature"), (long) r.number("seed"), r.integer("topK"),
                (float) r.number("topP"), (float) r.number("minP"), (float) r.number("repeatPenalty"),
                r.integer("penaltyLastN"), (float) r.number("presencePenalty"), (float) r.number("frequencyPenalty"),
                r.ints("biasTokens"), r.floats("biasValues"));
    }
}
