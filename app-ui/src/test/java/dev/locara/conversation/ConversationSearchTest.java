package dev.locara.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationSearchTest {
    private static final Conversation LLAMAS = Fixtures.small("a", "Llamas", 30, "Where do llamas live?",
            "Llamas live in the Andes, mostly in Peru and Bolivia, at high altitude where the air is thin and cold.");
    private static final Conversation RUST = Fixtures.small("b", "Rust borrow checker", 10, "Explain lifetimes", "A lifetime…");
    private static final Conversation GREEK = Fixtures.small("c", "ΣΟΦΙΑ", 20, "Τι είναι η σοφία;", "Ἡ σοφία ἐστίν…");
    private static final List<Conversation> ALL = List.of(RUST, LLAMAS, GREEK);

    private static List<String> ids(List<Conversation> cs) {
        return cs.stream().map(Conversation::id).toList();
    }

    @Test
    void filtersNewestFirst() {
        assertEquals(List.of("a", "c", "b"), ids(ConversationSearch.filter(ALL, "")));
        assertEquals(List.of("a", "c", "b"), ids(ConversationSearch.filter(ALL, "   ")));
        assertEquals(List.of("a"), ids(ConversationSearch.filter(ALL, "PERU")), "case-insensitive, in answers");
        assertEquals(List.of("b"), ids(ConversationSearch.filter(ALL, "borrow")), "in titles");
        assertEquals(List.of("a"), ids(ConversationSearch.filter(ALL, "andes   llamas")), "every word, anywhere");
        assertEquals(List.of(), ids(ConversationSearch.filter(ALL, "andes rust")), "every word must match");
        assertEquals(List.of("c"), ids(ConversationSearch.filter(ALL, "σοφια")), "Greek capitals fold to lower case");
        assertEquals(List.of("c"), ids(ConversationSearch.filter(ALL, "ΣΟΦΊΑ;")));
        assertEquals(List.of("a", "b"), ids(ConversationSearch.filter(ALL, "e")));
    }

    @Test
    void foldingKeepsPositions() {
        assertEquals("straße", ConversationSearch.fold("STRAßE"));
        assertEquals("σοσ σ", ConversationSearch.fold("ΣΟΣ ς"), "final sigma folds with sigma");
        assertEquals("istanbul àé", ConversationSearch.fold("İstanbul ÀÉ"));
        for (String s : List.of("STRAßE", "ΣΟΣ ς", "İstanbul", "🦙 ÀÉ 𐐀")) {
            assertEquals(s.length(), ConversationSearch.fold(s).length(), s);
        }
        assertEquals("𐐨", ConversationSearch.fold("𐐀"), "astral letters fold too");
    }

    @Test
    void snippets() {
        // "Peru" at 36: from the start (36 - 40 < 0) to the last word end before 40 + 40.
        assertEquals("Llamas live in the Andes, mostly in Peru and Bolivia, at high altitude where…",
                ConversationSearch.snippet(LLAMAS, "peru"));
        // "high" at 57: 40 characters back is inside "the", so the snippet starts at the next word.
        assertEquals("…Andes, mostly in Peru and Bolivia, at high altitude where the air is thin and…",
                ConversationSearch.snippet(LLAMAS, "HIGH"));
        assertEquals("Where do llamas live?", ConversationSearch.snippet(LLAMAS, "where"), "first message that matches");
        assertEquals("Where do llamas live?", ConversationSearch.snippet(LLAMAS, ""), "no query: the start");
        assertEquals("Explain lifetimes", ConversationSearch.snippet(RUST, "checker"), "only the title matches");
        assertEquals("", ConversationSearch.snippet(Conversation.start("e", "", Sampling.defaults(), 1), "x"));
        // 40 characters either side of "needle" would fall inside a pair; the cut moves out of it.
        Conversation emoji = Fixtures.small("d", "t", 1, "🦙".repeat(30) + "xneedlex" + "🦙".repeat(30));
        String s = ConversationSearch.snippet(emoji, "needle");
        assertEquals("…" + "🦙".repeat(20) + "xneedlex" + "🦙".repeat(20) + "…", s, "no surrogate pair cut in two");
        Conversation lines = Fixtures.small("e", "t", 1, "one\n\ntwo\tthree");
        assertEquals("one two three", ConversationSearch.snippet(lines, "two"));
    }
}
