package dev.locara.conversation;

import dev.locara.json.JsonWriter;
import java.util.List;

/**
 * One chat, immutable: each change makes a new value, which the store saves whole. The {@code with}
 * methods change only what they name; the caller sets {@code updatedAt} with {@link #touched}, so
 * that this stays free of clocks and testable.
 *
 * @param id           {@link #isSafeId} characters; the store's key
 * @param title        shown in the list; {@link #titleFrom} the first question until the person renames it
 * @param titleEdited  the person renamed it, so the first question no longer sets it
 * @param systemPrompt "" for none
 * @param createdAt    milliseconds since the epoch
 * @param updatedAt    milliseconds since the epoch; the list shows the newest first
 */
public record Conversation(String id, String title, boolean titleEdited, String systemPrompt, Sampling sampling,
                           long createdAt, long updatedAt, List<ChatMessage> messages) {
    public static final int MAX_ID_CHARS = 100;
    /** The title of a conversation without a question yet. */
    public static final String UNTITLED = "New chat";
    /** About this many characters of the first question make the title. */
    public static final int TITLE_CHARS = 60;

    public Conversation {
        if (!isSafeId(id)) {
            throw new IllegalArgumentException("A conversation id must be 1 to " + MAX_ID_CHARS
                    + " letters, digits, '.', '_' or '-', got " + describeId(id) + ".");
        }
        if (title == null || systemPrompt == null || sampling == null || messages == null) {
            throw new IllegalArgumentException("A conversation needs a title, a system prompt (\"\" for none),"
                    + " sampling settings and a list of messages.");
        }
        if (title.length() > ConversationJson.MAX_NAME_CHARS || systemPrompt.length() > ConversationJson.MAX_MESSAGE_CHARS) {
            throw new IllegalArgumentException("A title may be at most " + ConversationJson.MAX_NAME_CHARS
                    + " characters long, a system prompt at most " + ConversationReader.count(ConversationJson.MAX_MESSAGE_CHARS)
                    + ": shorten it.");
        }
        messages = List.copyOf(messages);
    }

    /** A conversation with no messages yet. */
    public static Conversation start(String id, String systemPrompt, Sampling sampling, long at) {
        return new Conversation(id, UNTITLED, false, systemPrompt, sampling, at, at, List.of());
    }

    public Conversation withMessages(List<ChatMessage> list) {
        return new Conversation(id, title, titleEdited, systemPrompt, sampling, createdAt, updatedAt, list);
    }

    /** Renamed by the person: later questions no longer change it. */
    public Conversation withTitle(String text) {
        return new Conversation(id, text, true, systemPrompt, sampling, createdAt, updatedAt, messages);
    }

    public Conversation withSystemPrompt(String text) {
        return new Conversation(id, title, titleEdited, text, sampling, createdAt, updatedAt, messages);
    }

    public Conversation withSampling(Sampling s) {
        return new Conversation(id, title, titleEdited, systemPrompt, s, createdAt, updatedAt, messages);
    }

    /** The same conversation, changed at {@code at}. */
    public Conversation touched(long at) {
        return new Conversation(id, title, titleEdited, systemPrompt, sampling, createdAt, at, messages);
    }

    /**
     * The title the first user message gives, unless the person renamed it: what the UI calls after
     * adding or editing that message.
     */
    public Conversation withAutoTitle() {
        if (titleEdited) {
            return this;
        }
        for (ChatMessage m : messages) {
            if (m.role() == Role.USER) {
                return new Conversation(id, titleFrom(m.content()), false, systemPrompt, sampling, createdAt, updatedAt,
                        messages);
            }
        }
        return this;
    }

    /**
     * A title from the first question: its first non-blank line, trimmed, with runs of white space as
     * one space; past {@link #TITLE_CHARS} characters cut at the last word boundary (or inside a word
     * that long, never inside a surrogate pair) with an ellipsis; {@link #UNTITLED} when there is no text.
     */
    public static String titleFrom(String firstQuestion) {
        String line = "";
        // Not String.split: under TeaVM it brings in java.util.regex, about 100 KB of wasm.
        for (int start = 0; firstQuestion != null && start <= firstQuestion.length() && line.isEmpty(); ) {
            int end = firstQuestion.indexOf('\n', start);
            end = end < 0 ? firstQuestion.length() : end;
            line = collapseSpace(firstQuestion.substring(start, end));
            start = end + 1;
        }
        if (line.isEmpty()) {
            return UNTITLED;
        }
        if (line.codePointCount(0, line.length()) <= TITLE_CHARS) {
            return line;
        }
        int cut = line.offsetByCodePoints(0, TITLE_CHARS);
        int space = line.lastIndexOf(' ', cut);
        // A word boundary in the last two thirds reads better than a cut word; one long word is cut anyway.
        if (space > TITLE_CHARS / 3) {
            cut = space;
        }
        return line.substring(0, cut).stripTrailing() + "…";
    }

    /** {@code s} trimmed, each run of white space inside it one space. */
    static String collapseSpace(String s) {
        StringBuilder sb = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Whether {@code id} may key a conversation or a message: 1 to {@link #MAX_ID_CHARS} ASCII letters,
     * digits, '.', '_' or '-' (a UUID fits), so an id never needs escaping wherever it is shown or used.
     */
    public static boolean isSafeId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_CHARS) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A bad id for an error message: quoted and shortened, since it may be anything. */
    static String describeId(String id) {
        if (id == null) {
            return "none";
        }
        if (id.isEmpty()) {
            return "an empty text";
        }
        return id.length() <= 40 ? JsonWriter.COMPACT.write(id)
                : JsonWriter.COMPACT.write(id.substring(0, 40)) + "… (" + id.length() + " characters)";
    }
}
