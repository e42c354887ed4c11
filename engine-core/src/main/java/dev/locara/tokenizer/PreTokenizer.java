package dev.locara.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Cuts text into words before byte-level BPE merges, as the regex list that llama.cpp keeps for each
 * tokenizer.ggml.pre name does. Each regex is one {@link Pattern}: a pass splits every current piece at
 * that pattern's matches, and the unmatched stretches between matches stay pieces of their own.
 * Patterns are scanners over code points (no java.util.regex: its Unicode classes differ in TeaVM).
 */
final class PreTokenizer {
    /**
     * One regex: the end of its match starting exactly at {@code pos}; where it does not match there, -1, or
     * {@code -(next + 1)} when it also cannot match before {@code next}, so that the search skips ahead
     * instead of scanning the same run again from every position (a search for {@code \s+$} would be
     * quadratic in a long run of spaces that does not end the piece).
     */
    interface Pattern {
        int match(int[] cps, int pos, int to);
    }

    final String name;
    /** Llama 3 style: a word that is itself a token is not merged (tokenizer.json's ignore_merges). */
    final boolean ignoreMerges;
    private final List<Pattern> passes;

    private PreTokenizer(String name, boolean ignoreMerges, Pattern... passes) {
        this.name = name;
        this.ignoreMerges = ignoreMerges;
        this.passes = List.of(passes);
    }

    private static final Pattern GPT2 = GptScanners::gpt2;
    private static final Pattern LLAMA3 = (cps, pos, to) -> GptScanners.llama3(cps, pos, to, 3);
    private static final Pattern QWEN2 = (cps, pos, to) -> GptScanners.llama3(cps, pos, to, 1);
    private static final Pattern GPT4O = GptScanners::gpt4o;

    private static final IntPredicate DIGIT = c -> c >= '0' && c <= '9';
    private static final IntPredicate CR_LF = c -> c == '\r' || c == '\n';
    // Class bodies as llama.cpp's regexes spell them (CJK ideographs, Hangul; DeepSeek LLM's letters, punctuation).
    // OHM SIGN, KELVIN SIGN and GREEK PROSGEGRAMMENI are escaped: an editor's normalization turns them into Ω, K and
    // ι, and "K-ℭ" then spans U+004B..U+212D (ASCII punctuation, Greek and Cyrillic included) as "letters".
    private static final IntPredicate CJK = ranges("\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF");
    private static final IntPredicate DEEPSEEK_LETTERS = ranges("A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-Ֆ"
            + "Ⴀ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ᾼ\u1FBEῂ-ῄῆ-ῌῐ-ΐῖ-Ίῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤ\u2126ℨ\u212A-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄ"
            + "Ⰰ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃");
    private static final IntPredicate DEEPSEEK_PUNCT = ranges("!-/:-~！-／：-～‘-‟\u3000-。");
    /** [\p{P}\$\+<=>\^~\|] of the default and Falcon lists (Falcon adds the backtick). */
    private static final IntPredicate PUNCT_SYMBOLS = c -> CodePoints.isPunctuation(c) || "$+<=>^~|".indexOf(c) >= 0;

    /** The pre-tokenizer llama.cpp uses for this tokenizer.ggml.pre name; unknown names get GPT-2's rules and a warning. */
    static PreTokenizer forName(String pre, List<String> warnings) {
        switch (pre) {
            case "":
                warnings.add("This GGUF names no pre-tokenizer (tokenizer.ggml.pre); using llama.cpp's 'default'. "
                        + "Tokenization may differ from the model's own: convert the model again with a current llama.cpp.");
                return defaultRules("default");
            case "default":
                return defaultRules(pre);
            case "gpt-2": case "gpt2": case "phi-2": case "mpt": case "olmo": case "jais": case "jina-es": case "jina-de":
            case "jina-v2-es": case "jina-v2-de": case "jina-v1-en": case "jina-v2-code": case "roberta-bpe":
            case "gigachat": case "exaone4": case "trillion": case "mellum": case "modern-bert":
                return new PreTokenizer(pre, false, GPT2);
            case "llama3": case "llama-v3": case "llama-bpe": case "falcon3": case "falcon-h1": case "pixtral": case "lfm2":
                return new PreTokenizer(pre, true, LLAMA3);
            case "dbrx": case "smaug-bpe": case "chatglm-bpe": case "glm4":
                return new PreTokenizer(pre, false, LLAMA3);
            case "qwen2": case "deepseek-r1-qwen": case "stablelm2": case "megrez": case "hunyuan":
                return new PreTokenizer(pre, false, QWEN2);
            case "gpt-4o": case "llama4":
                return new PreTokenizer(pre, false, GPT4O);
            case "deepseek-llm":
                return new PreTokenizer(pre, false, run(null, CR_LF, 1, 1), run(CodePoints::isWhitespace, DEEPSEEK_LETTERS, 1, Integer.MAX_VALUE),
                        run(CodePoints::isWhitespace, DEEPSEEK_PUNCT, 1, Integer.MAX_VALUE), PreTokenizer::trailingWhitespace,
                        run(null, CJK, 1, Integer.MAX_VALUE), run(null, CodePoints::isNumber, 1, Integer.MAX_VALUE));
            case "deepseek-coder":
                return new PreTokenizer(pre, false, run(null, CR_LF, 1, 1), run(CodePoints::isWhitespace, CodePoints::isLetter, 1, Integer.MAX_VALUE),
                        run(CodePoints::isWhitespace, CodePoints::isPunctuation, 1, Integer.MAX_VALUE),
                        run(null, CJK, 1, Integer.MAX_VALUE), run(null, CodePoints::isNumber, 1, 1));
            case "falcon":
                return new PreTokenizer(pre, false, run(null, PUNCT_SYMBOLS.or(c -> c == '`'), 1, Integer.MAX_VALUE), GPT2, run(null, DIGIT, 3, 3));
            case "starcoder": case "refact": case "command-r": case "smollm": case "codeshell": case "exaone": case "minerva-7b":
                return new PreTokenizer(pre, false, run(null, CodePoints::isNumber, 1, 1), GPT2);
            default:
                warnings.add("Pre-tokenizer '" + pre + "' (tokenizer.ggml.pre) is not known to this version of Locara; "
                        + "using GPT-2's rules, so some texts may tokenize differently from the model's own tokenizer.");
                return new PreTokenizer("gpt-2", false, GPT2);
        }
    }

