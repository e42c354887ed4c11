package dev.locara.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.protocol.ChatParams;
import dev.locara.sample.SamplingParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings against the engine's own request reader (ChatParams), the reference for what is accepted. */
class SamplingTest {
    private static final String MESSAGES = "\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    /** What the engine makes of these settings, sent as the UI sends them. */
    private static ChatParams engine(Sampling s) {
        String fields = s.requestFieldsJson();
        return ChatParams.parse("{" + MESSAGES + "," + fields.substring(1), "m");
    }

    @Test
    void defaults() {
        Sampling d = Sampling.defaults();
        assertEquals(new Sampling(0.8, 0.95, 40, 0.05, 1.1, 512, -1, 0), d);
        assertEquals("{\"temperature\":0.8,\"top_p\":0.95,\"top_k\":40,\"min_p\":0.05,\"repeat_penalty\":1.1,\"max_tokens\":512}",
                d.requestFieldsJson());
        d.validate();
    }

    @Test
    void theEngineReadsTheFieldsAsMeant() {
        Sampling s = new Sampling(0.3, 0.5, 12, 0.2, 1.25, 77, 4242, 1024);
        assertEquals("{\"temperature\":0.3,\"top_p\":0.5,\"top_k\":12,\"min_p\":0.2,\"repeat_penalty\":1.25,\"max_tokens\":77,"
                + "\"seed\":4242,\"context_length\":1024}", s.requestFieldsJson());
        ChatParams p = engine(s);
        SamplingParams e = p.sampling();
        assertEquals(0.3f, e.temperature());
        assertEquals(0.5f, e.topP());
        assertEquals(12, e.topK());
        assertEquals(0.2f, e.minP());
        assertEquals(1.25f, e.repeatPenalty());
        assertEquals(4242, e.seed());
        assertEquals(77, p.maxTokens());
        assertEquals(1024, p.contextLength());
        assertEquals(0, engine(Sampling.defaults()).contextLength(), "0 is left out: the engine's own choice");
    }

    /** Every edge that validate() accepts, the engine accepts too. */
    @Test
    void edgesAcceptedHereAreAcceptedByTheEngine() {
        List<Sampling> edges = List.of(
                new Sampling(0, 0, 0, 0, 1e-9, 1, 0, 16),
                new Sampling(2, 1, Integer.MAX_VALUE, 1, 10, 65536, Sampling.MAX_SEED, 1 << 20),
                new Sampling(1, 1, 0, 0, 1, 1, -1, 0));
        for (Sampling s : edges) {
            s.validate();
            engine(s);
        }
    }

    /** Every value refused here, the engine refuses too (so the check is neither looser nor needlessly stricter). */
    @Test
    void refusalsNameTheFieldAndItsRange() {
        check(new Sampling(2.01, 0.95, 40, 0.05, 1.1, 512, -1, 0), "Temperature must be a number from 0 to 2");
        check(new Sampling(-0.1, 0.95, 40, 0.05, 1.1, 512, -1, 0), "Temperature must be a number from 0 to 2");
        // NaN would travel as null, which the engine reads as absent: only this check stops it.
        assertTrue(assertThrows(IllegalArgumentException.class, new Sampling(Double.NaN, 0.95, 40, 0.05, 1.1, 512, -1, 0)::validate)
                .getMessage().startsWith("Temperature must be a number from 0 to 2"));
        check(new Sampling(0.8, 1.5, 40, 0.05, 1.1, 512, -1, 0), "Top-p must be a number from 0 to 1 (1 keeps every token), got 1.5.");
        check(new Sampling(0.8, 0.95, -1, 0.05, 1.1, 512, -1, 0), "Top-k must be a whole number of 0 or more");
        check(new Sampling(0.8, 0.95, 40, -0.5, 1.1, 512, -1, 0), "Min-p must be a number from 0 to 1");
        check(new Sampling(0.8, 0.95, 40, 0.05, 0, 512, -1, 0), "Repetition penalty must be a number above 0 and at most 10");
        check(new Sampling(0.8, 0.95, 40, 0.05, 10.5, 512, -1, 0), "Repetition penalty must be a number above 0 and at most 10");
        check(new Sampling(0.8, 0.95, 40, 0.05, 1.1, 65537, -1, 0), "Max tokens must be a whole number from 1 to 65536, got 65537.");
        check(new Sampling(0.8, 0.95, 40, 0.05, 1.1, 512, Sampling.MAX_SEED * 2, 0), "Seed must be -1 (a new random seed each time)");
        check(new Sampling(0.8, 0.95, 40, 0.05, 1.1, 512, -1, 15), "Context length must be 0 (the model's own) or a whole number"
                + " from 16 to 1048576, got 15.");
        check(new Sampling(0.8, 0.95, 40, 0.05, 1.1, 512, -1, (1 << 20) + 1), "Context length must be 0");
        // Refused here though the engine would take them: 0 answers nothing, and seeds below -1 would silently be random.
        assertThrows(IllegalArgumentException.class, () -> new Sampling(0.8, 0.95, 40, 0.05, 1.1, 0, -1, 0).validate());
        assertThrows(IllegalArgumentException.class, () -> new Sampling(0.8, 0.95, 40, 0.05, 1.1, 512, -2, 0).validate());
    }

    private static void check(Sampling s, String message) {
        String m = assertThrows(IllegalArgumentException.class, s::validate).getMessage();
        assertTrue(m.startsWith(message), m);
        assertThrows(IllegalArgumentException.class, () -> engine(s), "the engine refuses " + s + " too");
    }
}
