package dev.locara.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * WordPiece as llama.cpp does it for BERT embedding models (tokenizer.ggml.model = "bert"): lowercase,
 * strip accents (NFD, then drop marks), split at whitespace, punctuation, ASCII symbols and CJK ideographs,
 * then match each word greedily, longest piece first. The GGUF conversion already rewrote the vocabulary:
 * word-initial pieces carry a leading U+2581 and "##" continuations lost their prefix, so a word is matched
 * as "\u2581word"; a word that cannot be covered entirely becomes [UNK], and so does a word of more than
 * {@value #MAX_WORD_CHARS} code points, as Hugging Face's WordPiece (max_input_chars_per_word) has it.
 */
public final class WordPieceTokenizer implements Tokenizer {
    private static final String WORD_START = "\u2581";
    /** BERT's max_input_chars_per_word: longer words are [UNK] whole, not split into many pieces. */
    static final int MAX_WORD_CHARS = 100;

    private final Vocabulary vocab;
    private final SpecialTokens specials;
    private final int maxTokenLength; // in UTF-16 units, bounds the longest-match search

    public WordPieceTokenizer(Vocabulary vocab) {
        this.vocab = vocab;
        this.specials = new SpecialTokens(vocab);
        int max = 0;
        for (int i = 0; i < vocab.size(); i++) {
            max = Math.max(max, vocab.text(i).length());
        }
        this.maxTokenLength = max;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        if (addSpecial && vocab.addBos && vocab.bos >= 0) {
            out.add(vocab.bos); // [CLS]
        }
        for (Object fragment : specials.partition(text, parseSpecial)) {
            if (fragment instanceof Integer special) {
                out.add(special);
            } else {
                for (String word : words((String) fragment)) {
                    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
                        out.add(vocab.unk);
                    } else {
                        encodeWord(WORD_START + word, out);
                    }
                }
            }
        }
        if (addSpecial && vocab.addSep && vocab.sep >= 0) {
            out.add(vocab.sep); // [SEP]
        }
        return SpecialTokens.toArray(out);
    }

    private void encodeWord(String word, List<Integer> out) {
        int mark = out.size();
        for (int i = 0; i < word.length(); ) {
            int matched = -1;
            for (int j = Math.min(word.length(), i + maxTokenLength); j > i; j--) {
                WorkCounter.add(1);
                int id = vocab.id(word.substring(i, j));
                if (id >= 0) {
                    out.add(id);
                    matched = j;
                    break;
                }
            }
            if (matched < 0) {
                out.subList(mark, out.size()).clear(); // one piece missing: the whole word is unknown
                break;
            }
            i = matched;
        }
        if (out.size() == mark) {
            out.add(vocab.unk);
        }
    }

    /** BERT's basic tokenizer: normalized words, punctuation and CJK ideographs as words of their own. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int cp : CodePoints.of(text)) {
            WorkCounter.add(1);
            int[] decomposed = Nfd.decompose(cp);
            for (int c : decomposed == null ? new int[] {cp} : decomposed) {
                if (CodePoints.isWhitespace(c)) {
                    flush(word, words);
                } else if (c == 0 || c == 0xFFFD || CodePoints.isControl(c) || CodePoints.isMark(c)) {
                    continue; // controls are dropped, marks are the accents being stripped
                } else if (CodePoints.isPunctuation(c) || (c < 0x7F && CodePoints.isSymbol(c))
                        || UnicodeData.isCjkIdeograph(c)) {
                    flush(word, words);
                    words.add(new String(Character.toChars(Character.toLowerCase(c))));
                } else {
                    word.appendCodePoint(Character.toLowerCase(c));
                }
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    @Override
    public byte[] pieceBytes(int token) {
        switch (vocab.type(token)) {
            case NORMAL:
                return vocab.text(token).replace(WORD_START, " ").getBytes(StandardCharsets.UTF_8);
            case USER_DEFINED:
                return vocab.text(token).getBytes(StandardCharsets.UTF_8);
            default:
                return new byte[0];
        }
    }

    /** Words joined by single spaces, without the space the first word-start piece brings. */
    @Override
    public String decode(int[] tokens) {
        String text = Tokenizer.super.decode(tokens);
        return text.startsWith(" ") ? text.substring(1) : text;
    }
}
