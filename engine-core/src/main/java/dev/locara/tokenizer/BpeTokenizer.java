package dev.locara.tokenizer;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Byte-level BPE as llama.cpp does it for tokenizer.ggml.model = "gpt2" (GPT-2, Llama 3, Qwen 2, DeepSeek,
 * ...): the pre-tokenizer cuts the text into words, each word's UTF-8 bytes are spelled with GPT-2's
 * printable stand-ins (byte 0x20 is 'Ġ'), then adjacent symbols merge in the order of
 * tokenizer.ggml.merges, lowest rank first and leftmost on ties.
 */
public final class BpeTokenizer implements Tokenizer {
    private final Vocabulary vocab;
    private final PreTokenizer pre;
    private final Map<String, Integer> ranks; // "left right" -> merge rank
    private final SpecialTokens specials;
    private final List<String> warnings = new ArrayList<>();

    public BpeTokenizer(Vocabulary vocab, String[] merges, String preName) {
        this.vocab = vocab;
        this.pre = PreTokenizer.forName(preName, warnings);
        this.ranks = new HashMap<>(merges.length * 2);
        for (int i = 0; i < merges.length; i++) {
            ranks.putIfAbsent(merges[i], i);
        }
        this.specials = new SpecialTokens(vocab);
    }

    static BpeTokenizer fromGguf(GgufFile gguf) {
        String[] merges = gguf.array("tokenizer.ggml.merges", String[].class);
        if (merges == null) {
            throw new GgufException(GgufException.Kind.MISSING,
                    "This GGUF uses a BPE tokenizer but has no tokenizer.ggml.merges; convert the model again with a current llama.cpp.");
        }
        return new BpeTokenizer(Vocabulary.fromGguf(gguf), merges, gguf.string("tokenizer.ggml.pre", ""));
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    /** The pre-tokenizer in use (its llama.cpp name). */
    public String preTokenizer() {
        return pre.name;
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        if (addSpecial && vocab.addBos && vocab.bos >= 0) {
            out.add(vocab.bos);
        }
        for (Object fragment : specials.partition(text, parseSpecial)) {
            if (fragment instanceof Integer special) {
                out.add(special);
            } else {
                for (String word : pre.split((String) fragment)) {
                    encodeWord(ByteLevel.encode(word), out);
                }
            }
        }
        if (addSpecial && vocab.addEos && vocab.eos >= 0) {
            out.add(vocab.eos);
        }
        if (addSpecial && vocab.addSep && vocab.sep >= 0) {
            out.add(vocab.sep);
        }
        return SpecialTokens.toArray(out);
    }

    private record Bigram(int left, int right, String text, int rank) {
    }

    /** Merges one byte-encoded word. Its symbols are chars: every byte stand-in is a single UTF-16 unit. */
    private void encodeWord(String word, List<Integer> out) {
        if (word.isEmpty()) {
            return;
        }
        if (pre.ignoreMerges) {
            int whole = vocab.id(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        int n = word.length();
        int[] start = new int[n];
        int[] length = new int[n]; // 0 once merged into the left neighbour
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = i;
            length[i] = 1;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.rank != b.rank
                ? Integer.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            addBigram(word, start, length, i - 1, i, queue);
        }
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            WorkCounter.add(1);
            if (length[b.left] == 0 || length[b.right] == 0
                    || !word.startsWith(b.text, start[b.left]) || length[b.left] + length[b.right] != b.text.length()) {
                continue; // stale: one side changed since this pair was queued
            }
            length[b.left] += length[b.right];
            length[b.right] = 0;
            next[b.left] = next[b.right];
            if (next[b.right] >= 0) {
                prev[next[b.right]] = b.left;
            }
            addBigram(word, start, length, prev[b.left], b.left, queue);
            addBigram(word, start, length, b.left, next[b.left], queue);
        }
        for (int i = 0; i != -1; i = next[i]) {
            String symbol = word.substring(start[i], start[i] + length[i]);
            int id = vocab.id(symbol);
            if (id >= 0) {
                out.add(id);
                continue;
            }
            // No token for a merged symbol (a vocabulary without all byte tokens): llama.cpp emits the
            // single-character tokens it can find and drops the rest.
            for (int k = 0; k < symbol.length(); k++) {
                int single = vocab.id(symbol.substring(k, k + 1));
                if (single >= 0) {
                    out.add(single);
                }
            }
        }
    }

    private void addBigram(String word, int[] start, int[] length, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) {
            return;
        }
        String l = word.substring(start[left], start[left] + length[left]);
        String r = word.substring(start[right], start[right] + length[right]);
        WorkCounter.add(1);
        Integer rank = ranks.get(l + " " + r);
        if (rank != null) {
            queue.add(new Bigram(left, right, l + r, rank));
        }
    }

    @Override
    public byte[] pieceBytes(int token) {
        switch (vocab.type(token)) {
            case NORMAL:
                return ByteLevel.decode(vocab.text(token));
            case USER_DEFINED:
                return vocab.text(token).getBytes(StandardCharsets.UTF_8); // added tokens are stored as plain text
            default:
                return new byte[0]; // control, unknown, unused: not text (llama.cpp suppresses them too)
        }
    }
}
