package dev.locara.grounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRewriteTest {
    private static final List<Turn> HISTORY = List.of(new Turn("user", "How do I descale the coffee machine?"),
            new Turn("assistant", "Fill the tank with descaler and run the programme [1]."));

    @Test
    void followUpTakesTheEarlierQuestionsWords() {
        QueryRewrite.Rewritten r = QueryRewrite.of("and how long does it take?", HISTORY);
        assertEquals("and how long does it take? descale coffee machine", r.query());
        assertTrue(r.widened());
        assertEquals("The question opens with \"and\", so the words of the earlier question were added:"
                + " descale coffee machine.", r.explanation());
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
        assertEquals("and that? coffee grinder settings router firmware update", QueryRewrite.of("and that?", h).query());
    }

    @Test
    void noHistoryLeavesTheQuestion() {
        assertEquals("and it?", QueryRewrite.of("and it?", List.of()).query());
    }
}
