package dev.locara.conversation;

/**
 * One message of a conversation. Its text is untrusted (typed, generated or imported): it is stored
 * as it is and rendered as text or through the Markdown renderer, never as HTML.
 *
 * @param id        unique within its conversation; {@link Conversation#isSafeId} characters
 * @param content   the text; never null ("" while an answer has not started)
 * @param reasoning a reasoning model's thinking ({@code reasoning_content}), or null
 * @param model     the model that answered, or null (user messages)
 * @param createdAt milliseconds since the epoch
 * @param stats     how the answer was generated, or null (user messages, answers stopped before a token)
 */
public record ChatMessage(String id, Role role, String content, String reasoning, String model, long createdAt,
                          MessageStats stats) {
    public ChatMessage {
        if (!Conversation.isSafeId(id)) {
            throw new IllegalArgumentException("A message id must be 1 to " + Conversation.MAX_ID_CHARS
                    + " letters, digits, '.', '_' or '-', got " + Conversation.describeId(id) + ".");
        }
        if (role == null || content == null) {
            throw new IllegalArgumentException("A message needs a role and a content (\"\" for none yet).");
        }
        // The import's limits hold here too, so that whatever the app stores it can read back and re-import.
        if (content.length() > ConversationJson.MAX_MESSAGE_CHARS
                || (reasoning != null && reasoning.length() > ConversationJson.MAX_MESSAGE_CHARS)) {
            throw new IllegalArgumentException("A message may be at most " + ConversationReader.count(
                    ConversationJson.MAX_MESSAGE_CHARS) + " characters long (its reasoning too): shorten it or split it.");
        }
        if ((model != null && model.length() > ConversationJson.MAX_NAME_CHARS)
                || (stats != null && stats.finishReason() != null
                && stats.finishReason().length() > ConversationJson.MAX_NAME_CHARS)) {
            throw new IllegalArgumentException("A model name or finish reason may be at most "
                    + ConversationJson.MAX_NAME_CHARS + " characters long.");
        }
    }

    /** What the person typed. */
    public static ChatMessage user(String id, String content, long at) {
        return new ChatMessage(id, Role.USER, content, null, null, at, null);
    }

    /** An answer as it starts: no text yet, no stats. */
    public static ChatMessage assistant(String id, String model, long at) {
        return new ChatMessage(id, Role.ASSISTANT, "", null, model, at, null);
    }

    public ChatMessage withContent(String text) {
        return new ChatMessage(id, role, text, reasoning, model, createdAt, stats);
    }

    public ChatMessage withReasoning(String text) {
        return new ChatMessage(id, role, content, text, model, createdAt, stats);
    }

    public ChatMessage withStats(MessageStats s) {
        return new ChatMessage(id, role, content, reasoning, model, createdAt, s);
    }
}
