package dev.locara.tokenizer;

/**
 * The character data the tokenizers use, opened to other packages (the keyword index folds accents and
 * splits CJK text the way WordPiece does), so there is one table and one list of CJK blocks in the code.
 */
public final class UnicodeData {
    private UnicodeData() {
    }

    /**
     * The canonical (NFD) decomposition of {@code cp}, or null when it has none. A fresh array: the table
     * behind it is shared.
     */
    public static int[] decompose(int cp) {
        int[] d = Nfd.decompose(cp);
        return d == null ? null : d.clone();
    }

    /** CJK ideograph blocks as BERT (and llama.cpp after it) list them. */
    public static boolean isCjkIdeograph(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
