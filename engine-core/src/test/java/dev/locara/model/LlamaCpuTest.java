package dev.locara.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.DemoModel;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaCpuTest {
    @Test
    void demoModelGreedyMatchesLlamaCpp() throws Exception {
        try (FileByteSource source = DemoModel.open()) {
            GgufFile gguf = GgufReader.read(source);
            LlamaCpu model = new LlamaCpu(gguf, source, 512);
            LlamaConfig c = model.config();
            assertEquals(64, c.dim());
            assertEquals(5, c.layers());
            assertEquals(8, c.heads());
            assertEquals(4, c.kvHeads());
            assertEquals(512, c.vocabSize());
            Generator generator = new Generator(Tokenizer.fromGguf(gguf), model);
            List<Integer> streamed = new ArrayList<>();
            Completion done = generator.generate(new CompletionRequest(DemoModel.PROMPT, 64, 0f, 0),
                    (token, text) -> streamed.add(token), () -> false);
            assertArrayEquals(DemoModel.PROMPT_TOKENS, done.promptTokens());
            assertArrayEquals(DemoModel.GREEDY_64, done.tokens());
            assertEquals(64, streamed.size());
            assertEquals("length", done.finishReason());
            assertEquals(DemoModel.GREEDY_TEXT, generator.tokenizer().decode(DemoModel.PROMPT_TOKENS) + done.text());
        }
    }
}
