package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.model.LlamaCpu;
import dev.locara.sample.SamplingParams;
import dev.locara.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sampling parameters and stop strings of window.locara.completions.create, checked against
 * the JVM reference (LlamaCpu with the same Java sampler) run here in the test.
 */
class SamplingApiTest {
    private static final String PROMPT = "Once upon a time";

    private static Browser browser;
    private static Browser.Session session;
    private static FileByteSource source;
    private static Generator reference;

    @BeforeAll
    static void start() throws Exception {
        source = new FileByteSource(Path.of(System.getProperty("locara.models"), "stories260K.gguf"));
        GgufFile gguf = GgufReader.read(source);
        reference = new Generator(Tokenizer.fromGguf(gguf), new LlamaCpu(gguf, source, 2048));
        browser = new Browser(true);
        session = browser.open();
        Page page = session.page;
        page.setDefaultTimeout(120_000);
        page.navigate(browser.url());
        page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
        assertEquals("ready", page.getAttribute("#status", "data-state"), page.textContent("#status") + session.log());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private static Completion jvm(int maxTokens, SamplingParams sampling, List<String> stop) {
        return reference.generate(new CompletionRequest(PROMPT, maxTokens, sampling, stop), (t, s) -> { }, () -> false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> choice(String requestFields) {
        Map<String, Object> r = (Map<String, Object>) session.call("() => locara.completions.create({model: 'stories260k',"
                + " prompt: '" + PROMPT + "', " + requestFields + "})");
        return ((List<Map<String, Object>>) r.get("choices")).get(0);
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    @Test
    void sameSeedAndSettingsGiveTheJvmReferenceTokens() {
        SamplingParams settings = SamplingParams.of(0.8f, 42).withTopK(40).withTopP(0.9f).withMinP(0.05f)
                .withPenalties(1.1f, SamplingParams.DEFAULT_PENALTY_LAST_N, 0f, 0f);
        Completion expected = jvm(48, settings, List.of());
        Map<String, Object> c = choice("max_tokens: 48, temperature: 0.8, top_k: 40, top_p: 0.9, min_p: 0.05,"
                + " repeat_penalty: 1.1, seed: 42");
        assertEquals(Arrays.toString(expected.tokens()), Arrays.toString(ints(c.get("token_ids"))), session.log());
        assertEquals(expected.text(), c.get("text"), session.log());
        assertEquals(expected.finishReason(), c.get("finish_reason"));
        // The settings matter: without the penalty the JVM picks another story from the same seed.
        assertFalse(Arrays.equals(expected.tokens(), jvm(48, SamplingParams.of(0.8f, 42).withTopK(40).withTopP(0.9f)
                .withMinP(0.05f), List.of()).tokens()), "repeat_penalty 1.1 should change some pick");
        // Same request again, same answer; another seed, another answer.
        assertEquals(c.get("token_ids"), choice("max_tokens: 48, temperature: 0.8, top_k: 40, top_p: 0.9, min_p: 0.05,"
                + " repetition_penalty: 1.1, seed: 42").get("token_ids"));
        assertNotEquals(c.get("token_ids"), choice("max_tokens: 48, temperature: 0.8, top_k: 40, top_p: 0.9,"
                + " min_p: 0.05, repetition_penalty: 1.1, seed: 43").get("token_ids"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStopStringEndsGenerationAndNeverLeaksIntoTheStream() {
        // Greedy goes ", there was a little girl named Lily. She loved ...".
        Map<String, Object> c = choice("max_tokens: 64, temperature: 0, stop: ['Lily.', 'dragon']");
        assertEquals(", there was a little girl named ", c.get("text"), session.log());
        assertEquals("stop", c.get("finish_reason"));
        assertEquals(jvm(64, SamplingParams.of(0f, 0), List.of("Lily.", "dragon")).text(), c.get("text"));

        List<String> pieces = (List<String>) session.call("async () => { const texts = [];"
                + " for await (const c of locara.completions.create({model: 'stories260k', prompt: '" + PROMPT + "',"
                + "   max_tokens: 64, temperature: 0, stream: true, stop: 'Lily.'})) {"
                + "   texts.push(c.choices[0].text + '|' + c.choices[0].finish_reason); }"
                + " return texts; }");
        StringBuilder streamed = new StringBuilder();
        for (String p : pieces.subList(0, pieces.size() - 1)) {
            streamed.append(p, 0, p.lastIndexOf('|'));
        }
        assertEquals(", there was a little girl named ", streamed.toString(), pieces + session.log());
        assertEquals("|stop", pieces.get(pieces.size() - 1), pieces.toString());
        assertTrue(pieces.stream().noneMatch(p -> p.contains("L")), "a partial stop string leaked: " + pieces);
    }

    @Test
    void aNegativeLogitBiasTurnsGreedyAway() {
        int[] greedy = ints(choice("max_tokens: 4, temperature: 0").get("token_ids"));
        Map<String, Object> biased = choice("max_tokens: 4, temperature: 0, logit_bias: {'" + greedy[0] + "': -100}");
        int[] tokens = ints(biased.get("token_ids"));
        assertNotEquals(greedy[0], tokens[0], session.log());
        Completion expected = jvm(4, SamplingParams.of(0f, 0).withLogitBias(new int[] {greedy[0]}, new float[] {-100f}),
                List.of());
        assertEquals(Arrays.toString(expected.tokens()), Arrays.toString(tokens));
    }

    @Test
    @SuppressWarnings("unchecked")
    void badValuesAreRejectedWithTypeError() {
        List<String> bad = List.of("top_p: 1.5", "top_p: '0.5'", "top_k: -1", "top_k: 2.5", "min_p: -0.1",
                "repetition_penalty: 0", "repeat_penalty: -1", "repetition_penalty: 1.1, repeat_penalty: 1.1",
                "presence_penalty: 3", "frequency_penalty: -2.5", "repeat_last_n: -2", "logit_bias: [1]",
                "logit_bias: {abc: 1}", "logit_bias: {'5': 200}", "logit_bias: {'5': 'x'}", "stop: 5", "stop: ['']",
                "stop: ['a', 'b', 'c', 'd', 'e']", "stop: ['a', 7]", "seed: 1.5", "temperature: 3");
        for (String fields : bad) {
            Map<String, Object> e = (Map<String, Object>) session.call("() => locara.completions.create({model: 'stories260k',"
                    + " prompt: 'x', " + fields + "}).then(() => ({name: 'resolved'}),"
                    + " e => ({name: e.name, code: e.code, message: e.message}))");
            assertEquals("TypeError", e.get("name"), fields + ": " + e);
            assertEquals("invalid_request", e.get("code"), fields + ": " + e);
            assertTrue(String.valueOf(e.get("message")).length() > 10, fields + ": " + e);
        }
        // A token id the model does not have is found by the engine, which knows the vocabulary.
        Map<String, Object> e = (Map<String, Object>) session.call("() => locara.completions.create({model: 'stories260k',"
                + " prompt: 'x', logit_bias: {'99999': -5}}).then(() => ({name: 'resolved'}),"
                + " e => ({name: e.name, code: e.code, message: e.message}))");
        assertEquals("invalid_request", e.get("code"), e.toString());
        assertTrue(String.valueOf(e.get("message")).contains("99999"), e.toString());
        // The engine is still fine afterwards.
        assertEquals("length", choice("max_tokens: 2, temperature: 0").get("finish_reason"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAbortedRequestFreesTheEngineForTheQueuedOne() {
        Map<String, Object> out = (Map<String, Object>) session.call("async () => {"
                + " const controller = new AbortController();"
                + " const first = locara.completions.create({model: 'stories260k', prompt: '" + PROMPT + "',"
                + "   max_tokens: 1500, temperature: 0, signal: controller.signal});"
                + " const second = locara.completions.create({model: 'stories260k', prompt: '" + PROMPT + "',"
                + "   max_tokens: 8, temperature: 0});"
                + " controller.abort();"
                + " const a = await first; const b = await second;"
                + " return {a: a.choices[0].finish_reason, an: a.choices[0].token_ids.length,"
                + "   b: b.choices[0].finish_reason, bt: b.choices[0].token_ids}; }");
        assertEquals("abort", out.get("a"), out + session.log());
        assertTrue(((Number) out.get("an")).intValue() < 1500, out.toString());
        assertEquals("length", out.get("b"), out.toString());
        assertEquals(Arrays.toString(Arrays.copyOf(jvm(8, SamplingParams.of(0f, 0), List.of()).tokens(), 8)),
                Arrays.toString(ints(out.get("bt"))));
    }
}
