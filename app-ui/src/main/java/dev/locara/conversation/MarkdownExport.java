package dev.locara.conversation;

/**
 * A conversation as a Markdown transcript for people to read or share: the title as a heading, the
 * system prompt, then each message under "**You**" or "**Assistant (model)**". Messages are copied
 * as written (answers are Markdown already); a reasoning model's thinking is a quoted block before
 * its answer, since {@code <details>} is HTML that many Markdown viewers drop.
 */
public final class MarkdownExport {
    private MarkdownExport() {
    }

    public static String of(Conversation c) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(heading(c.title())).append("\n\n");
        if (!c.systemPrompt().isBlank()) {
            md.append("**System prompt**\n\n");
            quote(md, c.systemPrompt());
            md.append('\n');
        }
        for (ChatMessage m : c.messages()) {
            md.append("---\n\n");
            if (m.role() == Role.USER) {
                md.append("**You**\n\n");
            } else {
                md.append("**Assistant").append(m.model() == null || m.model().isBlank() ? "" : " (" + heading(m.model())
                        + ")").append("**\n\n");
            }
            if (m.reasoning() != null && !m.reasoning().isBlank()) {
                md.append("> *Thinking*\n>\n");
                quote(md, m.reasoning());
                md.append('\n');
            }
            md.append(m.content().strip()).append("\n\n");
        }
        return md.toString();
    }

    /** Every line of {@code text} behind "> ", blank lines as ">", so the block stays one quote. */
    private static void quote(StringBuilder md, String text) {
        String t = text.strip();
        int start = 0;
        while (start <= t.length()) {
            int end = t.indexOf('\n', start);
            end = end < 0 ? t.length() : end;
            String line = t.substring(start, end);
            md.append(line.isBlank() ? ">" : "> " + line).append('\n');
            start = end + 1;
        }
    }

    /**
     * A title on one line, its Markdown punctuation escaped: a title is a name, not markup, and
     * "# *x*" must not become emphasis.
     */
    static String heading(String text) {
        String line = Conversation.collapseSpace(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ("\\`*_[]<>#~|&".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.length() == 0 ? Conversation.UNTITLED : sb.toString();
    }
}
