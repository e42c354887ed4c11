package dev.locara.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** tokenizer.json to GGUF's vocabulary, and Hugging Face names to llama.cpp's, on small hand-written inputs. */
class TokenizerJsonTest {
    private static final String VOCAB = "\"vocab\": {\"[PAD]\": 0, \"[UNK]\": 1, \"[CLS]\": 2, \"[SEP]\": 3, \"hello\": 4, \"##lo\": 5}";

    private static String json(String normalizer) {
        return "{\"added_tokens\": [{\"id\": 2, \"content\": \"[CLS]\", \"special\": true}, {\"id\": 3, \"content\": \"[SEP]\", \"special\": true}],"
                + " \"normalizer\": " + normalizer + ", \"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\","
                + " \"continuing_subword_prefix\": \"##\", \"max_input_chars_per_word\": 100, " + VOCAB + "}}";
    }

    @Test
    void vocabularyIsRewrittenAsLlamaCppDoes() {
        TokenizerJson t = TokenizerJson.parse(json("{\"type\": \"BertNormalizer\", \"lowercase\": true, \"strip_accents\": null}"), 8);
        assertArrayEquals(new String[] {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "\u2581hello", "lo", "[PAD6]", "[PAD7]"}, t.tokens());
        assertArrayEquals(new int[] {1, 1, 3, 3, 1, 1, 3, 3}, t.types());
        assertEquals(2, t.cls());
        assertEquals(3, t.sep());
        assertEquals(1, t.unk());
        assertEquals(0, t.pad());
        assertEquals(-1, t.mask());
    }

    @Test
    void casedOrForeignTokenizersAreRefusedWithTheReason() {
        IllegalArgumentException cased = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.parse(
                json("{\"type\": \"BertNormalizer\", \"lowercase\": false, \"strip_accents\": null}"), 6));
        assertTrue(cased.getMessage().contains("uncased"), cased.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.parse(
                json("{\"type\": \"BertNormalizer\", \"lowercase\": true}"), 5));
        assertTrue(small.getMessage().contains("embedding has 5 rows"), small.getMessage());
        IllegalArgumentException bpe = assertThrows(IllegalArgumentException.class,
                () -> TokenizerJson.parse("{\"model\": {\"type\": \"BPE\"}}", 5));
        assertTrue(bpe.getMessage().contains("WordPiece"), bpe.getMessage());
    }

    @Test
    void huggingFaceNamesMapToLlamaCpps() {
        assertEquals("token_embd.weight", BertOnnxConverter.ggufName("embeddings.word_embeddings.weight"));
        assertEquals("token_embd_norm.bias", BertOnnxConverter.ggufName("embeddings.LayerNorm.bias"));
        assertEquals("blk.11.attn_v.weight", BertOnnxConverter.ggufName("encoder.layer.11.attention.self.value.weight"));
        assertEquals("blk.0.attn_output_norm.weight", BertOnnxConverter.ggufName("encoder.layer.0.attention.output.LayerNorm.weight"));
        assertEquals("blk.3.ffn_up.bias", BertOnnxConverter.ggufName("encoder.layer.3.intermediate.dense.bias"));
        assertEquals("blk.3.ffn_down.weight", BertOnnxConverter.ggufName("encoder.layer.3.output.dense.weight"));
        assertEquals("blk.3.layer_output_norm.bias", BertOnnxConverter.ggufName("encoder.layer.3.output.LayerNorm.bias"));
        assertNull(BertOnnxConverter.ggufName("pooler.dense.weight"));
    }
}
