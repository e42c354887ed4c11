package dev.locara.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits text at the texts of special tokens before a tokenizer sees it, as llama.cpp does: user-defined
 * tokens always, control and unknown tokens only when the caller parses special tokens; the longest
 * token text is matched first so that "&lt;|im_start|&gt;" wins over "&lt;|im".
 */
final class SpecialTokens {
    private final Vocabulary vocab;
    private final List<Integer> ids = new ArrayList<>();

    SpecialTokens(Vocabulary vocab) {
        this.vocab = vocab;
        for (int id = 0; id < vocab.size(); id++) {
            TokenType t = vocab.type(id);
            if ((t == TokenType.CONTROL || t == TokenType.USER_DEFINED || t == TokenType.UNKNOWN) && !vocab.text(id).isEmpty()) {
                ids.add(id);
            }
        }
        ids.sort(Comparator.comparingInt((Integer id) -> -vocab.text(id).length()).thenComparingInt(id -> id));
    }

    /** The text cut into fragments: {@code String} for text to tokenize, {@code Integer} for a special token. */
    List<Object> partition(String text, boolean parseSpecial) {
        List<Object> fragments = new ArrayList<>();
        if (text.isEmpty()) {
            return fragments; // llama.cpp makes no fragment of empty text, so SentencePiece adds no space prefix
        }
        fragments.add(text);
        for (int id : ids) {
            if (!parseSpecial && vocab.type(id) != TokenType.USER_DEFINED) {
                continue;
            }
            String special = vocab.text(id);
            List<Object> next = new ArrayList<>();
            for (Object f : fragments) {
                if (!(f instanceof String s)) {
                    next.add(f);
                    continue;
                }
                WorkCounter.add(s.length());
                int from = 0;
                int at;
                while ((at = s.indexOf(special, from)) >= 0) {
                    if (at > from) {
                        next.add(s.substring(from, at));
                    }
                    next.add(id);
                    from = at + special.length();
                }
                if (from < s.length()) {
                    next.add(s.substring(from));
                }
            }
            fragments = next;
        }
        return fragments;
    }

    static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
