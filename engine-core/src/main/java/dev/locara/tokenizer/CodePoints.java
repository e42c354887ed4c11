package dev.locara.tokenizer;

/**
 * Unicode classes of code points as tokenizer regexes mean them (\p{L}, \p{N}, \p{P}, \s, ...), built on
 * {@link Character#getType(int)} and explicit tables only: java.util.regex classes differ in TeaVM, so
 * every pre-tokenizer classifies characters through here and behaves the same on the JVM and in the browser.
 */
final class CodePoints {
    private CodePoints() {
    }

    /** \p{L}: Lu, Ll, Lt, Lm, Lo. */
    static boolean isLetter(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                return true;
            default:
                return false;
        }
    }

    /** \p{N}: Nd, Nl, No. */
    static boolean isNumber(int cp) {
        int t = Character.getType(cp);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** \p{P}: Pc, Pd, Ps, Pe, Pi, Pf, Po. */
    static boolean isPunctuation(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** \p{S}: Sm, Sc, Sk, So. */
    static boolean isSymbol(int cp) {
        int t = Character.getType(cp);
        return t == Character.MATH_SYMBOL || t == Character.CURRENCY_SYMBOL
                || t == Character.MODIFIER_SYMBOL || t == Character.OTHER_SYMBOL;
    }

    /** \p{M}: Mn, Mc, Me (what llama.cpp calls accent marks). */
    static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    /** \p{C} without unassigned code points: Cc, Cf, Co, Cs. */
    static boolean isControl(int cp) {
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE || t == Character.SURROGATE;
    }

    /**
     * \s as the tokenizers mean it: the Unicode White_Space property (llama.cpp's table). Not
     * Character.isWhitespace, which leaves out no-break spaces and counts U+001C..U+001F.
     */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** Neither \s nor \p{L} nor \p{N}: the "[^\s\p{L}\p{N}]" of GPT-style regexes. */
    static boolean isOther(int cp) {
        return !isWhitespace(cp) && !isLetter(cp) && !isNumber(cp);
    }

    static int[] of(String s) {
        return s.codePoints().toArray();
    }
}
