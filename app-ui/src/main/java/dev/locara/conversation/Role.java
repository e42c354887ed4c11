package dev.locara.conversation;

/**
 * Who wrote a message. The system prompt is not a message: it belongs to the {@link Conversation},
 * so that editing it does not rewrite the history.
 */
public enum Role {
    USER("user"),
    ASSISTANT("assistant");

    private final String json;

    Role(String json) {
        this.json = json;
    }

    /** The name in exports and in chat requests: "user" or "assistant". */
    public String json() {
        return json;
    }

    /** The role with this JSON name, or null for any other text (the caller says what was wrong). */
    public static Role fromJson(String name) {
        for (Role r : values()) {
            if (r.json.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
