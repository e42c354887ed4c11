package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.chat.ChatPrompt;
import dev.locara.chat.ChatTemplate;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.model.LlamaCpu;
import dev.locara.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * window.locara.chat.completions in headless Chromium on WebGPU, against the JVM reference: the same
 * conversation rendered by the chat template on the JVM and decoded greedily by the CPU model.
 */
class ChatApiTest extends WorkbenchPageTest {
    private static final String MESSAGES = "[{role: 'system', content: 'You tell stories.'},"
            + " {role: 'user', content: 'Once upon a time'}]";
    private static final int MAX_TOKENS = 24;

    private static int promptTokens;
    private static String expectedText;
    private static String expectedFinish;

    @BeforeAll
    static void expectFromTheCpuReference() throws Exception {
        Path model = Path.of(System.getProperty("locara.models", "../../shared/models"), "stories260K.gguf");
        try (FileByteSource source = new FileByteSource(model)) {
            GgufFile gguf = GgufReader.read(source);
            Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
            int[] prompt = ChatPrompt.fromGguf(gguf, tokenizer).render(ChatTemplate.parseMessages(
                    "[{\"role\":\"system\",\"content\":\"You tell stories.\"},{\"role\":\"user\",\"content\":\"Once upon a time\"}]"))
                    .tokens();
            Completion c = new Generator(tokenizer, new LlamaCpu(gguf, source, 512))
                    .generate(prompt, new CompletionRequest("", MAX_TOKENS, 0f, 0), (t, s) -> { }, () -> false);
            promptTokens = prompt.length;
            expectedText = c.text();
            expectedFinish = c.finishReason();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonStreamingChatMatchesTheCpuReference() {
        Map<String, Object> r = (Map<String, Object>) session.call("() => locara.chat.completions.create({model: 'stories260k',"
                + " messages: " + MESSAGES + ", max_tokens: " + MAX_TOKENS + ", temperature: 0, seed: 1})");
        assertEquals("chat.completion", r.get("object"), session.log());
        assertTrue(String.valueOf(r.get("id")).startsWith("chatcmpl-"), String.valueOf(r.get("id")));
        assertEquals("stories260k", r.get("model"));
        Map<String, Object> choice = ((List<Map<String, Object>>) r.get("choices")).get(0);
        assertEquals(0, ((Number) choice.get("index")).intValue());
        Map<String, Object> message = (Map<String, Object>) choice.get("message");
        assertEquals("assistant", message.get("role"));
        assertEquals(expectedText, message.get("content"), "GPU chat differs from the CPU reference" + session.log());
        assertFalse(message.containsKey("reasoning_content"), "no think block, no reasoning_content: " + message);
        assertEquals(expectedFinish, choice.get("finish_reason"));
        Map<String, Object> usage = (Map<String, Object>) r.get("usage");
        assertEquals(promptTokens, ((Number) usage.get("prompt_tokens")).intValue(), "the worker rendered another prompt");
        assertEquals(MAX_TOKENS, ((Number) usage.get("completion_tokens")).intValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamingChatSendsRoleThenDeltasThenFinish() {
        List<Map<String, Object>> chunks = (List<Map<String, Object>>) session.call("async () => { const chunks = [];"
                + " for await (const c of locara.chat.completions.create({model: 'stories260k', messages: " + MESSAGES + ","
                + "   max_tokens: " + MAX_TOKENS + ", temperature: 0, stream: true})) { chunks.push(c); }"
                + " return chunks; }");
        assertTrue(chunks.size() >= 3, chunks + session.log());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            Map<String, Object> chunk = chunks.get(i);
            assertEquals("chat.completion.chunk", chunk.get("object"));
            Map<String, Object> choice = ((List<Map<String, Object>>) chunk.get("choices")).get(0);
            Map<String, Object> delta = (Map<String, Object>) choice.get("delta");
            if (i == 0) {
                assertEquals(Map.of("role", "assistant", "content", ""), delta);
            }
            if (i < chunks.size() - 1) {
                assertNull(choice.get("finish_reason"), "only the last chunk finishes: " + chunk);
                assertFalse(delta.containsKey("reasoning_content"), chunk.toString());
                text.append(delta.getOrDefault("content", ""));
            } else {
                assertEquals(expectedFinish, choice.get("finish_reason"));
                assertTrue(delta.isEmpty(), chunk.toString());
                Map<String, Object> usage = (Map<String, Object>) chunk.get("usage");
                assertEquals(promptTokens, ((Number) usage.get("prompt_tokens")).intValue());
            }
        }
        assertEquals(expectedText, text.toString(), session.log());
    }

    @Test
    @SuppressWarnings("unchecked")
    void abortFreesTheEngineForTheQueuedRequest() {
        Map<String, Object> outcome = (Map<String, Object>) session.call("async () => {"
                + " const controller = new AbortController();"
                + " const stream = locara.chat.completions.create({model: 'stories260k', messages: " + MESSAGES + ","
                + "   max_tokens: 2000, temperature: 0, stream: true, signal: controller.signal});"
                + " const queued = locara.chat.completions.create({model: 'stories260k', messages: " + MESSAGES + ","
                + "   max_tokens: " + MAX_TOKENS + ", temperature: 0});"
                + " let chunks = 0, finish = null;"
                + " for await (const c of stream) { chunks++; finish = c.choices[0].finish_reason;"
                + "   if (chunks === 4) controller.abort(); }"
                + " const second = await queued;"
                + " return {chunks, finish, second: second.choices[0].message.content,"
                + "   secondFinish: second.choices[0].finish_reason}; }");
        assertEquals("abort", outcome.get("finish"), session.log());
        int chunks = ((Number) outcome.get("chunks")).intValue();
        assertTrue(chunks >= 4 && chunks < 30, "stopped soon after the abort, got " + chunks + " chunks" + session.log());
        assertEquals(expectedText, outcome.get("second"), "the queued request ran after the aborted one" + session.log());
        assertEquals(expectedFinish, outcome.get("secondFinish"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRequestsGetTypedErrors() {
        Map<String, Object> e = (Map<String, Object>) session.call("() => locara.chat.completions.create({model: 'stories260k',"
                + " messages: [{role: 'user'}]}).then(() => null, e => ({name: e.name, code: e.code, message: e.message}))");
        assertEquals("invalid_request", e.get("code"));
        assertEquals("messages[0].content must be a string.", e.get("message"));
        Map<String, Object> topP = (Map<String, Object>) session.call("() => locara.chat.completions.create({model: 'stories260k',"
                + " messages: " + MESSAGES + ", top_p: 1.5}).then(() => null, e => ({code: e.code, message: e.message}))");
        assertEquals("invalid_request", topP.get("code"), String.valueOf(topP));
        assertTrue(String.valueOf(topP.get("message")).contains("top_p"), String.valueOf(topP));
    }
}
