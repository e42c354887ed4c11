package dev.locara.grounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.DemoModel;
import dev.locara.docs.Chunk;
import dev.locara.docs.TokenCounter;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufReader;
import dev.locara.retrieval.SearchResult;
import dev.locara.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GroundedPromptTest {
    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        try (FileByteSource source = DemoModel.open()) {
            tokenizer = Tokenizer.fromGguf(GgufReader.read(source));
        }
    }

    private static int tokens(String s) {
        return tokenizer.encode(s, false, false).length;
    }

    private static SearchResult result(int rank, String doc, int page, String text) {
        Chunk c = new Chunk(doc, rank, List.of("Care"), page, 100 * rank, 100 * rank + text.length(), text, 0);
        return new SearchResult(c, rank, 1.0 / rank, rank, 0, List.of());
    }

    @Test
    void passagesGoInRankOrderWhileTheyFitAndTheFiguresAddUp() {
        String big = "The tank holds one litre of water and the machine heats it slowly. ".repeat(12);
        List<SearchResult> ranked = List.of(result(1, "manual", 3, "Descale the machine every month with citric acid."),
                result(2, "manual", 4, big), result(3, "faq", 0, "Descaling takes twenty minutes."));
        List<Turn> history = List.of(new Turn("user", "How do I descale the coffee machine?"),
                new Turn("assistant", "Use citric acid [1]."));
        String question = "and how long does it take?";
        int context = 512;
        int reserve = 64;
        GroundedPrompt.Built b = GroundedPrompt.build(ranked, Map.of("manual", "Manual.pdf"), context,
                TokenCounter.of(tokenizer), history, question, reserve);

        String tag1 = "\n\n[1] Manual.pdf, page 3, Care:\nDescale the machine every month with citric acid.";
        String tag2 = "\n\n[2] faq, Care:\nDescaling takes twenty minutes.";
        int instruction = tokens(GroundedPrompt.INSTRUCTION);
        int conversation = tokens(history.get(0).content()) + tokens(history.get(1).content()) + tokens(question);
        int budget = context - reserve - instruction - conversation;
        assertTrue(tokens("\n\n" + GroundedPrompt.tag(2, "Manual.pdf", ranked.get(1).chunk())) > budget,
                "the fixture's long passage must exceed the budget");

        assertEquals(List.of(1, 2), b.sources().stream().map(GroundedPrompt.Source::number).toList());
        assertEquals(ranked.get(0).chunk(), b.sources().get(0).chunk());
        assertEquals(ranked.get(2).chunk(), b.sources().get(1).chunk());
        assertEquals(1, b.leftOut().size());
        assertEquals(ranked.get(1), b.leftOut().get(0).result());
        int leftTokens = tokens("\n\n" + GroundedPrompt.tag(2, "Manual.pdf", ranked.get(1).chunk()));
        assertEquals("needs " + leftTokens + " tokens, " + (budget - tokens(tag1)) + " left", b.leftOut().get(0).reason());
        assertEquals(new GroundedPrompt.TokenBudget(context, reserve, instruction, conversation,
                tokens(tag1) + tokens(tag2)), b.budget());

        assertEquals(new Turn("system", GroundedPrompt.INSTRUCTION + tag1 + tag2), b.messages().get(0));
        assertEquals(history, b.messages().subList(1, 3));
        assertEquals(new Turn("user", question), b.messages().get(3));
    }

    @Test
    void noResultsStillCarriesTheInstruction() {
        GroundedPrompt.Built b = GroundedPrompt.build(List.of(), Map.of(), 512, TokenCounter.of(tokenizer), List.of(),
                "What is the warranty?", 128);
        assertEquals(GroundedPrompt.INSTRUCTION, b.messages().get(0).content());
        assertTrue(b.sources().isEmpty());
    }

    @Test
    void aConversationLargerThanTheContextIsRefusedWithWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroundedPrompt.build(List.of(),
                Map.of(), 64, TokenCounter.of(tokenizer), List.of(), "word ".repeat(100), 16));
        assertTrue(e.getMessage().contains("start a new conversation"), e.getMessage());
    }
}
