package dev.locara.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {}, \"c\": []} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "b", "c"), List.copyOf(m.keySet()));
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2500.0, a.get(1));
        assertEquals(true, a.get(2));
        assertEquals(false, a.get(3));
        assertEquals(Json.NULL, a.get(4));
        assertEquals("x\u00e9\n\"", a.get(5));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(List.of(), m.get("c"));
    }

    @Test
    void keepsLargeIntegersExact() {
        // Model sizes above 2^32 must not lose bytes.
        assertEquals(4_683_074_336L, Json.parse("4683074336"));
        assertEquals(Long.valueOf(0), Json.parse("0"));
        assertEquals(1e20, Json.parse("100000000000000000000"));
        // Regression (fuzzing, ROBUSTNESS.md): 19-digit longs and 18-digit negatives were read as doubles, off by up to 1024.
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(1234567890123456789L, Json.parse("1234567890123456789"));
        assertEquals(-123456789012345678L, Json.parse("-123456789012345678"));
        assertEquals(9.223372036854775808e18, Json.parse("9223372036854775808"));
    }

    @Test
    void rejectsMalformedTextWithPosition() {
        String[] bad = {"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "\"abc", "tru", "[1] 2",
            "{\"a\":1,\"a\":2}", "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "{a:1}", "[" .repeat(100)};
        for (String s : bad) {
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(s), s);
            assertTrue(e.getMessage().startsWith("Invalid JSON at line "), e.getMessage());
        }
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": tru\n}"));
        assertEquals("Invalid JSON at line 2, column 8: unexpected 't', a value was expected.", e.getMessage());
    }

    @Test
    void writesWhatItReadsBack() {
        String text = "{\"a\":[1,-2.5,true,false,null,\"x\u00e9\\n\\\"\\u0001\"],\"b\":{},\"c\":[],\"big\":4683074336}";
        Object v = Json.parse(text);
        assertEquals(text, JsonWriter.COMPACT.write(v));
        assertEquals(v, Json.parse(JsonWriter.COMPACT.write(v)));
        assertEquals("[\n  1,\n  {\n    \"k\": null\n  }\n]", new JsonWriter(2, ", ", ": ").write(Json.parse("[1, {\"k\": null}]")));
    }

    @Test
    void prettyWritesAnItemALineWithEmptyContainersKeptShort() {
        Object v = Json.parse("{\"a\":[1,{}],\"b\":[],\"c\":{\"d\":\"e\"}}");
        assertEquals("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": [],\n  \"c\": {\n    \"d\": \"e\"\n  }\n}",
                JsonWriter.PRETTY.write(v));
        assertEquals(v, Json.parse(JsonWriter.PRETTY.write(v)));
    }

    @Test
    void readsNullAsAskedAndRefusesToWriteWhatItWouldNotRead() {
        assertEquals(java.util.Arrays.asList(1L, null), Json.parse("[1, null]", null));
        assertEquals("[null,null]", JsonWriter.COMPACT.write(List.of(Double.NaN, Double.POSITIVE_INFINITY)));
        Object deep = List.of();
        for (int i = 0; i < 100; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        JsonException e = assertThrows(JsonException.class, () -> JsonWriter.COMPACT.write(tooDeep));
        assertTrue(e.getMessage().contains("deeper than 64"), e.getMessage());
    }
}
