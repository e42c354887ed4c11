package dev.locara.tokenizer;

import static dev.locara.tokenizer.CodePoints.isLetter;
import static dev.locara.tokenizer.CodePoints.isNumber;
import static dev.locara.tokenizer.CodePoints.isOther;
import static dev.locara.tokenizer.CodePoints.isWhitespace;

/**
 * Hand-written matchers for the three regex families most BPE models use (llama.cpp hand-codes the first
 * two as well). Each returns the end of the match at {@code pos}; none fails, since the regexes' last
 * alternatives take whitespace and any other single character.
 */
final class GptScanners {
    private GptScanners() {
    }

    /** GPT-2: {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}. */
    static int gpt2(int[] cps, int pos, int to) {
        int c = cps[pos];
        int contraction = contraction(cps, pos, to, false);
        if (contraction > 0) {
            return contraction;
        }
        // " ?X+": a space joins the run that follows it
        int start = c == ' ' && pos + 1 < to ? pos + 1 : pos;
        int first = cps[start];
        if (start == pos + 1 || c != ' ') {
            if (isLetter(first)) {
                return runOf(cps, start, to, 0);
            }
            if (isNumber(first)) {
                return runOf(cps, start, to, 1);
            }
            if (isOther(first)) {
                return runOf(cps, start, to, 2);
            }
        }
        return whitespace(cps, pos, to, false);
    }

    /**
     * Llama 3 ({@code maxDigits} 3) and Qwen 2 ({@code maxDigits} 1):
     * {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}.
     */
    static int llama3(int[] cps, int pos, int to, int maxDigits) {
        int c = cps[pos];
        int contraction = contraction(cps, pos, to, true);
        if (contraction > 0) {
            return contraction;
        }
        if (c != '\r' && c != '\n' && !isNumber(c) && (isLetter(c) || (pos + 1 < to && isLetter(cps[pos + 1])))) {
            return runOf(cps, pos + 1, to, 0); // one prefix character or the first letter, then letters
        }
        if (isNumber(c)) {
            int end = pos;
            while (end < to && end - pos < maxDigits && isNumber(cps[end])) {
                end++;
            }
            return end;
        }
        int end = symbols(cps, pos, to);
        if (end > 0) {
            while (end < to && (cps[end] == '\r' || cps[end] == '\n')) {
                end++;
            }
            return end;
        }
        return whitespace(cps, pos, to, true);
    }

    /**
     * GPT-4o / Llama 4: words split at case changes, as tokenizer.json writes it:
     * {@code [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
     * |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|...)?
     * |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+}.
     * (llama.cpp approximates the case classes with [^a-z] / [^A-Z] because std::regex lacks them; this
     * follows the original, so non-ASCII lowercase letters do not start an "upper" run here.)
     */
    static int gpt4o(int[] cps, int pos, int to) {
        int end = caseWord(cps, pos, to);
        if (end > 0) {
            int contraction = contraction(cps, end, to, true);
            return contraction > 0 ? contraction : end;
        }
        if (isNumber(cps[pos])) {
            end = pos;
            while (end < to && end - pos < 3 && isNumber(cps[end])) {
                end++;
            }
            return end;
        }
        end = symbols(cps, pos, to);
        if (end > 0) {
            while (end < to && (cps[end] == '\r' || cps[end] == '\n' || cps[end] == '/')) {
                end++;
            }
            return end;
        }
        return whitespace(cps, pos, to, true);
    }

    /** The two word alternatives of {@link #gpt4o}, with the backtracking a regex engine would do; -1 if neither matches. */
    private static int caseWord(int[] cps, int pos, int to) {
        int c = cps[pos];
        boolean canPrefix = c != '\r' && c != '\n' && !isLetter(c) && !isNumber(c);
        for (int prefix = canPrefix ? 1 : 0; prefix >= 0; prefix--) { // upper* lower+
            int start = pos + prefix;
            int k = start;
            while (k < to && isUpperish(cps[k])) {
                k++;
            }
            WorkCounter.add(k - start + 1);
            if (k < to && isLowerish(cps[k])) {
                while (k < to && isLowerish(cps[k])) {
                    k++;
                }
                WorkCounter.add(k - start);
                return k;
            }
            for (int j = k - 1; j >= start; j--) { // give back upper-ish characters until one can be the lower run
                WorkCounter.add(1);
                if (isLowerish(cps[j])) {
                    return j + 1;
                }
            }
        }
        for (int prefix = canPrefix ? 1 : 0; prefix >= 0; prefix--) { // upper+ lower*
            int start = pos + prefix;
            int k = start;
            while (k < to && isUpperish(cps[k])) {
                k++;
            }
            WorkCounter.add(k - start + 1);
            if (k > start) {
                while (k < to && isLowerish(cps[k])) {
                    k++;
                }
                WorkCounter.add(k - start);
                return k;
            }
        }
        return -1;
    }

    private static boolean isUpperish(int cp) {
        int t = Character.getType(cp);
        return t == Character.UPPERCASE_LETTER || t == Character.TITLECASE_LETTER || t == Character.MODIFIER_LETTER
                || t == Character.OTHER_LETTER || CodePoints.isMark(cp);
    }

    private static boolean isLowerish(int cp) {
        int t = Character.getType(cp);
        return t == Character.LOWERCASE_LETTER || t == Character.MODIFIER_LETTER || t == Character.OTHER_LETTER
                || CodePoints.isMark(cp);
    }

    /** {@code 's|'t|'re|'ve|'m|'ll|'d} at pos (ASCII case folded when asked): its end, or -1. */
    private static int contraction(int[] cps, int pos, int to, boolean ignoreCase) {
        if (pos + 1 >= to || cps[pos] != '\'') {
            return -1;
        }
        int a = fold(cps[pos + 1], ignoreCase);
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return pos + 2;
        }
        if (pos + 2 < to) {
            int b = fold(cps[pos + 2], ignoreCase);
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                return pos + 3;
            }
        }
        return -1;
    }

    private static int fold(int c, boolean ignoreCase) {
        return ignoreCase && c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Runs of one class: 0 letters, 1 numbers, 2 neither letter, number nor whitespace. */
    private static int runOf(int[] cps, int from, int to, int kind) {
        int end = from;
        while (end < to && (kind == 0 ? isLetter(cps[end]) : kind == 1 ? isNumber(cps[end]) : isOther(cps[end]))) {
            end++;
        }
        WorkCounter.add(end - from + 1);
        return end;
    }

    /** {@code ' ?[^\s\p{L}\p{N}]+'} at pos: its end, or -1. */
    private static int symbols(int[] cps, int pos, int to) {
        int start = cps[pos] == ' ' ? pos + 1 : pos;
        if (start >= to || !isOther(cps[start])) {
            return -1;
        }
        return runOf(cps, start, to, 2);
    }

    /**
     * The whitespace alternatives: {@code \s*[\r\n]+} (when asked), then {@code \s+(?!\S)} (which leaves the
     * last space of a run for the word after it), then {@code \s+}, else one character on its own.
     */
    private static int whitespace(int[] cps, int pos, int to, boolean lineBreaks) {
        int n = 0;
        int afterLastBreak = -1;
        while (pos + n < to && isWhitespace(cps[pos + n])) {
            if (cps[pos + n] == '\r' || cps[pos + n] == '\n') {
                afterLastBreak = pos + n + 1;
            }
            n++;
        }
        WorkCounter.add(n + 1);
        if (lineBreaks && afterLastBreak > 0) {
            return afterLastBreak;
        }
        if (n > 1 && pos + n < to) {
            return pos + n - 1;
        }
        return pos + Math.max(n, 1);
    }
}
