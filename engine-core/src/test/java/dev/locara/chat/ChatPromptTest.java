package dev.locara.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.DemoModel;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatPromptTest {
    private static final List<Map<String, Object>> HI = ChatTemplate.parseMessages("[{\"role\":\"user\",\"content\":\"Hi\"}]");

    @Test
    void demoModelUsesTheBuiltInLlamaFormatWithOneBos() throws Exception {
        try (FileByteSource source = DemoModel.open()) {
            GgufFile gguf = GgufReader.read(source);
            Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
            ChatPrompt prompt = ChatPrompt.fromGguf(gguf, tokenizer);
            assertTrue(prompt.template().usesBuiltInFormat(), "stories260K has no chat template");
            ChatPrompt.Rendered r = prompt.render(HI);
            assertTrue(r.text().startsWith("<s><|start_header_id|>user"), r.text());
            // The template printed BOS as text; parsed as the control token, and not added a second time.
            assertEquals(1, r.tokens()[0]);
            assertEquals(1, Arrays.stream(r.tokens()).filter(t -> t == 1).count(), Arrays.toString(r.tokens()));
            assertArrayEquals(tokenizer.encode(r.text().substring(3), true, true), r.tokens());
            assertFalse(r.opensReasoning());

            // A format that does not print BOS gets it from the vocabulary, once.
            ChatPrompt chatml = new ChatPrompt(new ChatTemplate(null, "qwen2", "<s>", "</s>"), tokenizer);
            int[] tokens = chatml.render(HI).tokens();
            assertEquals(1, tokens[0]);
            assertEquals(1, Arrays.stream(tokens).filter(t -> t == 1).count());
        }
    }
}
