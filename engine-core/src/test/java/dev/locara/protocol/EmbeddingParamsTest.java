package dev.locara.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.embed.InputType;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** embeddings.create's fields, checked in Java as the page checks them before anything is sent. */
class EmbeddingParamsTest {
    private static EmbeddingParams parse(String fields) {
        return EmbeddingParams.parse("{\"model\":\"all-minilm-l6-v2\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    private static String refusal(String fields) {
        return assertThrows(IllegalArgumentException.class, () -> parse(fields), fields).getMessage();
    }

    @Test
    void aStringOrAnArrayOfStringsWithOpenAisDefaults() {
        EmbeddingParams one = parse("\"input\":\"hello\"");
        assertEquals(new EmbeddingParams("all-minilm-l6-v2", List.of("hello"), null, 0), one);
        EmbeddingParams many = parse("\"input\":[\"a\",\"b c\"],\"input_type\":\"document\",\"dimensions\":256,"
                + "\"encoding_format\":\"float\",\"signal\":{},\"user\":null");
        assertEquals(List.of("a", "b c"), many.input());
        assertEquals(InputType.DOCUMENT, many.inputType());
        assertEquals(256, many.dimensions());
        assertEquals(InputType.QUERY, parse("\"input\":\"q\",\"input_type\":\"query\"").inputType());
        assertNull(parse("\"input\":\"q\",\"input_type\":null").inputType());
        assertEquals(new dev.locara.embed.EmbeddingRequest(List.of("a", "b c"), InputType.DOCUMENT, 256), many.request());
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        assertTrue(refusal("").contains("'input'"));
        assertTrue(refusal("\"input\":[]").contains("'input'"));
        assertTrue(refusal("\"input\":\"\"").contains("Item 0 is empty"));
        assertTrue(refusal("\"input\":[\"a\",5]").contains("Item 1 is not a string"));
        assertTrue(refusal("\"input\":[101,2023,102]").contains("token arrays are not taken"));
        assertTrue(refusal("\"input\":\"a\",\"input_type\":\"passage\"").contains("input_type"));
        assertTrue(refusal("\"input\":\"a\",\"input_type\":1").contains("input_type"));
        assertTrue(refusal("\"input\":\"a\",\"dimensions\":0").contains("'dimensions'"));
        assertTrue(refusal("\"input\":\"a\",\"dimensions\":2.5").contains("'dimensions'"));
        assertTrue(refusal("\"input\":\"a\",\"dimensions\":{\"\\u0000\":\"NaN\"}").contains("'dimensions'"));
        assertTrue(refusal("\"input\":\"a\",\"encoding_format\":\"base64\"").contains("'encoding_format'"));
        String many = "\"input\":[" + String.join(",", Collections.nCopies(EmbeddingParams.MAX_INPUTS + 1, "\"x\"")) + "]";
        assertTrue(refusal(many).contains("2048"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmbeddingParams.parse("{\"input\":\"a\"}"))
                .getMessage().contains("'model'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmbeddingParams.parse("[\"a\"]"))
                .getMessage().contains("request object"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingParams.parse(null));
    }

    @Test
    void theWorkerRefusesWhatThePageWouldNotSend() {
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingParams("m", List.of(), null, 0));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingParams("m", List.of("a"), null, -1));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingParams(null, List.of("a"), null, 0));
    }
}
