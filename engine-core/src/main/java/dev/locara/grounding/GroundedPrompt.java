package dev.locara.grounding;

import dev.locara.docs.Chunk;
import dev.locara.docs.TokenCounter;
import dev.locara.retrieval.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chat request for a turn grounded in documents: a system message with the instruction and the
 * passages as numbered sources, then the conversation, then the question. Passages are taken in rank order
 * while they fit what the context leaves after the instruction, the conversation and the answer reserve; a
 * passage that does not fit is left out with its reason and a shorter one after it may still go in.
 * Token counts are of the message contents in the chat model's tokenizer; the template's own tokens are
 * part of {@code answerReserve}'s margin, which the caller sizes.
 */
public final class GroundedPrompt {
    public static final String INSTRUCTION = "Answer only from the numbered sources below. Cite the sources you use as"
            + " [1], [2] after the sentence they support. If the sources do not answer the question, say plainly:"
            + " \"The documents do not say.\"";

    /** A passage given to the model under {@code number}. */
    public record Source(int number, Chunk chunk, String documentName, int tokens) {
    }

    /** A retrieved passage that was not given, and why. */
    public record LeftOut(SearchResult result, int tokens, String reason) {
    }

    /** The figures the UI shows: what the context holds and what each part took. */
    public record TokenBudget(int contextSize, int answerReserve, int instructionTokens, int conversationTokens,
                              int sourceTokens) {
        /** Tokens of the prompt the sources could use. */
        public int sourceBudget() {
            return contextSize - answerReserve - instructionTokens - conversationTokens;
        }

        public int promptTokens() {
            return instructionTokens + conversationTokens + sourceTokens;
        }
    }

    public record Built(List<Turn> messages, List<Source> sources, List<LeftOut> leftOut, TokenBudget budget) {
    }

    private GroundedPrompt() {
    }

    /**
     * {@code history} is the conversation before {@code question}, oldest first; {@code documentNames} maps a
     * document id to the name shown in the source tag (the id when absent).
     */
    public static Built build(List<SearchResult> ranked, Map<String, String> documentNames, int contextSize,
                              TokenCounter counter, List<Turn> history, String question, int answerReserve) {
        int instruction = counter.count(INSTRUCTION);
        int conversation = counter.count(question);
        for (Turn t : history) {
            conversation += counter.count(t.content());
        }
        int budget = contextSize - answerReserve - instruction - conversation;
        if (budget < 0) {
            throw new IllegalArgumentException("The conversation takes " + (instruction + conversation)
                    + " tokens and the answer needs " + answerReserve + ", more than the context of " + contextSize
                    + ": start a new conversation or load the model with a larger context.");
        }
        List<Source> sources = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        StringBuilder system = new StringBuilder(INSTRUCTION);
        int used = 0;
        for (SearchResult r : ranked) {
            String name = documentNames.getOrDefault(r.chunk().documentId(), r.chunk().documentId());
            String tag = "\n\n" + tag(sources.size() + 1, name, r.chunk());
            int tokens = counter.count(tag);
            if (used + tokens > budget) {
                leftOut.add(new LeftOut(r, tokens, "needs " + tokens + " tokens, " + (budget - used) + " left"));
                continue;
            }
            used += tokens;
            sources.add(new Source(sources.size() + 1, r.chunk(), name, tokens));
            system.append(tag);
        }
        List<Turn> messages = new ArrayList<>();
        messages.add(new Turn("system", system.toString()));
        for (Turn t : history) {
            if (!t.role().equals("system")) {
                messages.add(t);
            }
        }
        messages.add(new Turn("user", question));
        return new Built(List.copyOf(messages), List.copyOf(sources), List.copyOf(leftOut),
                new TokenBudget(contextSize, answerReserve, instruction, conversation, used));
    }

    /** "[n] name, page p, heading > heading:" then the passage. */
    static String tag(int number, String name, Chunk c) {
        StringBuilder sb = new StringBuilder().append('[').append(number).append("] ").append(name);
        if (c.page() > 0) {
            sb.append(", page ").append(c.page());
        }
        if (!c.headingPath().isEmpty()) {
            sb.append(", ").append(String.join(" > ", c.headingPath()));
        }
        return sb.append(":\n").append(c.text()).toString();
    }
}
