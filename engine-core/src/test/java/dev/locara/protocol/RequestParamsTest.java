package dev.locara.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.sample.SamplingParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public API's request fields, checked in Java as the page checks them before anything is sent. */
class RequestParamsTest {
    /** What the page's JSON.stringify writes for NaN: JSON escapes the marker's NUL. */
    private static final String NAN = "{\"\\u0000\":\"NaN\"}";

    private static CompletionParams completion(String fields) {
        return CompletionParams.parse("{\"model\":\"stories260k\",\"prompt\":\"x\"" + (fields.isEmpty() ? "" : "," + fields)
                + "}", "stories260k");
    }

    private static String refusal(String fields) {
        return assertThrows(IllegalArgumentException.class, () -> completion(fields), fields).getMessage();
    }

    @Test
    void defaultsAreOpenAisForCompletions() {
        CompletionParams p = completion("");
        assertEquals(16, p.maxTokens());
        assertEquals(1f, p.sampling().temperature());
        assertEquals(0, p.contextLength());
        assertEquals(List.of(), p.stop());
        SamplingParams s = p.sampling();
        assertEquals(SamplingParams.of(1f, s.seed()), s);
        assertTrue(s.seed() >= 0 && s.seed() < 4294967296L, "a drawn seed: " + s.seed());
    }

    @Test
    void everySamplingFieldIsRead() {
        CompletionParams p = completion("\"max_tokens\":48,\"temperature\":0.8,\"top_k\":40,\"top_p\":0.9,\"min_p\":0.05,"
                + "\"repeat_penalty\":1.1,\"repeat_last_n\":-1,\"presence_penalty\":0.5,\"frequency_penalty\":-0.5,"
                + "\"seed\":42,\"logit_bias\":{\"5\":-100,\"7\":2.5},\"stop\":[\"Lily.\",\"dragon\"],\"context_length\":512,"
                + "\"signal\":{},\"stream\":null");
        assertEquals(new SamplingParams(0.8f, 42, 40, 0.9f, 0.05f, 1.1f, -1, 0.5f, -0.5f, new int[] {5, 7},
                new float[] {-100f, 2.5f}), p.sampling());
        assertEquals(48, p.maxTokens());
        assertEquals(List.of("Lily.", "dragon"), p.stop());
        assertEquals(512, p.contextLength());
        assertEquals(List.of("x"), completion("\"stop\":\"x\",\"top_p\":null").stop());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        // The list SamplingApiTest sends through window.locara, and a few more.
        List<String> bad = List.of("\"top_p\":1.5", "\"top_p\":\"0.5\"", "\"top_k\":-1", "\"top_k\":2.5", "\"min_p\":-0.1",
                "\"repetition_penalty\":0", "\"repeat_penalty\":-1", "\"repetition_penalty\":1.1,\"repeat_penalty\":1.1",
                "\"presence_penalty\":3", "\"frequency_penalty\":-2.5", "\"repeat_last_n\":-2", "\"logit_bias\":[1]",
                "\"logit_bias\":{\"abc\":1}", "\"logit_bias\":{\"5\":200}", "\"logit_bias\":{\"5\":\"x\"}", "\"stop\":5",
                "\"stop\":[\"\"]", "\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]", "\"stop\":[\"a\",7]", "\"seed\":1.5",
                "\"temperature\":3", "\"max_tokens\":-1", "\"max_tokens\":70000", "\"max_tokens\":\"many\"",
                "\"context_length\":8", "\"temperature\":" + NAN, "\"max_tokens\":" + NAN, "\"stop\":" + NAN);
        for (String fields : bad) {
            assertTrue(refusal(fields).length() > 10, fields);
        }
        assertEquals("'top_p' must be a number from 0 to 1, got 1.5.", refusal("\"top_p\":1.5"));
        assertEquals("'top_p' must be a number from 0 to 1.", refusal("\"top_p\":\"0.5\""));
        assertEquals("'top_k' must be an integer >= 0.", refusal("\"top_k\":2.5"));
        assertEquals("'stop' must be a non-empty string or an array of up to 4 non-empty strings. Element 1 is not a string.",
                refusal("\"stop\":[\"a\",7]"));
        assertEquals("'logit_bias' keys must be token ids (integers >= 0), got \"abc\".", refusal("\"logit_bias\":{\"abc\":1}"));
        assertEquals("'max_tokens' must be an integer from 0 to 65536.", refusal("\"max_tokens\":-1"));
        assertEquals("'context_length' must be an integer from 16 to 1048576; the engine bounds it by the model's own context.",
                refusal("\"context_length\":8"));
    }

