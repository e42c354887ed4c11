package dev.locara.conversation;

import java.util.List;

/** Conversations that exercise every field the export holds. */
final class Fixtures {
    private Fixtures() {
    }

    static Conversation full() {
        Sampling s = new Sampling(0.25, 0.9, 7, 0.0, 1.3, 2048, 12345, 4096);
        return new Conversation("c-1", "Ünïcödé & emoji 🦙", true, "You are terse.\nAnswer in French.", s, 1_700_000_000_000L,
                1_700_000_100_000L, List.of(
                        ChatMessage.user("m1", "Hello 👋🏽 — naïve café, 日本語, עברית, \u0000 and \u2028 too", 1_700_000_000_001L),
                        new ChatMessage("m2", Role.ASSISTANT, "**Bonjour** ! `code`\n\n```js\nalert(1)\n```", "The user greets;"
                                + " reply in French.\n\nKeep it short.", "qwen3-0.6b", 1_700_000_000_002L,
                                new MessageStats(31, 12, 412.5, 23.75, "stop")),
                        ChatMessage.user("m3", "", 1_700_000_000_003L),
                        new ChatMessage("m4", Role.ASSISTANT, "x".repeat(ConversationJson.MAX_MESSAGE_CHARS), null, "stories260k",
                                1_700_000_000_004L, new MessageStats(0, 65536, 0, 0, null)),
                        new ChatMessage("m5", Role.ASSISTANT, "stopped", "", null, 5, null)));
    }

    static Conversation small(String id, String title, long updatedAt, String... texts) {
        Conversation c = Conversation.start(id, "", Sampling.defaults(), 1).withTitle(title).touched(updatedAt);
        List<ChatMessage> ms = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            ms.add(i % 2 == 0 ? ChatMessage.user("u" + i, texts[i], i) : ChatMessage.assistant("a" + i, "m", i).withContent(texts[i]));
        }
        return c.withMessages(ms);
    }
}
