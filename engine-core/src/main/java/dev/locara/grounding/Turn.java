package dev.locara.grounding;

/** One message of a conversation: {@code role} is "system", "user" or "assistant". */
public record Turn(String role, String content) {
    public Turn {
        if (role == null || content == null) {
            throw new IllegalArgumentException("A turn needs a role and a content (use \"\" for an empty one).");
        }
    }
}
