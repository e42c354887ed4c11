package dev.locara.cache;

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
}
