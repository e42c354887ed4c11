package dev.locara.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * SentencePiece tokenization as llama.cpp does it for tokenizer.ggml.model = "llama": spaces become
 * U+2581, the text starts as single UTF-8 characters, the adjacent pair whose merge is a token with
 * the highest score merges first (leftmost on ties), and characters left without a token fall back
 * to byte tokens "&lt;0xXX&gt;".
 */
public final class SentencePieceTokenizer implements Tokenizer {
    private static final String SPACE = "\u2581";
    private static final String HEX = "0123456789ABCDEF";

    private final Vocabulary vocab;
    private final int[] byteTokens = new int[256];
    private final SpecialTokens specials;

    public SentencePieceTokenizer(Vocabulary vocab) {
        this.vocab = vocab;
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = vocab.id("<0x" + HEX.charAt(b >> 4) + HEX.charAt(b & 15) + ">");
        }
        this.specials = new SpecialTokens(vocab);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        if (addSpecial && vocab.addBos && vocab.bos >= 0) {
            out.add(vocab.bos);
        }
        boolean previousSpecial = true; // a space prefix goes before the first text and after each special token
        for (Object fragment : specials.partition(text, parseSpecial)) {
            if (fragment instanceof Integer special) {
                out.add(special);
                previousSpecial = true;
            } else {
                String raw = (String) fragment;
                String prefixed = vocab.addSpacePrefix && previousSpecial ? " " + raw : raw;
                tokenizeText(prefixed.replace(" ", SPACE), out);
                previousSpecial = false;
            }
        }
        if (addSpecial && vocab.addEos && vocab.eos >= 0) {
            out.add(vocab.eos);
        }
        return SpecialTokens.toArray(out);
    }

    /** One symbol of the merge chain; {@code length == 0} marks a symbol merged into its left neighbour. */
    private static final class Symbol {
        int prev;
        int next;
        int start;
        int length;
    }

    private record Bigram(int left, int right, float score, int length) {
    }

    private void tokenizeText(String text, List<Integer> out) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<Symbol> symbols = new ArrayList<>();
        for (int offset = 0; offset < utf8.length; ) {
            Symbol s = new Symbol();
            s.start = offset;
            s.length = Math.min(utf8Length(utf8[offset]), utf8.length - offset);
            s.prev = symbols.size() - 1;
            offset += s.length;
            s.next = offset == utf8.length ? -1 : symbols.size() + 1;
            symbols.add(s);
        }
        if (symbols.isEmpty()) {
            return;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score
                ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        Map<String, int[]> reverseMerges = new HashMap<>();
        for (int i = 1; i < symbols.size(); i++) {
            addBigram(symbols, utf8, i - 1, i, queue, reverseMerges);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            WorkCounter.add(1);
            Symbol left = symbols.get(bigram.left);
            Symbol right = symbols.get(bigram.right);
            if (left.length == 0 || right.length == 0 || left.length + right.length != bigram.length) {
                continue; // one side was merged away since this pair was queued
            }
            left.length += right.length;
            right.length = 0;
            left.next = right.next;
            if (right.next >= 0) {
                symbols.get(right.next).prev = bigram.left;
            }
            addBigram(symbols, utf8, left.prev, bigram.left, queue, reverseMerges);
            addBigram(symbols, utf8, bigram.left, left.next, queue, reverseMerges);
        }
        for (int i = 0; i != -1; i = symbols.get(i).next) {
            resegment(symbols, utf8, symbols.get(i), reverseMerges, out);
        }
    }

    private void addBigram(List<Symbol> symbols, byte[] utf8, int left, int right,
                           PriorityQueue<Bigram> queue, Map<String, int[]> reverseMerges) {
        if (left < 0 || right < 0) {
            return;
        }
        Symbol l = symbols.get(left);
        Symbol r = symbols.get(right);
        WorkCounter.add(1);
        String merged = new String(utf8, l.start, l.length + r.length, StandardCharsets.UTF_8);
        int id = vocab.id(merged);
        if (id < 0) {
            return;
        }
        queue.add(new Bigram(left, right, vocab.score(id), l.length + r.length));
        reverseMerges.put(merged, new int[] {left, right});
    }

    private void resegment(List<Symbol> symbols, byte[] utf8, Symbol symbol, Map<String, int[]> reverseMerges, List<Integer> out) {
        WorkCounter.add(1);
        String text = new String(utf8, symbol.start, symbol.length, StandardCharsets.UTF_8);
        int id = vocab.id(text);
        if (id >= 0) {
            out.add(id);
            return;
        }
        int[] parts = reverseMerges.get(text);
        if (parts == null) {
            for (int i = 0; i < symbol.length; i++) {
                int b = byteTokens[utf8[symbol.start + i] & 0xFF];
                out.add(b >= 0 ? b : vocab.unk);
            }
            return;
        }
        resegment(symbols, utf8, symbols.get(parts[0]), reverseMerges, out);
        resegment(symbols, utf8, symbols.get(parts[1]), reverseMerges, out);
    }

    private static int utf8Length(byte lead) {
        int c = lead & 0xFF;
        return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    }

    @Override
    public byte[] pieceBytes(int token) {
        switch (vocab.type(token)) {
            case CONTROL:
                return new byte[0];
            case UNKNOWN:
                return "\u2585".getBytes(StandardCharsets.UTF_8); // llama.cpp shows unknown tokens as a block
            case BYTE: {
                String t = vocab.text(token); // "<0xXX>"
                return new byte[] {(byte) Integer.parseInt(t.substring(3, 5), 16)};
            }
            default:
                return vocab.text(token).replace(SPACE, " ").getBytes(StandardCharsets.UTF_8);
        }
    }
}
