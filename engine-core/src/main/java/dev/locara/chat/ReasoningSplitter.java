package dev.locara.chat;

/**
 * Separates a reasoning model's thinking ({@code <think>...</think>}, DeepSeek-R1 style) from its
 * answer while text streams in. A tag may arrive split over deltas, so text that could be the start
 * of a tag is held back until the next delta decides it. When the chat template already opened
 * {@code <think>} in the generation prompt, start {@link #startedInReasoning() inside} the reasoning.
 */
public final class ReasoningSplitter {
    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    /** What one delta contributes to each channel (either may be empty). */
    public record Delta(String reasoning, String content) {
        public boolean isEmpty() {
            return reasoning.isEmpty() && content.isEmpty();
        }
    }

    private final StringBuilder pending = new StringBuilder();
    private boolean inReasoning;
    private boolean seenAnswer; // once the answer has begun, a later "<think>" is just text
    private boolean seenOpen;
    private boolean dropNewlines;

    public ReasoningSplitter() {
    }

    private ReasoningSplitter(boolean inReasoning) {
        this.inReasoning = inReasoning;
        this.seenOpen = inReasoning;
    }

    /** For prompts that end with "&lt;think&gt;": the model's text starts as reasoning. */
    public static ReasoningSplitter startedInReasoning() {
        return new ReasoningSplitter(true);
    }

    /** Whether a rendered prompt leaves the model inside a think block (it ends with an open tag). */
    public static boolean promptOpensReasoning(String prompt) {
        return Methods.strip(prompt, null, false, true).endsWith(OPEN);
    }

    public Delta push(String text) {
        if (dropNewlines) {
            int k = 0;
            while (k < text.length() && (text.charAt(k) == '\n' || text.charAt(k) == '\r')) {
                k++;
            }
            text = text.substring(k);
            dropNewlines = text.isEmpty();
        }
        pending.append(text);
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        while (pending.length() > 0) {
            String tag = inReasoning ? CLOSE : (seenAnswer || seenOpen ? null : OPEN);
            String s = pending.toString();
            if (tag == null) {
                content.append(s);
                pending.setLength(0);
                break;
            }
            if (!inReasoning) {
                // Only leading whitespace may precede "<think>"; anything else means there is no think block.
                int k = 0;
                while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
                String rest = s.substring(k);
                if (rest.startsWith(OPEN)) {
                    inReasoning = true;
                    seenOpen = true;
                    pending.delete(0, k + OPEN.length());
                    continue;
                }
                if (rest.isEmpty() || OPEN.startsWith(rest)) {
                    break; // undecided: wait for more text
                }
                seenAnswer = true;
                continue;
            }
            int at = s.indexOf(tag);
            if (at >= 0) {
                reasoning.append(s, 0, at);
                pending.delete(0, at + tag.length());
                inReasoning = false;
                seenAnswer = true;
                stripLeadingNewlines();
                continue;
            }
            int keep = partialSuffix(s, tag);
            reasoning.append(s, 0, s.length() - keep);
            pending.delete(0, s.length() - keep);
            break;
        }
        return new Delta(reasoning.toString(), content.toString());
    }

    /** Whatever is still held back, at the end of generation. */
    public Delta flush() {
        String s = pending.toString();
        pending.setLength(0);
        if (inReasoning) {
            return new Delta(s, "");
        }
        return new Delta("", s);
    }

    /** The answer conventionally starts after a blank line that follows "&lt;/think&gt;": drop it. */
    private void stripLeadingNewlines() {
        while (pending.length() > 0 && (pending.charAt(0) == '\n' || pending.charAt(0) == '\r')) {
            pending.deleteCharAt(0);
        }
        if (pending.length() == 0) {
            dropNewlines = true; // they may still come in the next delta
        }
    }


    /** Length of the longest suffix of s that is a proper prefix of tag. */
    private static int partialSuffix(String s, String tag) {
        for (int n = Math.min(tag.length() - 1, s.length()); n > 0; n--) {
            if (s.regionMatches(s.length() - n, tag, 0, n)) {
                return n;
            }
        }
        return 0;
    }
}
