package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanners against the regexes themselves: on the JVM, java.util.regex with UNICODE_CHARACTER_CLASS
 * is a faithful reference (it is in TeaVM that it is not), so each pre-tokenizer must cut texts exactly
 * as its llama.cpp regex list does, pass by pass.
 */
class PreTokenizerTest {
    private static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final String LLAMA3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String GPT4O = "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+"
            + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*"
            + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static List<String> regexes(String pre) {
        switch (pre) {
            case "gpt-2": return List.of(GPT2);
            case "llama-bpe": return List.of(LLAMA3);
            case "qwen2": return List.of(LLAMA3.replace("\\p{N}{1,3}", "\\p{N}"));
            case "gpt-4o": return List.of(GPT4O);
            case "default": return List.of("[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2, "\\p{N}+", "[0-9][0-9][0-9]");
            case "falcon": return List.of("[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]");
            case "starcoder": return List.of("\\p{N}", GPT2);
            case "deepseek-coder": return List.of("[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+", "\\p{N}");
            default: throw new IllegalArgumentException(pre);
        }
    }

    /** llama.cpp's unicode_regex_split: each regex cuts every piece; text between matches stays a piece. */
    private static List<String> reference(String text, List<String> regexes) {
        List<String> pieces = text.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(text));
        for (String regex : regexes) {
            Pattern p = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
            List<String> next = new ArrayList<>();
            for (String piece : pieces) {
                Matcher m = p.matcher(piece);
                int last = 0;
                while (m.find()) {
                    if (m.start() > last) {
                        next.add(piece.substring(last, m.start()));
                    }
                    next.add(m.group());
                    last = m.end();
                }
                if (last < piece.length()) {
                    next.add(piece.substring(last));
                }
            }
            pieces = next;
        }
        return pieces;
    }

    private static List<String> texts() throws IOException {
        Path dir = Path.of(System.getProperty("locara.vectors", "../../shared/tokenizer-vectors"));
        List<String> texts = new ArrayList<>(TokenizerVectors.inputs(
                Files.readString(dir.resolve("ggml-vocab-gpt-2.gguf.inp"), StandardCharsets.UTF_8)));
        texts.addAll(List.of("Hello World's  HTTPServer ÉCOLE école\r\n\n  x", "1234567 ١٢٣ ½", "don'T WE'LL it'S",
                "a\u00A0b\u3000c\u2028d", "CamelCaseWord ÀÉÎõü ǅungla", "path/to/file\n/usr", "ñ e\u0301 x\u0301\u0302y",
                "  \t\n \r\n  end  ", "$100+200 <=> a^b | c~d `x`", "🦙🦙 llama🦙", "ΑΒΓ αβγ ÅSTRÖM"));
        return texts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-2", "llama-bpe", "qwen2", "gpt-4o", "default", "falcon", "starcoder", "deepseek-coder"})
    void scannersCutAsTheRegexesDo(String pre) throws IOException {
        List<String> warnings = new ArrayList<>();
        PreTokenizer scanner = PreTokenizer.forName(pre, warnings);
        assertTrue(warnings.isEmpty(), warnings.toString());
        for (String text : texts()) {
            assertEquals(reference(text, regexes(pre)), scanner.split(text), pre + " on " + TokenizerVectors.quote(text));
        }
    }

    @Test
    void unknownNameWarnsAndUsesGpt2() {
        List<String> warnings = new ArrayList<>();
        PreTokenizer p = PreTokenizer.forName("my-new-model", warnings);
        assertEquals("gpt-2", p.name);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("my-new-model"), warnings.get(0));
    }
}
