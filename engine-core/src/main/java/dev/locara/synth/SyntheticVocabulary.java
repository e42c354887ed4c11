package dev.locara.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * A SentencePiece ("llama") vocabulary of any size that tokenizes any text: the llama layout of
 * &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt; and the 256 byte tokens, then generated pieces. Pieces are
 * enumerated breadth first, so every piece of n characters is the merge of two shorter ones and
 * the merge chain can reach it; earlier (shorter) pieces get higher scores and merge first.
 */
public record SyntheticVocabulary(String[] tokens, float[] scores, int[] types) {
    /** Ids taken before the generated pieces. */
    public static final int RESERVED = 3 + 256;
    public static final int UNK = 0, BOS = 1, EOS = 2;

    // llama.cpp's token type codes.
    private static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6;
    private static final String SPACE = "\u2581";

    public static SyntheticVocabulary of(int size) {
        String[] tokens = new String[size];
        float[] scores = new float[size];
        int[] types = new int[size];
        tokens[UNK] = "<unk>";
        types[UNK] = UNKNOWN;
        tokens[BOS] = "<s>";
        types[BOS] = CONTROL;
        tokens[EOS] = "</s>";
        types[EOS] = CONTROL;
        for (int b = 0; b < 256; b++) {
            tokens[3 + b] = String.format("<0x%02X>", b);
            types[3 + b] = BYTE;
        }
        int id = RESERVED;
        List<String> level = new ArrayList<>();
        level.add(SPACE);
        for (char c = 33; c < 127; c++) {
            level.add(String.valueOf(c));
        }
        while (id < size) {
            List<String> next = new ArrayList<>();
            for (String piece : level) {
                if (id == size) {
                    break;
                }
                tokens[id] = piece;
                scores[id] = -(id - RESERVED);
                types[id++] = NORMAL;
                // Words grow by lowercase letters, with or without the leading space mark.
                if (piece.equals(SPACE) || piece.chars().allMatch(ch -> ch == SPACE.charAt(0) || (ch >= 'a' && ch <= 'z'))) {
                    for (char c = 'a'; c <= 'z'; c++) {
                        next.add(piece + c);
                    }
                }
            }
            level = next;
        }
        return new SyntheticVocabulary(tokens, scores, types);
    }
}