    /** Whether llama.cpp adds BOS by default for this pre-tokenizer (when the GGUF has no add_bos_token). */
    static boolean addsBos(String pre) {
        switch (pre) {
            case "llama3": case "llama-v3": case "llama-bpe": case "falcon3": case "falcon-h1": case "pixtral": case "lfm2":
            case "tekken": case "chameleon":
                return true;
            default:
                return false;
        }
    }

    private static PreTokenizer defaultRules(String name) {
        return new PreTokenizer(name, false, run(null, PUNCT_SYMBOLS, 1, Integer.MAX_VALUE), GPT2,
                run(null, CodePoints::isNumber, 1, Integer.MAX_VALUE), run(null, DIGIT, 3, 3));
    }

    /** The words of {@code text}, in order; their concatenation is the text. */
    List<String> split(String text) {
        int[] cps = CodePoints.of(text);
        List<Integer> ends = new ArrayList<>();
        if (cps.length > 0) {
            ends.add(cps.length);
        }
        for (Pattern pattern : passes) {
            List<Integer> next = new ArrayList<>(ends.size() * 2);
            int from = 0;
            for (int end : ends) {
                splitPiece(pattern, cps, from, end, next);
                from = end;
            }
            ends = next;
        }
        List<String> words = new ArrayList<>(ends.size());
        int from = 0;
        for (int end : ends) {
            words.add(new String(cps, from, end - from));
            from = end;
        }
        return words;
    }

    /** Leftmost-first matching as a regex search does it; text between matches becomes a piece too. */
    private static void splitPiece(Pattern pattern, int[] cps, int from, int to, List<Integer> ends) {
        int gap = from;
        int pos = from;
        while (pos < to) {
            int end = pattern.match(cps, pos, to);
            if (end > pos) {
                if (gap < pos) {
                    ends.add(pos);
                }
                ends.add(end);
                pos = end;
                gap = end;
            } else {
                pos = Math.max(pos + 1, -end - 1);
            }
            WorkCounter.add(1);
        }
        if (gap < to) {
            ends.add(to);
        }
    }

    /** {@code prefix? cls{min,max}}: an optional single prefix character, then a greedy run of the class. */
    private static Pattern run(IntPredicate prefix, IntPredicate cls, int min, int max) {
        return (cps, pos, to) -> {
            int start = prefix != null && prefix.test(cps[pos]) && pos + 1 < to && cls.test(cps[pos + 1]) ? pos + 1 : pos;
            int end = start;
            while (end < to && end - start < max && cls.test(cps[end])) {
                end++;
            }
            WorkCounter.add(end - pos + 1);
            return end - start >= min ? end : -1;
        };
    }

    /** {@code \s+$}: whitespace that runs to the end of the piece; no match can start before a non-space found ahead. */
    private static int trailingWhitespace(int[] cps, int pos, int to) {
        for (int i = pos; i < to; i++) {
            if (!CodePoints.isWhitespace(cps[i])) {
                WorkCounter.add(i - pos + 1);
                return -(i + 1) - 1;
            }
        }
        WorkCounter.add(to - pos);
        return to;
    }

    /** A character class from a regex class body such as "A-Za-zµ" (code points and ranges, no escapes). */
    static IntPredicate ranges(String body) {
        int[] cps = CodePoints.of(body);
        List<int[]> list = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            if (i + 2 < cps.length && cps[i + 1] == '-') {
                list.add(new int[] {cps[i], cps[i + 2]});
                i += 2;
            } else {
                list.add(new int[] {cps[i], cps[i]});
            }
        }
        int[][] r = list.toArray(new int[0][]);
        return c -> {
            for (int[] range : r) {
                if (c >= range[0] && c <= range[1]) {
                    return true;
                }
            }
            return false;
        };
    }
}
