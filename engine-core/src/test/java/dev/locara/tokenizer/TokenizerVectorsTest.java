package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * llama.cpp's conformance vectors (ids without BOS/EOS, special tokens not parsed), from the folder in the
 * system property locara.vectors (the parent POM points it at ../shared/tokenizer-vectors).
 */
class TokenizerVectorsTest {
    private static final Path DIR = Path.of(System.getProperty("locara.vectors", "../../shared/tokenizer-vectors"));

    private static Tokenizer load(String name) throws IOException {
        try (FileByteSource source = new FileByteSource(DIR.resolve("ggml-vocab-" + name + ".gguf"))) {
            return Tokenizer.fromGguf(GgufReader.read(source));
        }
    }

    private static String read(String name, String ext) throws IOException {
        return Files.readString(DIR.resolve("ggml-vocab-" + name + ".gguf." + ext), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-spm", "gpt-2", "bert-bge", "deepseek-coder"})
    void everyInputTokenizesAsLlamaCpp(String name) throws IOException {
        Tokenizer tokenizer = load(name);
        List<String> inputs = TokenizerVectors.inputs(read(name, "inp"));
        assertEquals(46, inputs.size(), "inputs in " + name);
        List<String> mismatches = TokenizerVectors.mismatches(tokenizer, inputs, TokenizerVectors.outputs(read(name, "out")));
        assertTrue(mismatches.isEmpty(), name + ":\n" + String.join("\n", mismatches));
        assertTrue(tokenizer.warnings().isEmpty(), tokenizer.warnings().toString());
    }

    /** Byte-level BPE loses nothing; SentencePiece adds one leading space (add_space_prefix) and loses nothing else. */
    @ParameterizedTest
    @ValueSource(strings = {"llama-spm", "gpt-2", "deepseek-coder"})
    void decodingGivesTheTextBack(String name) throws IOException {
        Tokenizer tokenizer = load(name);
        String prefix = name.equals("llama-spm") ? " " : "";
        List<String> problems = new ArrayList<>();
        for (String input : TokenizerVectors.inputs(read(name, "inp"))) {
            String back = tokenizer.decode(tokenizer.encode(input, false, false));
            if (!back.equals(input.isEmpty() ? "" : prefix + input)) {
                problems.add(TokenizerVectors.quote(input) + " -> " + TokenizerVectors.quote(back));
            }
        }
        assertTrue(problems.isEmpty(), name + ":\n" + String.join("\n", problems));
    }
}
