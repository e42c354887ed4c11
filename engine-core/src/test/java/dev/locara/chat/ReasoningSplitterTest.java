package dev.locara.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasoningSplitterTest {
    /** Feeds the text in pieces of {@code size} characters and returns {reasoning, content}. */
    private static String[] split(ReasoningSplitter s, String text, int size) {
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < text.length(); i += size) {
            ReasoningSplitter.Delta d = s.push(text.substring(i, Math.min(text.length(), i + size)));
            reasoning.append(d.reasoning());
            content.append(d.content());
        }
        ReasoningSplitter.Delta d = s.flush();
        return new String[] {reasoning.append(d.reasoning()).toString(), content.append(d.content()).toString()};
    }

    @Test
    void separatesAThinkBlockWhateverTheDeltaSizes() {
        String text = "<think>\nLet me add: 2 + 2 = 4.\n</think>\n\nThe answer is 4.";
        for (int size = 1; size <= text.length(); size++) {
            String[] r = split(new ReasoningSplitter(), text, size);
            assertEquals("\nLet me add: 2 + 2 = 4.\n", r[0], "delta size " + size);
            assertEquals("The answer is 4.", r[1], "delta size " + size);
        }
    }

    @Test
    void promptThatOpenedTheBlockStartsInReasoning() {
        String prompt = "<｜User｜>Hi<｜Assistant｜><think>\n";
        assertTrue(ReasoningSplitter.promptOpensReasoning(prompt));
        assertFalse(ReasoningSplitter.promptOpensReasoning("<|im_start|>assistant\n"));
        for (int size = 1; size <= 5; size++) {
            String[] r = split(ReasoningSplitter.startedInReasoning(), "Hmm, a greeting.</think>\n\nHello!", size);
            assertEquals("Hmm, a greeting.", r[0]);
            assertEquals("Hello!", r[1]);
        }
    }

    @Test
    void textWithoutAThinkBlockIsAllContent() {
        for (int size = 1; size <= 4; size++) {
            String[] r = split(new ReasoningSplitter(), "<thin>k is not a tag, and a later <think> is text", size);
            assertEquals("", r[0]);
            assertEquals("<thin>k is not a tag, and a later <think> is text", r[1]);
        }
    }

    @Test
    void unfinishedReasoningStaysReasoningAndAPartialTagIsHeldBack() {
        ReasoningSplitter s = new ReasoningSplitter();
        assertTrue(s.push("<thi").isEmpty()); // could still become "<think>"
        assertEquals(new ReasoningSplitter.Delta("step 1 ", ""), s.push("nk>step 1 </th"));
        assertEquals(new ReasoningSplitter.Delta("</th", ""), s.flush()); // cut off by max_tokens: it was reasoning
    }
}
