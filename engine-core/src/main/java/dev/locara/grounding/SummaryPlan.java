package dev.locara.grounding;

import dev.locara.docs.Chunk;
import dev.locara.docs.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * A map-reduce summary of a document longer than the chat model's context: the chunks, in order, are
 * grouped into parts whose prompt fits (context minus instruction minus answer reserve), each part is
 * summarized, then the summaries are combined, in groups that fit, again and again until one is left.
 * A chunk larger than a part on its own is cut at spaces. The plan is pure: the caller runs the model on
 * each prompt, which lets the UI show "Part 3 of 7" and stop between steps.
 */
public final class SummaryPlan {
    public static final String PART_INSTRUCTION = "Summarize this part of a document in a few sentences. Keep names,"
            + " numbers and steps; add nothing that is not in the text.";
    public static final String COMBINE_INSTRUCTION = "These are summaries of consecutive parts of one document."
            + " Combine them into one summary of the whole document, in a few paragraphs; add nothing.";

    private final String documentName;
    private final int contextSize;
    private final int answerReserve;
    private final TokenCounter counter;
    private final List<String> parts;

    private SummaryPlan(String documentName, int contextSize, int answerReserve, TokenCounter counter, List<String> parts) {
        this.documentName = documentName;
        this.contextSize = contextSize;
        this.answerReserve = answerReserve;
        this.counter = counter;
        this.parts = parts;
    }

    /** Plans the summary of {@code chunks} (one document's, in order); each summary is at most {@code answerReserve} tokens. */
    public static SummaryPlan of(String documentName, List<Chunk> chunks, int contextSize, TokenCounter counter,
                                 int answerReserve) {
        int budget = contextSize - answerReserve - counter.count(PART_INSTRUCTION) - counter.count(header(documentName));
        // a combine step must take at least two summaries, or the reduction never ends
        int combineBudget = contextSize - answerReserve - counter.count(COMBINE_INSTRUCTION)
                - counter.count(header(documentName));
        if (budget <= 0 || combineBudget < 2 * (answerReserve + 1)) {
            throw new IllegalArgumentException("A context of " + contextSize + " tokens with " + answerReserve
                    + " reserved for each summary leaves too little to combine summaries: load the model with a"
                    + " larger context or reserve less for the answer.");
        }
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("The document has no text to summarize: import it again.");
        }
        List<String> pieces = new ArrayList<>();
        for (Chunk c : chunks) {
            cut(c.text(), budget, counter, pieces);
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String p : pieces) {
            String joined = part.length() == 0 ? p : part + "\n\n" + p;
            if (part.length() > 0 && counter.count(joined) > budget) {
                parts.add(part.toString());
                part.setLength(0);
                part.append(p);
            } else {
                part.setLength(0);
                part.append(joined);
            }
        }
        parts.add(part.toString());
        return new SummaryPlan(documentName, contextSize, answerReserve, counter, List.copyOf(parts));
    }

    /** Cuts {@code text} at spaces into pieces of at most {@code budget} tokens (a piece with no space is cut anywhere). */
    private static void cut(String text, int budget, TokenCounter counter, List<String> out) {
        if (counter.count(text) <= budget || text.length() < 2) {
            out.add(text);
            return;
        }
        int mid = text.length() / 2;
        int space = text.lastIndexOf(' ', mid);
        int at = space > 0 ? space : mid;
        cut(text.substring(0, at).strip(), budget, counter, out);
        cut(text.substring(at).strip(), budget, counter, out);
    }

    private static String header(String documentName) {
        return "Document: " + documentName + "\n\n";
    }

    public List<String> parts() {
        return parts;
    }

    /** The messages that summarize part {@code index} (0-based). */
    public List<Turn> partPrompt(int index) {
        return List.of(new Turn("system", PART_INSTRUCTION), new Turn("user", header(documentName) + parts.get(index)));
    }

    /** The summaries of one round, grouped so that each group's combine prompt fits; one group means the last round. */
    public List<List<String>> combineGroups(List<String> summaries) {
        int budget = contextSize - answerReserve - counter.count(COMBINE_INSTRUCTION) - counter.count(header(documentName));
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        int used = 0;
        for (String s : summaries) {
            int t = counter.count(s + "\n\n");
            if (!group.isEmpty() && used + t > budget) {
                groups.add(List.copyOf(group));
                group.clear();
                used = 0;
            }
            group.add(s);
            used += t;
        }
        groups.add(List.copyOf(group));
        return groups;
    }

    /** The messages that combine one group of summaries. */
    public List<Turn> combinePrompt(List<String> group) {
        return List.of(new Turn("system", COMBINE_INSTRUCTION),
                new Turn("user", header(documentName) + String.join("\n\n", group)));
    }

    /**
     * The model calls the whole summary takes when every summary uses its full reserve: the parts, then each
     * round's combines. Fewer when summaries come out shorter; the progress line counts what it has run.
     */
    public int maxSteps() {
        if (parts.size() == 1) {
            return 1;
        }
        int budget = contextSize - answerReserve - counter.count(COMBINE_INSTRUCTION) - counter.count(header(documentName));
        int perCombine = Math.max(2, budget / (answerReserve + 1));
        int steps = parts.size();
        int n = parts.size();
        while (n > 1) {
            n = (n + perCombine - 1) / perCombine;
            steps += n;
        }
        return steps;
    }
}
