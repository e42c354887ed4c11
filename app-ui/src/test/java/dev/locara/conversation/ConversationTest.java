package dev.locara.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
    @Test
    void titleFromTheFirstQuestion() {
        assertEquals("New chat", Conversation.titleFrom(""));
        assertEquals("New chat", Conversation.titleFrom(null));
        assertEquals("New chat", Conversation.titleFrom(" \n\t\n  "));
        assertEquals("What is a llama?", Conversation.titleFrom("  What is a llama?  \nSecond line"));
        assertEquals("Skips blank lines", Conversation.titleFrom("\n\n   \nSkips   blank\tlines\n"));
        String sixty = "a".repeat(60);
        assertEquals(sixty, Conversation.titleFrom(sixty), "60 characters fit");
        assertEquals("Explain how the rotary position embedding of a transformer…",
                Conversation.titleFrom("Explain how the rotary position embedding of a transformer works, step by step"),
                "cut at the last word boundary before 60 characters");
        assertEquals("a".repeat(60) + "…", Conversation.titleFrom("a".repeat(61)), "one long word is cut inside it");
        String emoji = "🦙".repeat(70);
        assertEquals("🦙".repeat(60) + "…", Conversation.titleFrom(emoji), "counted in code points, no pair split");
    }

    @Test
    void helpersChangeOnlyWhatTheyName() {
        Conversation c = Conversation.start("c1", "sys", Sampling.defaults(), 100);
        assertEquals(new Conversation("c1", "New chat", false, "sys", Sampling.defaults(), 100, 100, List.of()), c);
        Conversation renamed = c.withTitle("Mine");
        assertTrue(renamed.titleEdited());
        assertEquals("Mine", renamed.title());
        assertEquals(100, renamed.updatedAt());
        assertEquals(300, renamed.touched(300).updatedAt());
        assertEquals(100, renamed.touched(300).createdAt());
        Sampling s = new Sampling(0, 1, 0, 0, 1, 64, 7, 0);
        assertEquals(s, c.withSampling(s).sampling());
        assertEquals("other", c.withSystemPrompt("other").systemPrompt());

        List<ChatMessage> ms = new ArrayList<>(List.of(ChatMessage.user("m1", "First question here", 1)));
        Conversation withMessages = c.withMessages(ms).withAutoTitle();
        ms.add(ChatMessage.user("m2", "added later", 2));
        assertEquals(1, withMessages.messages().size(), "the conversation keeps its own copy");
        assertThrows(UnsupportedOperationException.class, () -> withMessages.messages().add(ms.get(1)));
        assertEquals("First question here", withMessages.title());
        assertFalse(withMessages.titleEdited());
        assertEquals("Mine", renamed.withMessages(ms).withAutoTitle().title(), "a renamed one keeps its name");
    }

    @Test
    void messageHelpers() {
        ChatMessage u = ChatMessage.user("u1", "hi", 5);
        assertEquals(new ChatMessage("u1", Role.USER, "hi", null, null, 5, null), u);
        assertEquals("edited", u.withContent("edited").content());
        ChatMessage a = ChatMessage.assistant("a1", "demo", 6).withReasoning("think").withStats(new MessageStats(1, 2, 3, 4, "stop"));
        assertEquals(new ChatMessage("a1", Role.ASSISTANT, "", "think", "demo", 6, new MessageStats(1, 2, 3, 4, "stop")), a);
        assertEquals("assistant", Role.ASSISTANT.json());
        assertEquals(Role.USER, Role.fromJson("user"));
        assertEquals(null, Role.fromJson("system"));
    }

    @Test
    void refusesWhatCouldNotBeStored() {
        assertThrows(IllegalArgumentException.class, () -> ChatMessage.user("m1", null, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatMessage.user("a b", "x", 1)).getMessage()
                .contains("got \"a b\""));
        assertThrows(IllegalArgumentException.class, () -> Conversation.start("", "", Sampling.defaults(), 1));
        assertThrows(IllegalArgumentException.class, () -> Conversation.start("x".repeat(101), "", Sampling.defaults(), 1));
        assertTrue(Conversation.isSafeId("3f2b8c1e-9d4a-4c7e-8b1a-0e5f6d7c8b9a"), "a UUID");
        assertTrue(Conversation.isSafeId("c_1.2"));
        assertFalse(Conversation.isSafeId("é"));
        assertFalse(Conversation.isSafeId("a/b"));
        String longest = "x".repeat(ConversationJson.MAX_MESSAGE_CHARS);
        ChatMessage.user("m", longest, 1);
        assertEquals("A message may be at most 1,000,000 characters long (its reasoning too): shorten it or split it.",
                assertThrows(IllegalArgumentException.class, () -> ChatMessage.user("m", longest + "x", 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChatMessage.assistant("m", "q", 1).withReasoning(longest + "x"));
        assertThrows(IllegalArgumentException.class, () -> ChatMessage.assistant("m", "q".repeat(1001), 1));
        Conversation c = Conversation.start("c", "", Sampling.defaults(), 1);
        c.withTitle("t".repeat(ConversationJson.MAX_NAME_CHARS));
        assertThrows(IllegalArgumentException.class, () -> c.withTitle("t".repeat(ConversationJson.MAX_NAME_CHARS + 1)));
        assertThrows(IllegalArgumentException.class, () -> c.withSystemPrompt(longest + "x"));
        assertThrows(IllegalArgumentException.class, () -> new MessageStats(-1, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new MessageStats(0, 0, Double.NaN, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new MessageStats(0, 0, 0, Double.POSITIVE_INFINITY, null));
    }
}
