package dev.locara.grounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.DemoModel;
import dev.locara.docs.Chunk;
import dev.locara.docs.TokenCounter;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufReader;
import dev.locara.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SummaryPlanTest {
    private static TokenCounter counter;

    @BeforeAll
    static void load() throws Exception {
        try (FileByteSource source = DemoModel.open()) {
            counter = TokenCounter.of(Tokenizer.fromGguf(GgufReader.read(source)));
        }
    }

    private static List<Chunk> chunks(int n) {
        List<Chunk> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < n; i++) {
            String t = "Step " + i + ": the girl put the ball in box " + i + " and the dog ran to the park to play.";
            out.add(new Chunk("story", i, List.of(), 0, at, at + t.length(), t, 0));
            at += t.length() + 1;
        }
        return out;
    }

    @Test
    void aLongDocumentSplitsIntoPartsThatFitA512TokenContext() {
        int context = 512;
        int reserve = 96;
        List<Chunk> chunks = chunks(60);
        SummaryPlan plan = SummaryPlan.of("Story.txt", chunks, context, counter, reserve);
        assertTrue(plan.parts().size() >= 3, "parts: " + plan.parts().size());
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < plan.parts().size(); i++) {
            int prompt = 0;
            for (Turn t : plan.partPrompt(i)) {
                prompt += counter.count(t.content());
            }
            assertTrue(prompt + reserve <= context, "part " + i + " takes " + prompt);
            if (i + 1 < plan.parts().size()) { // a part is full: the next chunk would not have fitted
                String next = plan.parts().get(i + 1).split("\n\n")[0];
                int grown = counter.count(SummaryPlan.PART_INSTRUCTION)
                        + counter.count("Document: Story.txt\n\n" + plan.parts().get(i) + "\n\n" + next);
                assertTrue(grown + reserve > context, "part " + i + " could have taken one more chunk");
            }
            all.append(i == 0 ? "" : "\n\n").append(plan.parts().get(i));
        }
        assertEquals(String.join("\n\n", chunks.stream().map(Chunk::text).toList()), all.toString());
    }

    @Test
    void summariesCombineInGroupsThatFitUntilOneIsLeft() {
        int context = 512;
        int reserve = 96;
        SummaryPlan plan = SummaryPlan.of("Story.txt", chunks(60), context, counter, reserve);
        String summary = "The girl and the dog played. ".repeat(3);
        List<String> round = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            round.add(summary);
        }
        List<List<String>> groups = plan.combineGroups(round);
        assertTrue(groups.size() > 1 && groups.size() < 9, "groups: " + groups.size());
        assertEquals(9, groups.stream().mapToInt(List::size).sum());
        for (List<String> g : groups) {
            int prompt = 0;
            for (Turn t : plan.combinePrompt(g)) {
                prompt += counter.count(t.content());
            }
            assertTrue(prompt + reserve <= context, "a combine takes " + prompt);
        }
        assertEquals(1, plan.combineGroups(round.subList(0, 1)).size());
        assertTrue(plan.maxSteps() > plan.parts().size());
    }

    @Test
    void anOversizeChunkIsCutAtSpaces() {
        String t = "word ".repeat(600).strip();
        SummaryPlan plan = SummaryPlan.of("Big.txt", List.of(new Chunk("big", 0, List.of(), 0, 0, t.length(), t, 0)),
                512, counter, 96);
        assertTrue(plan.parts().size() >= 2);
        assertEquals(t, String.join(" ", plan.parts()).replace("\n\n", " "));
    }

    @Test
    void aContextTooSmallToCombineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SummaryPlan.of("Story.txt", chunks(3), 256, counter, 120));
        assertTrue(e.getMessage().contains("larger context"), e.getMessage());
    }
}
