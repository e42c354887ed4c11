package dev.locara.tokenizer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndOfGenerationTest {
    @Test
    void endOfTurnTokensEndGenerationAsInLlamaCpp() {
        String[] tokens = {"<unk>", "<s>", "</s>", "<|im_end|>", "<|eot_id|>", "<end_of_turn>", "<|end|>", "hi", "<|im_start|>"};
        TokenType[] types = new TokenType[tokens.length];
        java.util.Arrays.fill(types, TokenType.CONTROL);
        types[7] = TokenType.NORMAL;
        Vocabulary v = new Vocabulary(tokens, null, types, 1, 2, 0, true, false, false);
        for (int id = 2; id <= 6; id++) {
            assertTrue(v.isEndOfGeneration(id), tokens[id]);
        }
        assertFalse(v.isEndOfGeneration(1), "BOS");
        assertFalse(v.isEndOfGeneration(7), "a word");
        assertFalse(v.isEndOfGeneration(8), "a turn start");
    }
}
