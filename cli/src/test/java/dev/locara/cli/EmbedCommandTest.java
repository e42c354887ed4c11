package dev.locara.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synth} of an embedding model, then {@code embed} on it, through {@link Cli#run} as the jar runs it. */
class EmbedCommandTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void synthesizedNomicEmbedsInOpenAisShape() {
        String file = dir.resolve("nomic.gguf").toString();
        CliTest.Result s = CliTest.run("synth", "nomic-embed-text-v1.5", "--layers", "1", "--type", "Q8_0", "--out", file);
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("nomic-bert, 1 layers) Q8_0"), s.out());

        CliTest.Result r = CliTest.run("embed", file, "first text", "second", "--input-type", "query", "--dimensions", "256");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        List<Object> data = (List<Object>) json.get("data");
        assertEquals(2, data.size());
        assertEquals(256, ((List<Object>) ((Map<String, Object>) data.get(0)).get("embedding")).size());
        assertEquals("nomic", json.get("model"));
        long tokens = (Long) ((Map<String, Object>) json.get("usage")).get("prompt_tokens");
        assertTrue(tokens > 10, "the query prefix is counted: " + tokens);
    }

    @Test
    void badRequestsSayWhy() {
        String file = dir.resolve("bge.gguf").toString();
        assertEquals(0, CliTest.run("synth", "bge-small-en-v1.5", "--layers", "1", "--out", file).code());
        CliTest.Result dims = CliTest.run("embed", file, "text", "--dimensions", "64");
        assertEquals(Cli.ERROR, dims.code());
        assertTrue(dims.err().contains("Matryoshka"), dims.err());
        CliTest.Result type = CliTest.run("embed", file, "text", "--input-type", "question");
        assertEquals(Cli.USAGE, type.code());
        CliTest.Result missing = CliTest.run("convert-onnx", dir.resolve("none.onnx").toString(), dir.resolve("out.gguf").toString());
        assertEquals(Cli.USAGE, missing.code(), missing.err());
    }
}
