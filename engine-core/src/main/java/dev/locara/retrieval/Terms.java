package dev.locara.retrieval;

import dev.locara.tokenizer.UnicodeData;
import java.util.ArrayList;
import java.util.List;

/**
 * The terms of a text for the keyword index: runs of letters and digits, lowercased, accents folded
 * (canonical decomposition, marks dropped), English stop words left out, a-z words stemmed by Porter's
 * algorithm ({@link PorterStemmer} says why Porter), CJK ideographs and kana one character each (those
 * scripts do not put spaces between words). A trailing possessive "'s" is dropped as Lucene's
 * EnglishAnalyzer does. Each term keeps the UTF-16 range of the original text it came from, so a match
 * can be marked on the characters the reader sees. A scanner over code points, no regex: the same on
 * the JVM and in TeaVM.
 */
public final class Terms {
    /** Lucene's English stop words (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET): few enough to keep "how" and "why". */
    private static final java.util.Set<String> STOP_WORDS = java.util.Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
            "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
            "was", "will", "with");

    /** One term and the range [start, end) of the text it was read from. */
    public record Term(String text, int start, int end) {
    }

    private Terms() {
    }

    /** The terms of {@code text} in reading order, repeats included. */
    public static List<Term> of(String text) {
        Scanner s = new Scanner(text);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) { // ASCII: nothing decomposes, so skip the table
                if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                    s.append(cp, i, next);
                } else if (cp >= 'A' && cp <= 'Z') {
                    s.append(cp + ('a' - 'A'), i, next);
                } else {
                    s.flush();
                }
            } else if (isSingleCharacterTerm(cp)) {
                s.flush();
                int[] unified = UnicodeData.decompose(cp); // a compatibility ideograph reads as its unified one
                s.emit(new String(unified == null ? new int[] {cp} : unified, 0, unified == null ? 1 : unified.length),
                        i, next);
            } else {
                int[] decomposed = UnicodeData.decompose(cp);
                if (decomposed == null) {
                    s.fold(cp, i, next);
                } else {
                    for (int c : decomposed) {
                        s.fold(c, i, next);
                    }
                }
            }
            i = next;
        }
        s.flush();
        return s.terms;
    }

    /** Only the terms' texts, in reading order. */
    public static List<String> texts(String text) {
        List<Term> terms = of(text);
        List<String> out = new ArrayList<>(terms.size());
        for (Term t : terms) {
            out.add(t.text());
        }
        return out;
    }

    /** Whether {@code word} (lowercase, folded) is one of the stop words the index leaves out. */
    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word);
    }

    /** CJK ideographs, hiragana and katakana. Kana are kept whole: their voicing marks change the word. */
    private static boolean isSingleCharacterTerm(int cp) {
        return UnicodeData.isCjkIdeograph(cp) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF);
    }

    /** Collects the word being read and the terms finished so far. */
    private static final class Scanner {
        private final String text;
        private final List<Term> terms = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private final PorterStemmer stemmer = new PorterStemmer();
        private boolean plainAscii = true; // only a-z so far, so Porter applies
        private int start = -1;
        private int end;

        Scanner(String text) {
            this.text = text;
        }

        /** One code point of a decomposed character read from [from, to): letters and digits join the word. */
        void fold(int c, int from, int to) {
            switch (Character.getType(c)) {
                case Character.UPPERCASE_LETTER:
                case Character.LOWERCASE_LETTER:
                case Character.TITLECASE_LETTER:
                case Character.MODIFIER_LETTER:
                case Character.OTHER_LETTER:
                case Character.DECIMAL_DIGIT_NUMBER:
                    append(Character.toLowerCase(c), from, to);
                    break;
                case Character.NON_SPACING_MARK:
                case Character.COMBINING_SPACING_MARK:
                case Character.ENCLOSING_MARK:
                    if (start >= 0) { // an accent: dropped, but its characters belong to the word's range
                        end = to;
                    }
                    break;
                default:
                    flush();
                    break;
            }
        }

        void append(int c, int from, int to) {
            if (start < 0) {
                start = from;
            }
            end = to;
            word.appendCodePoint(c);
            if (c < 'a' || c > 'z') {
                plainAscii = false;
            }
        }

        void flush() {
            if (start < 0) {
                return;
            }
            String w = word.toString();
            boolean ascii = plainAscii;
            int from = start;
            word.setLength(0);
            plainAscii = true;
            start = -1;
            if (STOP_WORDS.contains(w) || isPossessive(w, from)) {
                return;
            }
            emit(ascii ? stemmer.stem(w) : w, from, end);
        }

        void emit(String term, int from, int to) {
            terms.add(new Term(term, from, to));
        }

        /** The "s" of "Locara's": an apostrophe right before it and a letter or digit right before that. */
        private boolean isPossessive(String w, int from) {
            if (!w.equals("s") || from < 2) {
                return false;
            }
            char apostrophe = text.charAt(from - 1);
            return (apostrophe == '\'' || apostrophe == '\u2019') && Character.isLetterOrDigit(text.charAt(from - 2));
        }
    }
}
