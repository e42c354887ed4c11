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

    /**
     * llama.cpp's letter class for deepseek-llm, written with escapes for the three code points that editors
     * normalize (U+2126 OHM SIGN, U+212A KELVIN SIGN, U+1FBE GREEK PROSGEGRAMMENI); the shipped class once held
     * their normalized forms, and "K-\u212D" then made ASCII punctuation letters.
     */
    private static final String DEEPSEEK_LETTERS = "[A-Za-z\u00B5\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u01BA\u01BC-\u01BF"
            + "\u01C4-\u0293\u0295-\u02AF\u0370-\u0373\u0376\u0377\u037B-\u037D\u037F\u0386\u0388-\u038A\u038C"
            + "\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u048A-\u052F\u0531-\u0556\u10A0-\u10C5\u13A0-\u13F5"
            + "\u13F8-\u13FD\u1C90-\u1CBA\u1CBD-\u1CBF\u1D00-\u1D2B\u1D6B-\u1D77\u1D79-\u1D9A\u1E00-\u1F15"
            + "\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4"
            + "\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4"
            + "\u1FF6-\u1FFC\u2102\u2107\u210A-\u2113\u2115\u2119-\u211D\u2124\u2126\u2128\u212A-\u212D"
            + "\u212F-\u2134\u2139\u213C-\u213F\u2145-\u2149\u214E\u2183\u2184\u2C00-\u2C7B\u2C7E-\u2CE4"
            + "\u2CEB-\u2CEE\u2CF2\u2CF3\uA640-\uA66D\uA680-\uA69B\uA722-\uA76F\uA771-\uA787\uA78B-\uA78E"
            + "\uAB70-\uABBF\uFB00-\uFB06\uFB13-\uFB17\uFF21-\uFF3A\uFF41-\uFF5A\\x{10400}-\\x{1044F}"
            + "\\x{104B0}-\\x{104D3}\\x{104D8}-\\x{104FB}\\x{10C80}-\\x{10CB2}\\x{10CC0}-\\x{10CF2}\\x{118A0}-\\x{118DF}"
            + "\\x{1E900}-\\x{1E943}]";

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
            case "deepseek-llm": return List.of("[\\r\\n]", "\\s?" + DEEPSEEK_LETTERS + "+", "\\s?[!-/:-~\uFF01-\uFF0F\uFF1A-\uFF5E\u2018-\u201F\u3000-\u3002]+",
                    "\\s+\\z", "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+", "\\p{N}+");
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
                "  \t\n \r\n  end  ", "$100+200 <=> a^b | c~d `x`", "🦙🦙 llama🦙", "ΑΒΓ αβγ ÅSTRÖM",
                "snake_case [x] {y} K\u212A\u2126\u1FBE \u3001\u3002 \uFF01x\u2018y\u201F", "   \uD83D\uDE00   "));
        return texts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-2", "llama-bpe", "qwen2", "gpt-4o", "default", "falcon", "starcoder", "deepseek-coder",
            "deepseek-llm"})
    void scannersCutAsTheRegexesDo(String pre) throws IOException {
        List<String> warnings = new ArrayList<>();
        PreTokenizer scanner = PreTokenizer.forName(pre, warnings);
        assertTrue(warnings.isEmpty(), warnings.toString());
        for (String text : texts()) {
            assertEquals(reference(text, regexes(pre)), scanner.split(text), pre + " on " + TokenizerVectors.quote(text));
        }
    }

    /** Regression (fuzzing, ROBUSTNESS.md): deepseek-llm took ASCII punctuation for letters, and ran \s+$ in quadratic time. */
    @Test
    void deepseekLlmCutsPunctuationFromWords() {
        PreTokenizer p = PreTokenizer.forName("deepseek-llm", new ArrayList<>());
        assertEquals(List.of("hello", "_", "world", " [", "x", "]"), p.split("hello_world [x]"));
        assertEquals(List.of("     \uD83D\uDE00", "  "), p.split("     \uD83D\uDE00  "));
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