    @Test
    void countFieldsTakeWhatJavaScriptsNumberTakes() {
        assertEquals(64, completion("\"max_tokens\":\"64\"").maxTokens());
        assertEquals(1, completion("\"max_tokens\":true").maxTokens());
        assertEquals(0, completion("\"max_tokens\":\" \"").maxTokens());
        assertEquals(2048, completion("\"context_length\":\"2048\"").contextLength());
    }

    @Test
    void theRequestItselfMustBeAnObjectWithModelAndPrompt() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompletionParams.parse(null, "a"))
                .getMessage().startsWith("completions.create needs a request object"));
        assertThrows(IllegalArgumentException.class, () -> CompletionParams.parse("\"hello\"", "a"));
        assertThrows(IllegalArgumentException.class, () -> CompletionParams.parse(NAN, "a"));
        assertEquals("'model' is required and must be a string. Known models: a, b.", assertThrows(
                IllegalArgumentException.class, () -> CompletionParams.parse("[]", "a, b")).getMessage());
        assertEquals("'prompt' is required and must be a string.", assertThrows(IllegalArgumentException.class,
                () -> CompletionParams.parse("{\"model\":\"a\",\"prompt\":5}", "a")).getMessage());
        assertTrue(ApiRequest.wantsStream("{\"stream\":true,\"prompt\":5}"));
        assertFalse(ApiRequest.wantsStream("{\"stream\":\"yes\"}"));
        assertFalse(ApiRequest.wantsStream(null));
    }

    @Test
    void chatMessagesAreCheckedAndSentAsJson() {
        ChatParams p = ChatParams.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"Ann\"}]}",
                "m");
        assertEquals("[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"Ann\"}]", p.messagesJson());
        assertEquals(256, p.maxTokens());
        String[][] cases = {
                {"{\"model\":\"m\"}", "'messages' is required: a non-empty array of {role, content}."},
                {"{\"model\":\"m\",\"messages\":[]}", "'messages' is required: a non-empty array of {role, content}."},
                {"{\"model\":\"m\",\"messages\":[1]}", "messages[0] must be an object {role, content}."},
                {"{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}", "messages[0].role must be a string such as 'user'."},
                {"{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content must be a string."},
                {"{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + NAN + "}]}",
                        "messages[0].content must be a string."}};
        for (String[] c : cases) {
            assertEquals(c[1], assertThrows(IllegalArgumentException.class, () -> ChatParams.parse(c[0], "m")).getMessage());
        }
    }

    @Test
    void benchmarkCountsAndModel() {
        assertEquals(new BenchmarkParams(null, 128, 64), BenchmarkParams.parse(null));
        assertEquals(new BenchmarkParams(null, 128, 64), BenchmarkParams.parse("null"));
        assertEquals(new BenchmarkParams("m", 32, 16),
                BenchmarkParams.parse("{\"model\":\"m\",\"prompt_tokens\":32,\"decode_tokens\":16}"));
        for (String bad : List.of("[]", "5", "{\"model\":5}", "{\"decode_tokens\":2.5}", "{\"prompt_tokens\":0}",
                "{\"decode_tokens\":70000}", NAN)) {
            assertThrows(IllegalArgumentException.class, () -> BenchmarkParams.parse(bad), bad);
        }
    }

    @Test
    void addTakesAnHttpUrlAndNamesTheModelAfterItsFile() {
        AddRequest r = AddRequest.parse("{\"url\":\"/models/x%20y%C3%BC.gguf?download=1\"}",
                u -> "http://127.0.0.1:8080" + u);
        assertEquals("http://127.0.0.1:8080/models/x%20y%C3%BC.gguf?download=1", r.url());
        assertEquals("x yü.gguf", r.name());
        assertEquals("mine", AddRequest.parse("{\"url\":\"https://h/a.gguf\",\"id\":\"mine\"}", u -> u).name());
        assertEquals("added.gguf", AddRequest.parse("{\"url\":\"https://h/\"}", u -> u).name());
        assertEquals("a%zz.gguf", AddRequest.fileName("https://h/a%zz.gguf"));
        for (String bad : List.of("{\"url\":\"ftp://x/y.gguf\"}", "{\"url\":5}", "{}", "\"https://h/a.gguf\"")) {
            assertThrows(IllegalArgumentException.class, () -> AddRequest.parse(bad, u -> u), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> AddRequest.parse("{\"url\":\"::\"}", u -> null));
        assertNull(ApiRequest.of("5"));
    }
}
