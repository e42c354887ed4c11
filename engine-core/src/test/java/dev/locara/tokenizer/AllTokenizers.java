package dev.locara.tokenizer;

import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tokenizer Locara has, for the robustness tests: the three kinds from llama.cpp's conformance
 * vocabularies (SentencePiece, WordPiece, byte-level BPE), and byte-level BPE once more with each other
 * pre-tokenizer family, GPT-2's vocabulary with another tokenizer.ggml.pre (the pre-tokenizer only cuts
 * words, so any byte-level vocabulary exercises it).
 */
final class AllTokenizers {
    static final Path DIR = Path.of(System.getProperty("locara.vectors", "../../shared/tokenizer-vectors"));
    /** Tokenizers whose decode(encode(x)) gives x back for any text (SentencePiece adds one leading space). */
    static final List<String> LOSSLESS = List.of("llama-spm", "gpt-2", "deepseek-coder", "gpt-2+llama3", "gpt-2+qwen2",
            "gpt-2+gpt-4o", "gpt-2+deepseek-llm", "gpt-2+falcon", "gpt-2+starcoder", "gpt-2+default");
    /** And WordPiece, which lowercases, strips accents and drops controls, so it promises no round trip. */
    static final List<String> ALL = List.of("llama-spm", "bert-bge", "gpt-2", "deepseek-coder", "gpt-2+llama3",
            "gpt-2+qwen2", "gpt-2+gpt-4o", "gpt-2+deepseek-llm", "gpt-2+falcon", "gpt-2+starcoder", "gpt-2+default");

    private static final Map<String, Tokenizer> LOADED = new LinkedHashMap<>();

    private AllTokenizers() {
    }

    /** "vocab" or "vocab+pre" (vocab's GGUF with tokenizer.ggml.pre replaced). */
    static synchronized Tokenizer get(String name) {
        return LOADED.computeIfAbsent(name, AllTokenizers::load);
    }

    private static Tokenizer load(String name) {
        String[] parts = name.split("\\+");
        GgufFile gguf;
        try (FileByteSource source = new FileByteSource(DIR.resolve("ggml-vocab-" + parts[0] + ".gguf"))) {
            gguf = GgufReader.read(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parts.length > 1) {
            Map<String, Object> metadata = new LinkedHashMap<>(gguf.metadata());
            metadata.put("tokenizer.ggml.pre", parts[1]);
            gguf = new GgufFile(gguf.version(), metadata, gguf.tensors(), gguf.alignment(), gguf.dataOffset(), gguf.fileSize());
        }
        Tokenizer t = Tokenizer.fromGguf(gguf);
        if (!t.warnings().isEmpty()) {
            throw new IllegalStateException(name + ": " + t.warnings());
        }
        return t;
    }
}
