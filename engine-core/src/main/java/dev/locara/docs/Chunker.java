package dev.locara.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * A document's text into chunks bounded in embedding-model tokens. A chunk never spans two sections (a
 * heading starts a new one, and so does a new PDF page) and keeps its section's heading path; inside a
 * section, chunks end at a paragraph boundary, else a sentence end, else a word boundary, never inside a
 * word; consecutive chunks of a section share about {@code overlapTokens}, so a sentence cut at a boundary is
 * whole in one of them; a section's last piece under {@code minTokens} joins the chunk before it. A whole
 * section under {@code minTokens} stays its own chunk: a chunk spanning a heading would cite the wrong section.
 *
 * <p>Tokens are counted word by word (a word being a run of non-space characters), which is exact for
 * WordPiece, whose pre-tokenizer splits at spaces first, and close for BPE.
 */
public final class Chunker {
    public static final int TARGET_TOKENS = 200, OVERLAP_TOKENS = 32, MIN_TOKENS = 48;

    private final TokenCounter counter;
    private final int targetTokens, overlapTokens, minTokens;

    public Chunker(TokenCounter counter) {
        this(counter, TARGET_TOKENS, OVERLAP_TOKENS, MIN_TOKENS);
    }

    public Chunker(TokenCounter counter, int targetTokens, int overlapTokens, int minTokens) {
        if (targetTokens < 1 || overlapTokens < 0 || overlapTokens >= targetTokens || minTokens < 0 || minTokens > targetTokens) {
            throw new IllegalArgumentException("Chunk sizes need target >= 1, 0 <= overlap < target and 0 <= min <= target; got target "
                    + targetTokens + ", overlap " + overlapTokens + ", min " + minTokens + ".");
        }
        this.counter = counter;
        this.targetTokens = targetTokens;
        this.overlapTokens = overlapTokens;
        this.minTokens = minTokens;
    }

    /** One word of a section: its span in the document's text, its tokens and what follows it. */
    private record Word(int start, int end, int tokens, boolean paragraphStart, boolean sentenceEnd) {
    }

    public List<Chunk> chunk(String documentId, DocumentText doc) {
        String text = doc.text();
        int[] starts = doc.blockStarts();
        List<String> path = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<Chunk> out = new ArrayList<>();
        List<Word> section = new ArrayList<>();
        int page = -1;
        for (int b = 0; b < doc.blocks().size(); b++) {
            Block block = doc.blocks().get(b);
            if (block.kind() == Block.Kind.HEADING || block.page() != page) {
                emit(documentId, text, section, path, page, out);
                section.clear();
                page = block.page();
            }
            if (block.kind() == Block.Kind.HEADING) {
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= block.level()) {
                    levels.remove(levels.size() - 1);
                    path.remove(path.size() - 1);
                }
                levels.add(block.level());
                path.add(block.text().strip());
            } else {
                words(text, starts[b], starts[b] + block.text().length(), section);
            }
        }
        emit(documentId, text, section, path, page, out);
        return out;
    }

    private void words(String text, int from, int to, List<Word> into) {
        boolean first = true;
        int i = from;
        while (i < to) {
            while (i < to && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < to && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > s) {
                char last = text.charAt(i - 1);
                boolean sentenceEnd = last == '.' || last == '!' || last == '?' || last == ':' || last == ';';
                into.add(new Word(s, i, Math.max(1, counter.count(text.substring(s, i))), first, sentenceEnd));
                first = false;
            }
        }
    }

    private void emit(String documentId, String text, List<Word> words, List<String> path, int page, List<Chunk> out) {
        if (words.isEmpty()) {
            return;
        }
        List<int[]> spans = new ArrayList<>(); // word index ranges [from, to)
        int from = 0;
        while (from < words.size()) {
            int to = from, tokens = 0;
            while (to < words.size() && (to == from || tokens + words.get(to).tokens() <= targetTokens)) {
                tokens += words.get(to++).tokens();
            }
            if (to < words.size()) {
                to = cut(words, from, to);
            }
            spans.add(new int[] {from, to});
            if (to == words.size()) {
                break;
            }
            int next = to, overlap = 0;
            while (next - 1 > from && overlap + words.get(next - 1).tokens() <= overlapTokens) {
                overlap += words.get(--next).tokens();
            }
            from = next;
        }
        if (spans.size() > 1) {
            int[] last = spans.get(spans.size() - 1);
            int[] before = spans.get(spans.size() - 2);
            if (tokens(words, before[1], last[1]) < minTokens) {
                before[1] = last[1];
                spans.remove(spans.size() - 1);
            }
        }
        for (int[] span : spans) {
            int s = words.get(span[0]).start(), e = words.get(span[1] - 1).end();
            out.add(new Chunk(documentId, out.size(), path, page, s, e, text.substring(s, e), tokens(words, span[0], span[1])));
        }
    }

    /** Where to end a full chunk of words [from, to): the last paragraph start, else sentence end, in its second half. */
    private static int cut(List<Word> words, int from, int to) {
        int half = from + (to - from) / 2 + 1;
        for (int i = to - 1; i >= half; i--) {
            if (words.get(i).paragraphStart()) {
                return i;
            }
        }
        for (int i = to - 1; i >= half; i--) {
            if (words.get(i - 1).sentenceEnd()) {
                return i;
            }
        }
        return to;
    }

    private static int tokens(List<Word> words, int from, int to) {
        int n = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            n += words.get(i).tokens();
        }
        return n;
    }
}
