package dev.locara.grounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.docs.Chunk;
import dev.locara.retrieval.DocumentIndex;
import dev.locara.retrieval.IndexedDocument;
import dev.locara.retrieval.SearchMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRewriteTest {
    private static final List<Turn> HISTORY = List.of(new Turn("user", "How do I descale the coffee machine?"),
            new Turn("assistant", "Fill the tank with descaler and run the programme [1]."));

    @Test
    void followUpTakesTheEarlierQuestionsWords() {
        QueryRewrite.Rewritten r = QueryRewrite.of("and how long does it take?", HISTORY);
        assertEquals("descale coffee machine", r.query());
        assertTrue(r.widened());
        assertEquals("The question opens with \"and\", so it is searched with the words of the earlier"
                + " question: descale coffee machine.", r.explanation());
    }

    @Test
    void theFollowUpsOwnContentWordsComeFirst() {
        assertEquals("void warranty descale coffee machine", QueryRewrite.of("Does it void the warranty?", HISTORY).query());
    }

    @Test
    void pronounAndShortQuestionsLeanOnHistory() {
        assertEquals("refers back with \"it\"", QueryRewrite.leansOnHistory("Where is it kept during winter storage?"));
        assertEquals("has only 1 content word", QueryRewrite.leansOnHistory("Why descaling?"));
    }

    @Test
    void aQuestionThatStandsAloneIsUnchanged() {
        QueryRewrite.Rewritten r = QueryRewrite.of("What voltage does the garden pump need?", HISTORY);
        assertEquals("What voltage does the garden pump need?", r.query());
        assertFalse(r.widened());
    }

    @Test
    void onlyUserTurnsAndOnlyTheLastTwoAreRead() {
        List<Turn> h = List.of(new Turn("user", "printer toner cartridge"), new Turn("user", "router firmware update"),
                new Turn("assistant", "bananas"), new Turn("user", "coffee grinder settings"));
        assertEquals("coffee grinder settings router firmware update", QueryRewrite.of("and that?", h).query());
    }

    @Test
    void noHistoryLeavesTheQuestion() {
        assertEquals("and it?", QueryRewrite.of("and it?", List.of()).query());
    }

    @Test
    void theRewrittenFollowUpRetrievesTheDescalingPassage() {
        String[] texts = {
            "Descaling: fill the coffee machine's tank with descaler and start the descaling programme.",
            "How long does the garden hose take to roll up? The reel takes about a minute.",
            "The kettle boils one litre of water in three minutes.",
        };
        List<Chunk> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < texts.length; i++) {
            chunks.add(new Chunk("manual", i, List.of(), 0, at, at + texts[i].length(), texts[i], 0));
            at += texts[i].length() + 1;
        }
        DocumentIndex index = new DocumentIndex();
        index.put(new IndexedDocument("manual", "", chunks, null));
        String followUp = "and how long does it take?";
        // the bare follow-up finds the hose passage, which shares "how long does take"
        assertEquals(1, index.search(followUp, null, SearchMode.KEYWORD, 1, null).get(0).chunk().ordinal());
        String query = QueryRewrite.of(followUp, HISTORY).query();
        assertEquals(0, index.search(query, null, SearchMode.KEYWORD, 1, null).get(0).chunk().ordinal());
    }
}
